// A real OCPP-S server (a CentralSystem served by a SoapListener, and a charge point's
// ChargePointServiceServer) on 127.0.0.1, attacked and probed with plain fetch: hostile XML,
// oversized and compressed bodies and wrong content types get SOAP 1.2 faults and leave the
// server serving; the lenient parts of OCPP-S (WS-A 2004/08, plain From, header name case,
// missing From) are accepted; OCPP 1.5 and a wrong chargeBoxIdentity are refused.
import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChargePoint } from '../../../src/index.js';
import { ChargePointServiceServer } from '../../../src/node.js';
import { buildMessageEnvelope, OCPP16_NAMESPACES, SoapClient } from '../../../src/soap.js';
import { envelopeIn, faultOf, post, startCentralSystem, useCleanup, type Exchange } from './server.js';

const defer = useCleanup();

const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const WSA = 'http://www.w3.org/2005/08/addressing';
const WSA_2004 = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
const CS = OCPP16_NAMESPACES.CentralSystemService;
const CP = OCPP16_NAMESPACES.ChargePointService;
const LIMIT = 64 * 1024;

let sequence = 0;
const nextId = () => `urn:uuid:00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

/** A well-formed Heartbeat request from charge point `identity`. */
function heartbeat(identity = 'HARD-1', messageId = nextId()): string {
  return buildMessageEnvelope(
    { namespace: CS, action: '/Heartbeat', messageId, chargeBoxIdentity: identity, from: 'http://127.0.0.1:9/' },
    'heartbeatRequest',
    'HeartbeatRequest',
    {},
  );
}

/** An envelope written by hand: namespaces as given, headers and body as given. */
function envelope({ header = '', body = '', ocpp = CS, wsa = WSA }: { header?: string; body?: string; ocpp?: string; wsa?: string }): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP12}" xmlns:a="${wsa}" xmlns:o="${ocpp}">` +
    `<s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

const headers = (identity: string, action: string, messageId = nextId(), extra = '') =>
  `<o:chargeBoxIdentity>${identity}</o:chargeBoxIdentity><a:Action>/${action}</a:Action><a:MessageID>${messageId}</a:MessageID>${extra}`;

/** The server still answers a valid request (nothing crashed, no connection left stuck). */
async function expectServing(url: string): Promise<void> {
  const messageId = nextId();
  const exchange = await post(url, heartbeat('HARD-OK', messageId));
  expect(exchange.status, exchange.text).toBe(200);
  const { headers, content } = envelopeIn(exchange);
  expect(content).toMatchObject({ kind: 'response', action: 'Heartbeat', payload: { currentTime: '2025-01-31T10:00:00Z' } });
  expect(headers.relatesTo).toBe(messageId);
}

/** Expects a SOAP 1.2 fault with the HTTP status; returns it. */
function expectFault(exchange: Exchange, status: number) {
  expect(exchange.status, exchange.text).toBe(status);
  expect(exchange.contentType).toMatch(/^application\/soap\+xml\b/);
  return faultOf(exchange.text);
}

// A tiny LCG, so the garbage is the same on every run.
function garbage(length: number): Uint8Array {
  let x = 0x2545f491;
  return Uint8Array.from({ length }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
}

const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']>' +
  envelope({ header: headers('&lol9;', 'Heartbeat'), body: '<o:heartbeatRequest/>' }).replace(/^<\?xml[^>]*>/, '');

const XXE =
  '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
  envelope({ header: headers('&xxe;', 'Heartbeat'), body: '<o:heartbeatRequest/>' }).replace(/^<\?xml[^>]*>/, '');

const dataTransfer = (data: string) =>
  envelope({
    header: headers('HARD-1', 'DataTransfer'),
    body: `<o:dataTransferRequest><o:vendorId>ACME</o:vendorId><o:data>${data}</o:data></o:dataTransferRequest>`,
  });

// 16 MiB of whitespace in the body, gzipped to a few KiB.
const GZIP_BOMB = gzipSync(dataTransfer(`x${' '.repeat(16 * 1024 * 1024)}x`), { level: 9 });

interface Hostile {
  readonly name: string;
  readonly body: string | Uint8Array;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly errorCode: string;
  readonly reason: RegExp;
}

const HOSTILE: Hostile[] = [
  {
    name: 'billion laughs (entity expansion)',
    body: BILLION_LAUGHS,
    status: 400,
    errorCode: 'FormationViolation',
    reason: /DTD or entity declarations are not accepted/,
  },
  { name: 'external entity (XXE)', body: XXE, status: 400, errorCode: 'FormationViolation', reason: /DTD or entity declarations are not accepted/ },
  {
    name: `a body over maxBodyBytes (${LIMIT})`,
    body: dataTransfer('x'.repeat(LIMIT)),
    status: 413,
    errorCode: 'ProtocolError',
    reason: /larger than 65536 bytes/,
  },
  {
    name: 'a gzip bomb (small, inflating far beyond maxBodyBytes)',
    body: GZIP_BOMB,
    headers: { 'Content-Encoding': 'gzip' },
    status: 413,
    errorCode: 'ProtocolError',
    reason: /larger than 65536 bytes/,
  },
  {
    name: 'a body nested deeper than maxDepth (32)',
    body: envelope({ header: headers('HARD-1', 'Heartbeat'), body: `${'<o:x>'.repeat(40)}${'</o:x>'.repeat(40)}` }),
    status: 400,
    errorCode: 'FormationViolation',
    reason: /nests deeper than 32 elements/,
  },
  {
    name: 'more elements than maxElements (10 000)',
    body: envelope({ header: headers('HARD-1', 'Heartbeat'), body: `<o:heartbeatRequest>${'<o:x/>'.repeat(10_001)}</o:heartbeatRequest>` }),
    status: 400,
    errorCode: 'FormationViolation',
    reason: /more than 10000 elements/,
  },
  { name: 'garbage bytes', body: garbage(4096), status: 400, errorCode: 'FormationViolation', reason: /not well-formed XML/ },
  {
    name: 'corrupt gzip',
    body: garbage(512),
    headers: { 'Content-Encoding': 'gzip' },
    status: 400,
    errorCode: 'ProtocolError',
    reason: /the request body could not be read/,
  },
  {
    name: 'an unknown Content-Encoding',
    body: heartbeat(),
    headers: { 'Content-Encoding': 'br' },
    status: 415,
    errorCode: 'ProtocolError',
    reason: /Content-Encoding br is not supported/,
  },
  {
    name: 'Content-Type text/xml (SOAP 1.1)',
    body: heartbeat(),
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
    status: 415,
    errorCode: 'ProtocolError',
    reason: /Content-Type must be application\/soap\+xml \(SOAP 1\.2\), got "text\/xml; charset=utf-8"/,
  },
  {
    name: 'Content-Type application/json',
    body: '[2,"1","Heartbeat",{}]',
    headers: { 'Content-Type': 'application/json' },
    status: 415,
    errorCode: 'ProtocolError',
    reason: /Content-Type must be application\/soap\+xml \(SOAP 1\.2\), got "application\/json"/,
  },
  {
    name: 'a SOAP 1.1 envelope',
    body: heartbeat().replace(SOAP12, 'http://schemas.xmlsoap.org/soap/envelope/'),
    status: 400,
    errorCode: 'FormationViolation',
    reason: /not SOAP 1\.2/,
  },
];

describe('a SoapListener attacked with hostile requests', () => {
  it('is sent a gzip bomb that is small and inflates far beyond the limit', () => {
    expect(GZIP_BOMB.length).toBeLessThan(LIMIT / 2);
    expect(dataTransfer('').length + 16 * 1024 * 1024).toBeGreaterThan(LIMIT * 200);
  });

  it.each(HOSTILE.map((h) => [h.name, h] as const))('answers %s with a Sender fault, and keeps serving', async (_name, hostile) => {
    const { url } = await startCentralSystem(defer, { maxBodyBytes: LIMIT });
    await expectServing(url);
    const exchange = await post(url, hostile.body, hostile.headers);
    const fault = expectFault(exchange, hostile.status);
    expect(fault).toMatchObject({ code: 'Sender', subcode: 'ProtocolError', errorCode: hostile.errorCode });
    expect(fault.reason).toMatch(hostile.reason);
    expect(exchange.text).not.toMatch(/root:|lollol/);
    await expectServing(url);
  });

  it('survives all of them in a row on the same server', async () => {
    const { url, cs } = await startCentralSystem(defer, { maxBodyBytes: LIMIT });
    for (const hostile of HOSTILE) expect((await post(url, hostile.body, hostile.headers)).status, hostile.name).toBe(hostile.status);
    await expectServing(url);
    // None of them opened a session.
    expect([...cs.sessions()].map((s) => s.identity)).toEqual(['HARD-OK']);
  });

  it('answers a method other than POST with a fault and 405', async () => {
    const { url } = await startCentralSystem(defer);
    const response = await fetch(url, { method: 'PUT', body: heartbeat() });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET');
    expect(faultOf(await response.text())).toMatchObject({ code: 'Sender', subcode: 'ProtocolError', reason: expect.stringContaining('PUT') });
  });
});

describe('a SoapListener serving what OCPP-S allows', () => {
  it('accepts gzip- and deflate-encoded requests', async () => {
    const { url } = await startCentralSystem(defer, { maxBodyBytes: LIMIT });
    for (const [encoding, compress] of [['gzip', gzipSync], ['deflate', deflateSync]] as const) {
      const messageId = nextId();
      const exchange = await post(url, compress(heartbeat('HARD-1', messageId)), { 'Content-Encoding': encoding });
      expect(exchange.status, `${encoding}: ${exchange.text}`).toBe(200);
      expect(envelopeIn(exchange)).toMatchObject({ headers: { relatesTo: messageId }, content: { kind: 'response', action: 'Heartbeat' } });
    }
  });

  it('serves our WSDL at ?wsdl', async () => {
    const { url } = await startCentralSystem(defer);
    const response = await fetch(`${url}?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toBe(readFileSync(new URL('../../../wsdl/ocpp1.6/CentralSystemService.wsdl', import.meta.url), 'utf8'));
  });

  it('refuses a request in the OCPP 1.5 namespace with a fault saying 1.5 is not supported', async () => {
    const { url, cs } = await startCentralSystem(defer);
    const messageId = nextId();
    const request = envelope({ ocpp: 'urn://Ocpp/Cs/2012/06/', header: headers('HARD-15', 'Heartbeat', messageId), body: '<o:heartbeatRequest/>' });
    const exchange = await post(url, request);
    const fault = expectFault(exchange, 500);
    expect(fault).toMatchObject({ code: 'Receiver', subcode: 'NotSupported', errorCode: 'NotSupported', relatesTo: messageId });
    expect(fault.reason).toBe('this endpoint speaks OCPP-S 1.6; the message is OCPP 1.5 (urn://Ocpp/Cs/2012/06/)');
    expect(cs.session('HARD-15')).toBeUndefined();
  });

  it('matches the chargeBoxIdentity header without regard to case (ChargeBoxIdentity)', async () => {
    const { url, cs } = await startCentralSystem(defer);
    const header = `<o:ChargeBoxIdentity>HARD-CASE</o:ChargeBoxIdentity><a:Action>/Heartbeat</a:Action><a:MessageID>${nextId()}</a:MessageID>`;
    const exchange = await post(url, envelope({ header, body: '<o:heartbeatRequest/>' }));
    expect(exchange.status, exchange.text).toBe(200);
    expect(cs.session('HARD-CASE')).toBeDefined();
  });

  it('refuses a request without chargeBoxIdentity', async () => {
    const { url } = await startCentralSystem(defer);
    const header = `<a:Action>/Heartbeat</a:Action><a:MessageID>${nextId()}</a:MessageID>`;
    const exchange = await post(url, envelope({ header, body: '<o:heartbeatRequest/>' }));
    expect(expectFault(exchange, 400)).toMatchObject({ subcode: 'ProtocolError', reason: 'the chargeBoxIdentity header is missing' });
  });
});

