// Replays the OCPP-S envelopes captured from the IZIVIA toolkit's tests
// (../shared/reference/ocpp16-captures/soap, read in place; see its index.json and SOURCES.md):
// the codec reads them, and a central system served over HTTP answers them.
import { describe, expect, it } from 'vitest';
import { validateRequest, validateResponse } from '../../../src/index.js';
import { EnvelopeError, OCPP16_NAMESPACES, parseEnvelope } from '../../../src/soap.js';
import { readReference } from '../../reference.js';
import { envelopeIn, faultOf, post, startCentralSystem, useCleanup } from './server.js';

interface Capture {
  readonly kind: string;
  readonly messageType: 'request' | 'response';
  readonly action: string;
  readonly namespace: string;
  readonly file: string;
}

const all = (JSON.parse(readReference('ocpp16-captures/index.json')) as Capture[]).filter((c) => c.kind === 'ocpp-s-envelope');
const textOf = (capture: Capture) => readReference(`ocpp16-captures/${capture.file}`);
const nameOf = (capture: Capture) => capture.file.split('/').pop()!;

const nonconformant = all.filter((c) => c.file.includes('/ocpp16-generated-nonconformant/'));
const conformant = all.filter((c) => !nonconformant.includes(c));
const requests = conformant.filter((c) => c.messageType === 'request');
const responses = conformant.filter((c) => c.messageType === 'response');
// Three of the "real" requests were sent by OCPP-S 1.5 chargers (the index says so): their body
// is in the 1.5 namespace, urn://Ocpp/Cs/2012/06/.
const isOcpp15 = (c: Capture) => c.namespace.startsWith('urn://Ocpp/Cs/2012/06/');
const requests16 = requests.filter((c) => !isOcpp15(c));
const requests15 = requests.filter(isOcpp15);

const CS = OCPP16_NAMESPACES.CentralSystemService;
const MESSAGE_ID = /<(?:\w+:)?MessageID\b[^>]*>\s*([^<\s]+)\s*</;
const CHARGE_BOX = /<(?:\w+:)?chargeBoxIdentity\b[^>]*>([^<]*)</;

/** What parsing a capture throws. */
function refusal(text: string): EnvelopeError {
  try {
    parseEnvelope(text);
  } catch (error) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('the envelope was accepted');
}

describe('the SOAP captures', () => {
  it('hold what SOURCES.md lists: 9 requests, 3 responses, 9 generated non-conformant requests', () => {
    expect(requests).toHaveLength(9);
    expect(responses).toHaveLength(3);
    expect(nonconformant).toHaveLength(9);
    expect(nonconformant.every((c) => c.messageType === 'request')).toBe(true);
    expect(requests15.map(nameOf)).toEqual(['izivia-01-Authorize.req.xml', 'izivia-03-DataTransfer.req.xml', 'izivia-09-StopTransaction.req.xml']);
  });
});

