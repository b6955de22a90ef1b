// Derives the OCPP-S (XML Schema) view of the message model: which named simple and complex
// types exist, and for every complex type its fields in xs:sequence order with XSD type and
// occurrence. The WSDL generator and the SOAP part of the action registry both read it.
import { refName } from './schema-model.mjs';

/** Namespaces of the two OCPP 1.6 SOAP services. */
export const SOAP_SERVICES = {
  CentralSystemService: { namespace: 'urn://Ocpp/Cs/2015/10/', receiver: 'CentralSystem' },
  ChargePointService: { namespace: 'urn://Ocpp/Cp/2015/10/', receiver: 'ChargePoint' },
};

/** Security White Paper messages are defined for OCPP-J only. */
export function hasSoapBinding(action) {
  return action.profile !== 'Security';
}

/** The SOAP services that receive an action's request. */
export function servicesReceiving(action) {
  const services = [];
  if (action.sentBy !== 'CentralSystem') services.push('CentralSystemService');
  if (action.sentBy !== 'ChargePoint') services.push('ChargePointService');
  return services;
}

/** `BootNotification` + `Request` -> `bootNotificationRequest`, the SOAP body element. */
export function elementName(defName) {
  return defName[0].toLowerCase() + defName.slice(1);
}

/**
 * Describes a definition as XSD: `{ kind: 'simple', base, enumeration?, maxLength?,
 * fractionDigits? }` or `{ kind: 'complex', fields: [...] }`.
 */
export function xsdType(model, defName) {
  const { schema } = model.defs.get(defName);
  if (schema.type === 'object') {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([name, prop]) =>
      xsdField(model, `${defName}.${name}`, name, prop, required.has(name)),
    );
    return { kind: 'complex', name: defName, description: schema.description, fields };
  }
  if (schema.type === 'string') {
    const omit = new Set(schema.xsd?.omitEnum ?? []);
    return {
      kind: 'simple',
      name: defName,
      description: schema.description,
      base: 'string',
      enumeration: schema.enum?.filter((value) => !omit.has(value)),
      maxLength: schema.maxLength,
    };
  }
  if (schema.type === 'number' && schema.multipleOf === 0.1) {
    return { kind: 'simple', name: defName, description: schema.description, base: 'decimal', fractionDigits: 1 };
  }
  throw new Error(`${defName}: no XSD form for this definition`);
}

function xsdField(model, where, name, prop, required) {
  const isArray = prop.type === 'array';
  const item = isArray ? prop.items : prop;
  const minOccurs = prop.xsd?.minOccurs ?? (required ? 1 : 0);
  const field = { name, minOccurs, maxOccurs: isArray ? 'unbounded' : 1, ...itemType(model, where, item) };
  return field;
}

// Built-in XSD types carry the `s:` prefix of the service descriptions, named ones `tns:`.
function itemType(model, where, item) {
  if (item.$ref) {
    const name = refName(item.$ref);
    const target = model.defs.get(name).schema;
    if (target.type === 'object') return { type: `tns:${name}`, base: 'complex', complexType: name };
    return { type: `tns:${name}`, base: target.type === 'number' ? 'decimal' : 'string' };
  }
  if (item.maxLength !== undefined || item.enum) {
    throw new Error(`${where}: give a constrained string a named type so OCPP-S can refer to it`);
  }
  if (item.type === 'integer') return { type: 's:int', base: 'int' };
  if (item.type === 'number') return { type: 's:decimal', base: 'decimal' };
  if (item.type === 'boolean') return { type: 's:boolean', base: 'boolean' };
  if (item.type === 'string' && item.format === 'date-time') return { type: 's:dateTime', base: 'dateTime' };
  if (item.type === 'string' && item.format === 'uri') return { type: 's:anyURI', base: 'string' };
  if (item.type === 'string') return { type: 's:string', base: 'string' };
  throw new Error(`${where}: no XSD type for ${JSON.stringify(item)}`);
}

/**
 * Every named type reachable from the given definitions, dependencies first, so that a reader
 * of the generated WSDL meets each type before its use.
 */
export function reachableTypes(model, roots) {
  const ordered = [];
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const type = xsdType(model, name);
    if (type.kind === 'complex') {
      for (const field of type.fields) if (field.type.startsWith('tns:')) visit(field.type.slice(4));
    }
    ordered.push(type);
  };
  roots.forEach(visit);
  return ordered;
}