describe('WS-Addressing leniency, and the charge point side', () => {
  /** A SOAP charge point whose ChargePointService listens on 127.0.0.1. */
  async function startChargePoint(identity: string, centralSystemUrl = 'http://127.0.0.1:9/') {
    const server = new ChargePointServiceServer({ host: '127.0.0.1', port: 0, path: '/cp' });
    const cp = new ChargePoint({ identity, transport: new SoapClient({ url: centralSystemUrl, identity, server }) });
    cp.handle('Reset', ({ type }) => ({ status: type === 'Soft' ? 'Accepted' : 'Rejected' }));
    defer(() => cp.close());
    await cp.connect();
    return { cp, url: server.url };
  }

  const reset = (header: string) => envelope({ ocpp: CP, header, body: '<o:resetRequest><o:type>Soft</o:type></o:resetRequest>' });

  it('accepts the WS-A 2004/08 namespace and a plain-text From, and calls the charge point back there', async () => {
    const { url, cs } = await startCentralSystem(defer);
    const cp = await startChargePoint('HARD-WSA', url);
    const messageId = nextId();
    const exchange = await post(
      url,
      envelope({ wsa: WSA_2004, header: headers('HARD-WSA', 'Heartbeat', messageId, `<a:From>${cp.url}</a:From>`), body: '<o:heartbeatRequest/>' }),
    );
    expect(exchange.status, exchange.text).toBe(200);
    expect(envelopeIn(exchange).headers.relatesTo).toBe(messageId);
    // The central system learnt where the charge point listens from the plain-text From.
    await expect(cs.session('HARD-WSA')!.call('Reset', { type: 'Soft' })).resolves.toEqual({ status: 'Accepted' });
  });

  it('answers a CS->CP call for another chargeBoxIdentity with Sender/IdentityMismatch', async () => {
    const { url } = await startChargePoint('HARD-CP');
    const messageId = nextId();
    const fault = expectFault(await post(url, reset(headers('SOMEONE-ELSE', 'Reset', messageId))), 400);
    expect(fault).toMatchObject({ code: 'Sender', subcode: 'IdentityMismatch', errorCode: 'IdentityMismatch', relatesTo: messageId });
    expect(fault.reason).toBe('this is HARD-CP, not SOMEONE-ELSE');
  });

  it('reads the identity header whatever its case on the charge point side too', async () => {
    const { url } = await startChargePoint('HARD-CP');
    const header = (name: string, identity: string) =>
      `<o:${name}>${identity}</o:${name}><a:Action>/Reset</a:Action><a:MessageID>${nextId()}</a:MessageID>`;
    expect(expectFault(await post(url, reset(header('ChargeBoxIdentity', 'SOMEONE-ELSE'))), 400).subcode).toBe('IdentityMismatch');
    const exchange = await post(url, reset(header('CHARGEBOXIDENTITY', 'HARD-CP')));
    expect(exchange.status, exchange.text).toBe(200);
  });

  it('accepts a CS->CP call without From', async () => {
    const { url } = await startChargePoint('HARD-CP');
    const messageId = nextId();
    const exchange = await post(url, reset(headers('HARD-CP', 'Reset', messageId)));
    expect(exchange.status, exchange.text).toBe(200);
    expect(envelopeIn(exchange)).toMatchObject({
      headers: { relatesTo: messageId, action: '/ResetResponse' },
      content: { kind: 'response', action: 'Reset', service: 'ChargePointService', payload: { status: 'Accepted' } },
    });
  });

  it('serves the ChargePointService WSDL at ?wsdl', async () => {
    const { url } = await startChargePoint('HARD-CP');
    const response = await fetch(`${url}?wsdl`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(readFileSync(new URL('../../../wsdl/ocpp1.6/ChargePointService.wsdl', import.meta.url), 'utf8'));
  });
});
