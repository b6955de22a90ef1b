// Our generated OCPP-S service descriptions against the official 1.6 WSDLs, compared as
// parsed structures (fast-xml-parser), not bytes: operations and their WS-Addressing actions,
// body elements, namespaces, and every type's fields in order with XSD type and occurrence.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readReference } from '../reference.js';

type Node = Record<string, unknown>;

interface ServiceStructure {
  targetNamespace: string;
  operations: Record<string, { input: string; output: string; soapAction: string; header: string }>;
  elements: Record<string, string>;
  complexTypes: Record<string, { name: string; type: string; minOccurs: string; maxOccurs: string }[]>;
  simpleTypes: Record<string, { base: string; maxLength?: string; fractionDigits?: string; enumeration: string[] }>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['element', 'complexType', 'simpleType', 'operation', 'message', 'enumeration'].includes(name),
});

const list = (value: unknown): Node[] => (value === undefined ? [] : (value as Node[]));
const local = (qname: unknown) => String(qname).replace(/^[^:]*:/, '');

/** Reads the facts a SOAP peer depends on out of a WSDL document. */
function structure(xml: string): ServiceStructure {
  const definitions = (parser.parse(xml) as { definitions: Node }).definitions;
  const schema = (definitions.types as Node).schema as Node;
  const messages = Object.fromEntries(
    list(definitions.message).map((m) => [m['@name'], local((m.part as Node)['@element'])]),
  );
  const bindingOps = Object.fromEntries(
    list((definitions.binding as Node).operation).map((op) => [
      op['@name'],
      {
        soapAction: String((op.operation as Node[])[0]?.['@soapAction']),
        header: String(((op.input as Node).header as Node | undefined)?.['@part'] ?? ''),
      },
    ]),
  );
  const operations: ServiceStructure['operations'] = {};
  for (const op of list((definitions.portType as Node).operation)) {
    const name = String(op['@name']);
    const input = op.input as Node;
    const output = op.output as Node;
    operations[name] = {
      input: `${String(messages[local(input['@message'])])} ${String(input['@Action'])}`,
      output: `${String(messages[local(output['@message'])])} ${String(output['@Action'])}`,
      ...bindingOps[name]!,
    };
  }
  const complexTypes: ServiceStructure['complexTypes'] = {};
  for (const type of list(schema.complexType)) {
    complexTypes[String(type['@name'])] = list((type.sequence as Node | undefined)?.element).map((e) => ({
      name: String(e['@name']),
      type: local(e['@type']),
      minOccurs: String(e['@minOccurs']),
      maxOccurs: String(e['@maxOccurs']),
    }));
  }
  const simpleTypes: ServiceStructure['simpleTypes'] = {};
  for (const type of list(schema.simpleType)) {
    const restriction = type.restriction as Node;
    simpleTypes[String(type['@name'])] = {
      base: local(restriction['@base']),
      ...(restriction.maxLength ? { maxLength: String((restriction.maxLength as Node)['@value']) } : {}),
      ...(restriction.fractionDigits ? { fractionDigits: String((restriction.fractionDigits as Node)['@value']) } : {}),
      enumeration: list(restriction.enumeration)
        .map((e) => String(e['@value']))
        .sort(),
    };
  }
  const elements: Record<string, string> = Object.fromEntries(
    list(schema.element).map((e) => [String(e['@name']), local(e["@type"])]),
  );
  // A type no element reaches is not part of the contract (the official files declare a few
  // unused shared types), so only reachable types are compared.
  const reachable = new Set<string>();
  const reach = (name: string) => {
    if (reachable.has(name)) return;
    reachable.add(name);
    for (const field of complexTypes[name] ?? []) reach(field.type);
  };
  Object.values(elements).forEach(reach);
  const keep = <T,>(types: Record<string, T>) => Object.fromEntries(Object.entries(types).filter(([n]) => reachable.has(n)));
  return {
    targetNamespace: String(definitions['@targetNamespace']),
    operations,
    elements,
    complexTypes: keep(complexTypes),
    simpleTypes: keep(simpleTypes),
  };
}

const services = [
  ['CentralSystemService', 'OCPP_CentralSystemService_1.6.wsdl', 10],
  ['ChargePointService', 'OCPP_ChargePointService_1.6.wsdl', 19],
] as const;

describe.each(services)('wsdl/ocpp1.6/%s.wsdl', (service, officialName, operationCount) => {
  const ours = structure(readFileSync(new URL(`../../wsdl/ocpp1.6/${service}.wsdl`, import.meta.url), 'utf8'));
  const official = structure(readReference(`ocpp16/wsdl/${officialName}`));

  it('has the official target namespace', () => {
    expect(ours.targetNamespace).toBe(official.targetNamespace);
  });

  it(`has the ${operationCount} official operations with their body elements, actions and header`, () => {
    expect(Object.keys(ours.operations)).toHaveLength(operationCount);
    expect(ours.operations).toEqual(official.operations);
  });

  it('declares the same body elements with the same types', () => {
    expect(ours.elements).toEqual(official.elements);
  });

  it('gives every complex type the official fields, order, XSD types and occurrence', () => {
    expect(Object.keys(ours.complexTypes).sort()).toEqual(Object.keys(official.complexTypes).sort());
    for (const [name, fields] of Object.entries(official.complexTypes)) {
      expect(ours.complexTypes[name], name).toEqual(fields);
    }
  });

  it('gives every simple type the official base, facets and enumeration', () => {
    expect(ours.simpleTypes).toEqual(official.simpleTypes);
  });
});