describe('captured OCPP-S 1.6 requests', () => {
  it.each(requests16.map((c) => [nameOf(c), c] as const))('%s parses into a valid payload of its action', (_name, capture) => {
    const text = textOf(capture);
    const { headers, content } = parseEnvelope(text);
    expect(content).toMatchObject({ kind: 'request', action: capture.action, service: 'CentralSystemService' });
    if (content.kind !== 'request') return;
    expect(validateRequest(capture.action, content.payload)).toMatchObject({ valid: true });
    expect(headers.action).toBe(`/${capture.action}`);
    expect(headers.chargeBoxIdentity).toBe(CHARGE_BOX.exec(text)![1]);
    expect(headers.messageId).toBe(MESSAGE_ID.exec(text)![1]);
    expect(headers.from).toMatch(/^http:\/\//);
  });

  it('reads the values, converted to the JSON model, from children in the charger’s order', () => {
    const meterValues = parseEnvelope(textOf(requests16.find((c) => c.action === 'MeterValues')!));
    expect(meterValues.content).toMatchObject({
      payload: {
        connectorId: 1,
        transactionId: 15917,
        meterValue: [
          {
            timestamp: '2022-05-17T15:41:19.912Z',
            sampledValue: [
              { value: '15213716', context: 'Sample.Periodic', location: 'Inlet', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            ],
          },
        ],
      },
    });
    const start = parseEnvelope(textOf(requests16.find((c) => c.action === 'StartTransaction')!));
    expect(start.content).toMatchObject({
      payload: { connectorId: 1, idTag: 'AAAAAAAA', meterStart: 18804500, timestamp: '2022-05-17T15:41:58.351Z' },
    });
  });

  // ocppkit speaks OCPP-S 1.6 only; the body element's namespace tells the version
  // (PROTOCOL.md section 2). These chargers talk 1.5, and are told so with a NotSupported fault
  // rather than being read as 1.6: a 1.5 charger expects 1.5 answers (1.5 schemas differ).
  it.each(requests15.map((c) => [nameOf(c), c] as const))('%s (OCPP 1.5 namespace) is refused as NotSupported', (_name, capture) => {
    const text = textOf(capture);
    const error = refusal(text);
    expect(error.errorCode).toBe('NotSupported');
    expect(error.message).toMatch(/OCPP 1\.5 \(urn:\/\/Ocpp\/Cs\/2012\/06\/\)/);
    expect(error.messageId).toBe(MESSAGE_ID.exec(text)![1]);
    // The refusal is about the version alone: in the 1.6 namespace, the same body is valid 1.6.
    const { content } = parseEnvelope(text.replaceAll('urn://Ocpp/Cs/2012/06/', CS));
    expect(content).toMatchObject({ kind: 'request', action: capture.action });
    if (content.kind === 'request') expect(validateRequest(capture.action, content.payload)).toMatchObject({ valid: true });
  });
});

describe('captured OCPP-S 1.6 responses', () => {
  it.each(responses.map((c) => [nameOf(c), c] as const))('%s parses into a valid payload of its action', (_name, capture) => {
    const text = textOf(capture);
    const { headers, content } = parseEnvelope(text);
    expect(content).toMatchObject({ kind: 'response', action: capture.action, service: 'CentralSystemService' });
    if (content.kind !== 'response') return;
    expect(validateResponse(capture.action, content.payload)).toMatchObject({ valid: true });
    expect(headers.action).toBe(`/${capture.action}Response`);
    expect(headers.relatesTo).toMatch(/uuid:/);
  });

  it('reads a MessageID whose text has a line break and indentation before the end tag', () => {
    const heartbeat = responses.find((c) => c.action === 'Heartbeat')!;
    const { headers, content } = parseEnvelope(textOf(heartbeat));
    expect(headers.messageId).toBe('urn:uuid:b5a704a7-a917-4ed3-bb8f-9a59918f8ffd');
    expect(headers.relatesTo).toBe('uuid:b70e2eae-bd09-4546-b049-8b2be7ccf578');
    expect(content).toMatchObject({ payload: { currentTime: '2022-05-17T15:42:00.503Z' } });
  });
});

// The IZIVIA toolkit's own generated requests declare the WS-Addressing and OCPP namespaces but
// write every header child and the body element unqualified. What ocppkit does with them:
// - headers are matched by local name (chargeBoxIdentity in any namespace, the WS-A headers in
//   either WS-A namespace or none), so their MessageID, chargeBoxIdentity, From, To and Action
//   are read, and the fault can name the request it answers (RelatesTo);
// - the body element is not: with no namespace there is no telling which OCPP version (1.2,
//   1.5, 1.6) or which service it belongs to, and against the WSDL (elementFormDefault
//   qualified) it is invalid. So it is refused as "not an OCPP 1.6 message" (NotImplemented,
//   a Receiver/NotSupported fault), never guessed at.
describe('generated non-conformant requests (unqualified header and body elements)', () => {
  it.each(nonconformant.map((c) => [nameOf(c), c] as const))('%s: headers read by local name, body refused', (_name, capture) => {
    const text = textOf(capture);
    const error = refusal(text);
    expect(error.errorCode).toBe('NotImplemented');
    const element = `${capture.action[0]!.toLowerCase()}${capture.action.slice(1)}Request`;
    expect(error.message).toBe(`<${element}> in namespace "" is not an OCPP 1.6 message`);
    expect(error.messageId).toBe('urn:uuid:a7ef37c1-2ac6-4247-a3ad-8ed5905a5b49');
    // With the namespace the toolkit forgot to apply, the headers and the body are valid 1.6.
    const qualified = text.replace(`<${element}`, `<${element} xmlns="${CS}"`);
    const { headers, content } = parseEnvelope(qualified);
    expect(headers).toMatchObject({ chargeBoxIdentity: 'CS1', from: 'source', to: 'destination', action: `/${capture.action}` });
    expect(content).toMatchObject({ kind: 'request', action: capture.action });
    if (content.kind === 'request') expect(validateRequest(capture.action, content.payload)).toMatchObject({ valid: true });
  });
});

describe('replayed to a central system over HTTP', () => {
  const defer = useCleanup();

  it('answers each captured 1.6 request with a valid response relating to it', async () => {
    const { url, cs } = await startCentralSystem(defer);
    for (const capture of requests16) {
      const text = textOf(capture);
      const exchange = await post(url, text);
      expect(exchange.status, `${nameOf(capture)}: ${exchange.text}`).toBe(200);
      const { headers, content } = envelopeIn(exchange);
      expect(content).toMatchObject({ kind: 'response', action: capture.action });
      if (content.kind === 'response') expect(validateResponse(capture.action, content.payload)).toMatchObject({ valid: true });
      expect(headers.relatesTo).toBe(MESSAGE_ID.exec(text)![1]);
      expect(cs.session(CHARGE_BOX.exec(text)![1]!)).toBeDefined();
    }
  });

  it('answers the 1.5 requests and the unqualified ones with faults relating to them', async () => {
    const { url } = await startCentralSystem(defer);
    for (const capture of requests15) {
      const text = textOf(capture);
      const exchange = await post(url, text);
      expect(exchange.status).toBe(500);
      expect(faultOf(exchange.text)).toMatchObject({
        code: 'Receiver',
        subcode: 'NotSupported',
        errorCode: 'NotSupported',
        reason: expect.stringContaining('OCPP 1.5'),
        relatesTo: MESSAGE_ID.exec(text)![1],
      });
    }
    for (const capture of nonconformant) {
      const exchange = await post(url, textOf(capture));
      expect(exchange.status).toBe(500);
      expect(faultOf(exchange.text)).toMatchObject({
        code: 'Receiver',
        subcode: 'NotSupported',
        errorCode: 'NotImplemented',
        reason: expect.stringContaining('is not an OCPP 1.6 message'),
        relatesTo: 'urn:uuid:a7ef37c1-2ac6-4247-a3ad-8ed5905a5b49',
      });
    }
  });
});
