// The OCPP-S envelope codec: every OCPP 1.6 message with a SOAP binding, as a minimal and a
// maximal payload (official JSON schemas, read in place), survives model -> XML -> model; the
// XML follows the WSDL's xs:sequence order whatever the order of the JSON keys; Celcius is
// written as Celsius; children out of order are read all the same.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from '../../../src/index.js';
import { soapTypes } from '../../../src/ocpp16/generated/actions.js';
import { buildMessageEnvelope, OCPP16_NAMESPACES, parseEnvelope, parseXml, type XmlElement } from '../../../src/soap.js';
import { escapeXml } from '../../../src/transports/soap/xml.js';
import { readReference } from '../../reference.js';
import { envelopeOf, soapActions, soapMessageCases, type SoapMessageCase } from './messages.js';

const cases = soapMessageCases();
const CS = OCPP16_NAMESPACES.CentralSystemService;

/** The body element of an envelope. */
function bodyOf(envelope: string): XmlElement {
  const body = parseXml(envelope).children.find((c) => c.name === 'Body')!;
  return body.children[0]!;
}

/** The child element names of every complex element, with the OCPP-S type it has. */
function complexElements(element: XmlElement, type: string): { type: string; names: string[] }[] {
  const fields = soapTypes[type]!;
  const nested = element.children.flatMap((child) => {
    const field = fields.find((f) => f.name === child.name);
    return field?.complexType ? complexElements(child, field.complexType) : [];
  });
  return [{ type, names: element.children.map((c) => c.name) }, ...nested];
}

/** Writes an element back with its children's groups in reverse order (repeated elements keep theirs). */
function reordered(element: XmlElement): string {
  const groups = new Map<string, XmlElement[]>();
  for (const child of element.children) groups.set(child.name, [...(groups.get(child.name) ?? []), child]);
  const children = [...groups.values()].reverse().flat();
  const inner = children.length > 0 ? children.map(reordered).join('') : escapeXml(element.text);
  return `<o:${element.name}>${inner}</o:${element.name}>`;
}

/** The xs:sequence of every complex type of an official WSDL, by type name. */
function officialSequences(file: string): Map<string, string[]> {
  type Node = Record<string, unknown>;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    isArray: (name) => name === 'complexType' || name === 'element',
  });
  const definitions = (parser.parse(readReference(file)) as { definitions: Node }).definitions;
  const schema = (definitions.types as Node).schema as Node;
  return new Map(
    (schema.complexType as Node[]).map((type) => [
      String(type['@name']),
      (((type.sequence as Node | undefined)?.element as Node[] | undefined) ?? []).map((e) => String(e['@name'])),
    ]),
  );
}

const sequences = new Map([
  ['CentralSystemService', officialSequences('ocpp16/wsdl/OCPP_CentralSystemService_1.6.wsdl')],
  ['ChargePointService', officialSequences('ocpp16/wsdl/OCPP_ChargePointService_1.6.wsdl')],
]);

const stopTransaction = {
  // JSON schema key order, which is not the WSDL's.
  idTag: 'TAG-1',
  meterStop: 1200,
  timestamp: '2025-01-31T10:00:00Z',
  transactionId: 7,
  reason: 'EVDisconnected',
  transactionData: [
    {
      sampledValue: [
        { unit: 'Wh', value: '1200', measurand: 'Energy.Active.Import.Register', context: 'Transaction.End' },
        { unit: 'Celcius', value: '31.5', measurand: 'Temperature', location: 'Body' },
      ],
      timestamp: '2025-01-31T10:00:00Z',
    },
  ],
};

const stopTransactionEnvelope = (payload: unknown) =>
  buildMessageEnvelope(
    { namespace: CS, action: '/StopTransaction', messageId: 'urn:uuid:1', chargeBoxIdentity: 'CP-1' },
    'stopTransactionRequest',
    'StopTransactionRequest',
    payload,
  );

describe('the corpus of OCPP-S messages', () => {
  it('covers the 28 actions with a SOAP binding, request and response: 56 messages', () => {
    expect(soapActions).toHaveLength(28);
    expect(new Set(cases.map((c) => `${c.action} ${c.kind}`)).size).toBe(56);
    // Minimal and maximal of each, DataTransfer once per service: 2 x (56 + 2).
    expect(cases).toHaveLength(116);
  });

  it('holds payloads that are valid OCPP 1.6', () => {
    for (const c of cases) {
      const result = (c.kind === 'request' ? validateRequest : validateResponse)(c.action, c.payload);
      expect(result.valid, `${c.label}: ${JSON.stringify(result)}`).toBe(true);
    }
  });
});

describe('model -> XML -> model', () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s comes back identical', (_label, c: SoapMessageCase) => {
    const parsed = parseEnvelope(envelopeOf(c));
    expect(parsed.content).toEqual({ kind: c.kind, action: c.action, service: c.service, payload: c.payload });
    if (c.kind === 'request') {
      expect(parsed.headers).toMatchObject({
        chargeBoxIdentity: 'CP-1',
        action: `/${c.action}`,
        messageId: 'urn:uuid:1',
        from: 'http://127.0.0.1:9000/',
      });
    } else {
      expect(parsed.headers).toMatchObject({ action: `/${c.action}Response`, relatesTo: 'urn:uuid:1' });
    }
  });

  it('keeps text with XML special characters, non-ASCII and astral characters', () => {
    const payload = { vendorId: `a&b<c>"d'e ünï`, messageId: '&amp; &#38; ]]>', data: '{"x":"<y> & \u{1F50C}"}' };
    const envelope = buildMessageEnvelope(
      { namespace: CS, action: '/DataTransfer', messageId: 'urn:uuid:1', chargeBoxIdentity: 'CP&<1>' },
      'dataTransferRequest',
      'DataTransferRequest',
      payload,
    );
    const parsed = parseEnvelope(envelope);
    expect(parsed.content).toMatchObject({ kind: 'request', action: 'DataTransfer', payload });
    expect(parsed.headers.chargeBoxIdentity).toBe('CP&<1>');
  });

  it('decodes the entities and character references other stacks write, once', () => {
    const xml =
      `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:o="${CS}"><s:Body><o:dataTransferRequest>` +
      '<o:vendorId>caf&#xE9; &#233;t&#xe9; &#x1F50C; &lt;&gt;&amp;&quot;&apos;</o:vendorId><o:data>&amp;#38; &amp;amp;</o:data>' +
      '</o:dataTransferRequest></s:Body></s:Envelope>';
    expect(parseEnvelope(xml).content).toMatchObject({ payload: { vendorId: 'café été \u{1F50C} <>&"\'', data: '&#38; &amp;' } });
  });
});

describe('XML field order', () => {
  it('writes StopTransaction children in the WSDL xs:sequence order, not the JSON key order', () => {
    const body = bodyOf(stopTransactionEnvelope(stopTransaction));
    expect(body.children.map((c) => c.name)).toEqual(['transactionId', 'idTag', 'timestamp', 'meterStop', 'reason', 'transactionData']);
    const meterValue = body.children.find((c) => c.name === 'transactionData')!;
    expect(meterValue.children.map((c) => c.name)).toEqual(['timestamp', 'sampledValue', 'sampledValue']);
    expect(meterValue.children[1]!.children.map((c) => c.name)).toEqual(['value', 'context', 'measurand', 'unit']);
    expect(meterValue.children[2]!.children.map((c) => c.name)).toEqual(['value', 'measurand', 'location', 'unit']);
  });

  it.each(cases.filter((c) => c.variant === 'maximal').map((c) => [c.label, c] as const))(
    '%s follows the official WSDL sequence at every level',
    (_label, c: SoapMessageCase) => {
      const official = sequences.get(c.service)!;
      for (const { type, names } of complexElements(bodyOf(envelopeOf(c)), c.type)) {
        const sequence = official.get(type);
        expect(sequence, `${type} is a complex type of the official ${c.service}`).toBeDefined();
        const positions = names.map((name) => sequence!.indexOf(name));
        expect(positions.every((p) => p >= 0), `${type}: ${names.join(', ')} are fields of the WSDL type`).toBe(true);
        expect(positions, `${type}: ${names.join(', ')}`).toEqual([...positions].sort((a, b) => a - b));
      }
    },
  );
});

describe('Celsius', () => {
  it('writes the JSON schemas’ misspelt Celcius as the WSDL’s Celsius, and reads Celsius back', () => {
    const envelope = stopTransactionEnvelope(stopTransaction);
    expect(envelope).toContain('<o:unit>Celsius</o:unit>');
    expect(envelope).not.toContain('Celcius');
    const { content } = parseEnvelope(envelope);
    if (content.kind !== 'request') throw new Error(`expected a request, got a ${content.kind}`);
    const payload = content.payload as typeof stopTransaction;
    expect(payload.transactionData[0]!.sampledValue[1]!.unit).toBe('Celsius');
    expect(validateRequest('StopTransaction', payload).valid).toBe(true);
  });

  it('leaves the other units alone', () => {
    const envelope = stopTransactionEnvelope(stopTransaction);
    expect(envelope).toContain('<o:unit>Wh</o:unit>');
  });
});

describe('decoding children out of order', () => {
  it('reads a StopTransaction whose children are in no particular order', () => {
    const xml =
      `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:o="${CS}"><s:Header/><s:Body>` +
      '<o:stopTransactionRequest><o:transactionData><o:sampledValue><o:unit>Wh</o:unit><o:value>1200</o:value></o:sampledValue>' +
      '<o:timestamp>2025-01-31T10:00:00Z</o:timestamp></o:transactionData><o:meterStop>1200</o:meterStop>' +
      '<o:timestamp>2025-01-31T10:00:00Z</o:timestamp><o:transactionId>7</o:transactionId></o:stopTransactionRequest>' +
      '</s:Body></s:Envelope>';
    expect(parseEnvelope(xml).content).toEqual({
      kind: 'request',
      action: 'StopTransaction',
      service: 'CentralSystemService',
      payload: {
        transactionId: 7,
        timestamp: '2025-01-31T10:00:00Z',
        meterStop: 1200,
        transactionData: [{ timestamp: '2025-01-31T10:00:00Z', sampledValue: [{ value: '1200', unit: 'Wh' }] }],
      },
    });
  });

  it.each(cases.filter((c) => c.variant === 'maximal').map((c) => [c.label, c] as const))(
    '%s with its children reversed at every level reads the same',
    (_label, c: SoapMessageCase) => {
      const envelope = envelopeOf(c);
      const shuffled = envelope.replace(/<s:Body>[\s\S]*<\/s:Body>/, () => `<s:Body>${reordered(bodyOf(envelope))}</s:Body>`);
      if (Object.keys(c.payload).length > 1) expect(shuffled).not.toBe(envelope);
      expect(parseEnvelope(shuffled).content).toEqual({ kind: c.kind, action: c.action, service: c.service, payload: c.payload });
    },
  );
});
