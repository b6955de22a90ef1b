// Interop with `soap` (node-soap), a foreign SOAP stack, over real HTTP on 127.0.0.1. node-soap
// loads the OFFICIAL OCPP 1.6 WSDLs (read in place from the shared reference folder) and speaks
// SOAP 1.2 (forceSoap12Headers); the OCPP-S headers it does not derive from the WSDL
// (chargeBoxIdentity, WS-Addressing) are added the way a node-soap user does: addSoapHeader.
//   1. node-soap client (charge point)      -> our CentralSystem on our SoapListener: all 10 CP->CS
//   2. our CentralSystem's session          -> node-soap server (ChargePointService): all 19 CS->CP
//   3. our ChargePoint (SoapClient)         -> node-soap server (CentralSystemService): all 10 CP->CS
//   4. node-soap client (central system)    -> our ChargePoint's ChargePointServiceServer: all 19
// plus SOAP 1.2 faults both ways.
//
// node-soap types what it parses from the WSDL: xs:int -> number, xs:boolean -> boolean,
// xs:dateTime -> Date; `tns:DecimalOne` (a restriction of xs:decimal: charging limits) stays a
// string, and an empty element becomes null. `nodeSoapView` writes the tables' payloads that way,
// with the type lists read from the WSDLs themselves.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CentralSystem,
  ChargePoint,
  OcppError,
  type Action,
  type CentralSystemAction,
  type ChargePointAction,
  type Request,
  type Response,
} from '../../src/index.js';
import { SoapClient } from '../../src/soap.js';
import { ChargePointServiceServer, SoapListener } from '../../src/node.js';
import { REFERENCE_DIR, readReference } from '../reference.js';

const HOST = '127.0.0.1';
const CS_WSDL = 'ocpp16/wsdl/OCPP_CentralSystemService_1.6.wsdl';
const CP_WSDL = 'ocpp16/wsdl/OCPP_ChargePointService_1.6.wsdl';
const NAMESPACE = { CentralSystemService: 'urn://Ocpp/Cs/2015/10/', ChargePointService: 'urn://Ocpp/Cp/2015/10/' } as const;
type Service = keyof typeof NAMESPACE;
const PORT: Record<Service, string> = {
  CentralSystemService: 'CentralSystemServiceSoap12',
  ChargePointService: 'ChargePointServiceSoap12',
};
/** The official WSDL of each service, relative to the reference folder. */
const WSDL: Record<Service, string> = { CentralSystemService: CS_WSDL, ChargePointService: CP_WSDL };
const WSA = 'http://www.w3.org/2005/08/addressing';
const ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';

// ---------------------------------------------------------------------------------------------
// The exchanges: one request and its response per action, valid for the JSON schemas and the WSDLs.

type Exchange<U extends Action> = { [A in U]: { action: A; request: Request<A>; response: Response<A> } }[U];

const T0 = '2025-03-14T08:00:00.000Z';
const T1 = '2025-03-14T08:15:00.000Z';
const T2 = '2025-03-14T09:42:30.000Z';
const ID_TAG = 'B4A63CDF';
const TRANSACTION = 90210;

/** Every operation of the CentralSystemService WSDL (what a charge point sends). */
const CP_TO_CS: readonly Exchange<ChargePointAction>[] = [
  {
    action: 'Authorize',
    request: { idTag: ID_TAG },
    response: { idTagInfo: { status: 'Accepted', expiryDate: '2025-12-31T23:59:59.000Z', parentIdTag: 'FLEET-12' } },
  },
  {
    action: 'BootNotification',
    request: {
      chargePointVendor: 'VoltWerk',
      chargePointModel: 'VW-22-DUO',
      chargePointSerialNumber: 'VW22D-2025-00042',
      chargeBoxSerialNumber: 'BOX-00042',
      firmwareVersion: '3.8.2-ocpps',
      iccid: '8949020000012345678',
      imsi: '262011234567890',
      meterType: 'Eastron SDM630',
      meterSerialNumber: 'SDM-77120',
    },
    response: { status: 'Accepted', currentTime: T0, interval: 900 },
  },
  {
    action: 'DataTransfer',
    request: { vendorId: 'de.voltwerk', messageId: 'CableTemperature', data: '41.5' },
    response: { status: 'Accepted', data: 'noted' },
  },
  { action: 'DiagnosticsStatusNotification', request: { status: 'Uploading' }, response: {} },
  { action: 'FirmwareStatusNotification', request: { status: 'Downloaded' }, response: {} },
  { action: 'Heartbeat', request: {}, response: { currentTime: T1 } },
  {
    action: 'MeterValues',
    request: {
      connectorId: 2,
      transactionId: TRANSACTION,
      meterValue: [
        {
          timestamp: T1,
          sampledValue: [
            {
              value: '15234.75',
              context: 'Sample.Periodic',
              format: 'Raw',
              measurand: 'Energy.Active.Import.Register',
              location: 'Outlet',
              unit: 'Wh',
            },
            { value: '7.36', measurand: 'Power.Active.Import', unit: 'kW' },
            { value: '15.9', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
            { value: '231.2', measurand: 'Voltage', phase: 'L1-N', unit: 'V' },
            { value: '38.0', measurand: 'Temperature', location: 'Body', unit: 'Celsius' },
          ],
        },
        { timestamp: T2, sampledValue: [{ value: '16001.2', unit: 'Wh' }] },
      ],
    },
    response: {},
  },
  {
    action: 'StartTransaction',
    request: { connectorId: 2, idTag: ID_TAG, meterStart: 14980, reservationId: 17, timestamp: T0 },
    response: { idTagInfo: { status: 'Accepted', expiryDate: '2025-12-31T23:59:59.000Z' }, transactionId: TRANSACTION },
  },
  {
    action: 'StatusNotification',
    request: {
      connectorId: 2,
      errorCode: 'HighTemperature',
      info: 'derating to 16 A',
      status: 'SuspendedEVSE',
      timestamp: T1,
      vendorId: 'de.voltwerk',
      vendorErrorCode: 'T-71',
    },
    response: {},
  },
  {
    action: 'StopTransaction',
    request: {
      idTag: ID_TAG,
      meterStop: 16001,
      timestamp: T2,
      transactionId: TRANSACTION,
      reason: 'EVDisconnected',
      transactionData: [
        { timestamp: T0, sampledValue: [{ value: '14980', context: 'Transaction.Begin', unit: 'Wh' }] },
        { timestamp: T2, sampledValue: [{ value: '16001.2', context: 'Transaction.End', unit: 'Wh' }] },
      ],
    },
    response: { idTagInfo: { status: 'Accepted' } },
  },
];

/** Every operation of the ChargePointService WSDL (what a central system sends). */
const CS_TO_CP: readonly Exchange<CentralSystemAction>[] = [
  { action: 'CancelReservation', request: { reservationId: 17 }, response: { status: 'Rejected' } },
  { action: 'ChangeAvailability', request: { connectorId: 2, type: 'Inoperative' }, response: { status: 'Scheduled' } },
  { action: 'ChangeConfiguration', request: { key: 'MeterValueSampleInterval', value: '60' }, response: { status: 'RebootRequired' } },
  { action: 'ClearCache', request: {}, response: { status: 'Accepted' } },
  {
    action: 'ClearChargingProfile',
    request: { id: 5, connectorId: 2, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 },
    response: { status: 'Accepted' },
  },
  {
    action: 'DataTransfer',
    request: { vendorId: 'de.voltwerk', messageId: 'SetDisplayText', data: 'Willkommen' },
    response: { status: 'UnknownMessageId' },
  },
  {
    action: 'GetConfiguration',
    request: { key: ['HeartbeatInterval', 'MeterValuesSampledData', 'NoSuchKey'] },
    response: {
      configurationKey: [
        { key: 'HeartbeatInterval', readonly: false, value: '900' },
        { key: 'MeterValuesSampledData', readonly: true, value: 'Energy.Active.Import.Register,Current.Import' },
      ],
      unknownKey: ['NoSuchKey'],
    },
  },
  {
    action: 'GetDiagnostics',
    request: { location: 'ftp://diag.example.net/upload/', retries: 2, retryInterval: 30, startTime: T0, stopTime: T2 },
    response: { fileName: 'VW22D-00042-diag.zip' },
  },
  { action: 'GetLocalListVersion', request: {}, response: { listVersion: 12 } },
  {
    action: 'RemoteStartTransaction',
    request: {
      connectorId: 2,
      idTag: ID_TAG,
      chargingProfile: {
        chargingProfileId: 8,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
      },
    },
    response: { status: 'Accepted' },
  },
  { action: 'RemoteStopTransaction', request: { transactionId: TRANSACTION }, response: { status: 'Accepted' } },
  {
    action: 'GetCompositeSchedule',
    request: { connectorId: 2, duration: 7200, chargingRateUnit: 'A' },
    response: {
      status: 'Accepted',
      connectorId: 2,
      scheduleStart: T0,
      chargingSchedule: {
        duration: 7200,
        startSchedule: T0,
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 8.1, numberPhases: 3 },
          { startPeriod: 3600, limit: 24.5, numberPhases: 1 },
        ],
        minChargingRate: 6.1,
      },
    },
  },
  {
    action: 'ReserveNow',
    request: { connectorId: 2, expiryDate: T2, idTag: ID_TAG, parentIdTag: 'FLEET-12', reservationId: 17 },
    response: { status: 'Occupied' },
  },
  { action: 'Reset', request: { type: 'Hard' }, response: { status: 'Accepted' } },
  {
    action: 'SendLocalList',
    request: {
      listVersion: 13,
      localAuthorizationList: [
        { idTag: ID_TAG, idTagInfo: { status: 'Accepted', expiryDate: '2025-12-31T23:59:59.000Z', parentIdTag: 'FLEET-12' } },
        { idTag: 'LOST-CARD-7', idTagInfo: { status: 'Blocked' } },
        { idTag: 'GONE-3' },
      ],
      updateType: 'Differential',
    },
    response: { status: 'Accepted' },
  },
  {
    action: 'SetChargingProfile',
    request: {
      connectorId: 2,
      csChargingProfiles: {
        chargingProfileId: 9,
        transactionId: TRANSACTION,
        stackLevel: 2,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Absolute',
        recurrencyKind: 'Daily',
        validFrom: T0,
        validTo: '2025-06-30T00:00:00.000Z',
        chargingSchedule: {
          duration: 86400,
          startSchedule: T0,
          chargingRateUnit: 'A',
          chargingSchedulePeriod: [
            { startPeriod: 0, limit: 8.1, numberPhases: 3 },
            { startPeriod: 1800, limit: 16 },
            { startPeriod: 7200, limit: 32.5, numberPhases: 1 },
          ],
          minChargingRate: 6.1,
        },
      },
    },
    response: { status: 'Accepted' },
  },
  { action: 'TriggerMessage', request: { requestedMessage: 'StatusNotification', connectorId: 2 }, response: { status: 'Accepted' } },
  { action: 'UnlockConnector', request: { connectorId: 2 }, response: { status: 'UnlockFailed' } },
  {
    action: 'UpdateFirmware',
    request: { location: 'https://fw.example.net/vw22/3.9.0.bin', retries: 3, retrieveDate: T1, retryInterval: 300 },
    response: {},
  },
];

// ---------------------------------------------------------------------------------------------
// node-soap's view of a payload, from the WSDLs' own element types.

const WSDL_TEXT = readReference(CS_WSDL) + readReference(CP_WSDL);
const elementsOfType = (type: string) =>
  new Set([...WSDL_TEXT.matchAll(new RegExp(`<s:element name="(\\w+)" type="${type}"`, 'g'))].map((m) => m[1]!));
const DATE_TIMES = elementsOfType('s:dateTime');
const DECIMAL_ONES = elementsOfType('tns:DecimalOne');

/** A payload as node-soap parses it: xs:dateTime as Date, DecimalOne as text, empty as null. */
function nodeSoapView(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => nodeSoapView(item, key));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? null : Object.fromEntries(entries.map(([k, v]) => [k, nodeSoapView(v, k)]));
  }
  if (DATE_TIMES.has(key)) return new Date(value as string);
  if (DECIMAL_ONES.has(key)) return String(value);
  return value;
}

/**
 * What a node-soap client call resolves with for `response`: its view, except that an empty
 * response element (parsed to null) comes back as `undefined` — node-soap's result lookup takes
 * the null for a missing element and finds nothing under its other names.
 */
function nodeSoapResult(response: object): unknown {
  return Object.keys(response).length === 0 ? undefined : nodeSoapView(response);
}

// ---------------------------------------------------------------------------------------------
// Headers: what node-soap writes for an OCPP-S peer, and what it parsed.

interface Addressing {
  readonly chargeBoxIdentity?: string;
  readonly action?: string;
  readonly messageId?: string;
  readonly relatesTo?: string;
  readonly from?: string;
  readonly replyTo?: string;
  readonly to?: string;
}

/** The WS-Addressing headers of a request, as a node-soap user writes them. */
function requestAddressing(action: string, messageId: string, to: string, from?: string): string {
  const wsa = (name: string, content: string, must = false) =>
    `<wsa:${name} xmlns:wsa="${WSA}"${must ? ' soap:mustUnderstand="true"' : ''}>${content}</wsa:${name}>`;
  return (
    wsa('Action', action, true) +
    wsa('MessageID', messageId) +
    (from ? wsa('From', `<wsa:Address>${from}</wsa:Address>`) : '') +
    wsa('ReplyTo', `<wsa:Address>${ANONYMOUS}</wsa:Address>`) +
    wsa('To', to, true)
  );
}

/** The text of a parsed header (node-soap gives `{ attributes, $value }` when it has attributes). */
function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object' && '$value' in node) return String(node.$value);
  return undefined;
}

/** The OCPP-S headers node-soap parsed from a SOAP Header. */
function addressingOf(header: unknown): Addressing {
  const h = (header ?? {}) as Record<string, unknown>;
  const address = (node: unknown) =>
    node !== null && typeof node === 'object' && 'Address' in node ? textOf(node.Address) : undefined;
  const out: Record<string, string | undefined> = {
    chargeBoxIdentity: textOf(h.chargeBoxIdentity),
    action: textOf(h.Action),
    messageId: textOf(h.MessageID),
    relatesTo: textOf(h.RelatesTo),
    from: address(h.From),
    replyTo: address(h.ReplyTo),
    to: textOf(h.To),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

const localName = (qname: unknown) => String(qname).replace(/^[^:]*:/, '');
const UUID_URN = /^urn:uuid:[0-9a-f-]{36}$/;
/** A From/Address for node-soap charge points that are never called back (only they call). */
const NOT_CALLED_BACK = 'http://127.0.0.1:9/ocpp/cp';

// ---------------------------------------------------------------------------------------------
// Setup and teardown: everything started is closed after each test, last started first.

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

let identities = 0;
const uniqueIdentity = () => `NODESOAP-${++identities}`;

/** Our CentralSystem on our SoapListener, on an ephemeral port. */
async function startCentralSystem() {
  const cs = new CentralSystem();
  const listener = new SoapListener({ host: HOST, port: 0, path: '/ocpp/cs' });
  cs.serve(listener);
  await listener.listen();
  cleanup.push(() => cs.close());
  return { cs, url: listener.url };
}

/** Our SOAP ChargePoint, answering at its own ChargePointServiceServer. */
async function connectChargePoint(csUrl: string) {
  const identity = uniqueIdentity();
  const server = new ChargePointServiceServer({ host: HOST, port: 0, path: '/ocpp/cp' });
  const cp = new ChargePoint({ identity, transport: new SoapClient({ url: csUrl, identity, server }) });
  cleanup.push(() => cp.close());
  await cp.connect();
  return { cp, identity, url: server.url };
}

/** What a node-soap client sent, per call. */
interface Sent {
  readonly action: string;
  readonly messageId: string;
}

/**
 * A node-soap client of `service` (official WSDL, SOAP 1.2) at `endpoint`, sending the OCPP-S
 * headers on every request: chargeBoxIdentity in the called service's namespace, and
 * WS-Addressing with From/Address = `from` when given.
 */
async function nodeSoapClient(service: Service, endpoint: string, identity: string, from?: string) {
  const client = await soap.createClientAsync(REFERENCE_DIR + WSDL[service], { forceSoap12Headers: true }, endpoint);
  const sent: Sent[] = [];
  client.addSoapHeader(
    { chargeBoxIdentity: { attributes: { 'soap:mustUnderstand': 'true' }, $value: identity } },
    '',
    'tns',
    NAMESPACE[service],
  );
  client.addSoapHeader((_method: unknown, location: string, soapAction: string) => {
    const messageId = `urn:uuid:${randomUUID()}`;
    sent.push({ action: soapAction, messageId });
    return requestAddressing(soapAction, messageId, location, from);
  });
  return { client, sent };
}

/** Calls `action` with node-soap; resolves with what it parsed: the result and the SOAP Header. */
async function nodeSoapCall(client: soap.Client, action: string, request: unknown) {
  const [result, , header] = (await client[`${action}Async`](request)) as [unknown, string, unknown];
  return { result, header: addressingOf(header) };
}

/** What a node-soap service method received. */
interface Arrived {
  readonly action: string;
  readonly args: unknown;
  readonly headers: Addressing;
}

/**
 * A node-soap server of `service` (official WSDL, SOAP 1.2) on its own node:http server, every
 * operation answered from `table` (or by `override`), the response carrying WS-Addressing
 * Action, MessageID and RelatesTo.
 */
async function startNodeSoapServer(
  service: Service,
  table: readonly Exchange<Action>[],
  override: Record<string, () => unknown> = {},
) {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, HOST, resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  const arrived: Arrived[] = [];
  const methods: soap.IServicePort = {};
  for (const { action, response } of table) {
    methods[action] = (args: unknown, _callback: unknown, headers: unknown) => {
      arrived.push({ action, args, headers: addressingOf(headers) });
      return override[action] ? override[action]() : response;
    };
  }
  const path = service === 'CentralSystemService' ? '/nodesoap/cs' : '/nodesoap/cp';
  const server = await new Promise<soap.Server>((resolve, reject) => {
    soap.listen(http, {
      path,
      services: { [service]: { [PORT[service]]: methods } },
      xml: readReference(WSDL[service]),
      forceSoap12Headers: true,
      callback: (error: unknown, server: soap.Server) => (error ? reject(error as Error) : resolve(server)),
    });
  });
  server.addSoapHeader(
    (methodName: string, _args: unknown, headers: unknown) =>
      `<wsa:Action xmlns:wsa="${WSA}" soap:mustUnderstand="true">/${methodName}Response</wsa:Action>` +
      `<wsa:MessageID xmlns:wsa="${WSA}">urn:uuid:${randomUUID()}</wsa:MessageID>` +
      `<wsa:RelatesTo xmlns:wsa="${WSA}">${addressingOf(headers).messageId ?? ''}</wsa:RelatesTo>` +
      `<wsa:To xmlns:wsa="${WSA}" soap:mustUnderstand="true">${ANONYMOUS}</wsa:To>`,
  );
  return { url: `http://${HOST}:${(http.address() as AddressInfo).port}${path}`, arrived };
}

/** What one of our handlers received. */
interface Received {
  readonly action: string;
  readonly request: unknown;
  readonly identity?: string;
  readonly messageId: string;
}

/** Our central system answers every charge point action of the table. */
function answerOnCentralSystem(cs: CentralSystem, received: Received[]): void {
  for (const { action, response } of CP_TO_CS) {
    const handler = (request: unknown, context: { identity: string; messageId: string }) => {
      received.push({ action, request, identity: context.identity, messageId: context.messageId });
      return response;
    };
    cs.handle(action, handler as never);
  }
}

/** Our charge point answers every central system action of the table. */
function answerOnChargePoint(cp: ChargePoint, received: Received[]): void {
  for (const { action, response } of CS_TO_CP) {
    const handler = (request: unknown, context: { messageId: string }) => {
      received.push({ action, request, messageId: context.messageId });
      return response;
    };
    cp.handle(action, handler as never);
  }
}

/** The error a promise rejects with (fails if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** A SOAP 1.2 fault as node-soap reports it: the HTTP status and the parsed Fault element. */
function nodeSoapFault(error: unknown) {
  const e = error as {
    response?: { status?: number; headers?: Record<string, string> };
    root?: { Envelope?: { Body?: { Fault?: unknown } } };
  };
  const fault = e.root?.Envelope?.Body?.Fault as
    | { Code: { Value: string; Subcode?: { Value: string } }; Reason: { Text: unknown }; Detail?: Record<string, unknown> }
    | undefined;
  expect(fault, 'node-soap parsed a SOAP Fault').toBeDefined();
  return {
    status: e.response?.status,
    contentType: e.response?.headers?.['content-type'],
    code: localName(fault!.Code.Value),
    subcode: localName(fault!.Code.Subcode?.Value),
    reason: textOf(fault!.Reason.Text),
    detail: fault!.Detail,
  };
}

// ---------------------------------------------------------------------------------------------

it('the tables cover every operation of the official WSDLs, as node-soap reads them', async () => {
  const cs = await soap.createClientAsync(REFERENCE_DIR + CS_WSDL, { forceSoap12Headers: true });
  const cp = await soap.createClientAsync(REFERENCE_DIR + CP_WSDL, { forceSoap12Headers: true });
  const operations = (client: soap.Client, service: Service) =>
    Object.keys((client.describe() as Record<string, Record<string, object>>)[service]![PORT[service]]!).sort();
  expect(CP_TO_CS.map((x) => x.action).sort()).toEqual(operations(cs, 'CentralSystemService'));
  expect(CS_TO_CP.map((x) => x.action).sort()).toEqual(operations(cp, 'ChargePointService'));
  expect(CP_TO_CS).toHaveLength(10);
  expect(CS_TO_CP).toHaveLength(19);
  expect([...DATE_TIMES].sort()).toEqual([
    'currentTime',
    'expiryDate',
    'retrieveDate',
    'scheduleStart',
    'startSchedule',
    'startTime',
    'stopTime',
    'timestamp',
    'validFrom',
    'validTo',
  ]);
  expect([...DECIMAL_ONES].sort()).toEqual(['limit', 'minChargingRate']);
});

// ---------------------------------------------------------------------------------------------

describe('node-soap client (charge point) -> our CentralSystem', () => {
  it.each(CP_TO_CS)('node-soap calls $action, our handler answers', async ({ action, request, response }) => {
    const { cs, url } = await startCentralSystem();
    const received: Received[] = [];
    answerOnCentralSystem(cs, received);
    const identity = uniqueIdentity();
    const { client, sent } = await nodeSoapClient('CentralSystemService', url, identity, NOT_CALLED_BACK);

    const { result, header } = await nodeSoapCall(client, action, request);

    expect(result).toStrictEqual(nodeSoapResult(response));
    expect(sent).toStrictEqual([{ action: `/${action}`, messageId: expect.stringMatching(UUID_URN) }]);
    expect(received).toStrictEqual([{ action, request, identity, messageId: sent[0]!.messageId }]);
    expect(header).toStrictEqual({
      action: `/${action}Response`,
      messageId: expect.stringMatching(UUID_URN),
      relatesTo: sent[0]!.messageId,
      to: ANONYMOUS,
    });
    expect(cs.session(identity)?.info).toMatchObject({ transport: 'soap', protocol: 'ocpp1.6', securityProfile: 0 });
  });

  it('node-soap calls every charge point action in turn as one charge point', async () => {
    const { cs, url } = await startCentralSystem();
    const received: Received[] = [];
    answerOnCentralSystem(cs, received);
    const identity = uniqueIdentity();
    const { client, sent } = await nodeSoapClient('CentralSystemService', url, identity, NOT_CALLED_BACK);

    const results: unknown[] = [];
    for (const { action, request } of CP_TO_CS) results.push((await nodeSoapCall(client, action, request)).result);

    expect(results).toStrictEqual(CP_TO_CS.map((x) => nodeSoapResult(x.response)));
    expect(received).toStrictEqual(
      CP_TO_CS.map(({ action, request }, i) => ({ action, request, identity, messageId: sent[i]!.messageId })),
    );
    expect([...cs.sessions()].map((s) => s.identity)).toEqual([identity]);
  });

  it('our handler’s OcppError reaches node-soap as a SOAP 1.2 Sender/SecurityError fault', async () => {
    const { cs, url } = await startCentralSystem();
    cs.handle('Authorize', () => {
      throw new OcppError('SecurityError', 'idTag B4A63CDF is not on the list', { list: 'fleet' });
    });
    const { client, sent } = await nodeSoapClient('CentralSystemService', url, uniqueIdentity(), NOT_CALLED_BACK);

    const error = await rejectionOf(client.AuthorizeAsync({ idTag: ID_TAG }) as Promise<unknown>);
    expect(nodeSoapFault(error)).toStrictEqual({
      status: 400,
      contentType: 'application/soap+xml; charset=utf-8',
      code: 'Sender',
      subcode: 'SecurityError',
      reason: 'idTag B4A63CDF is not on the list',
      detail: { errorCode: 'SecurityError', errorDetails: '{"list":"fleet"}' },
    });
    expect((error as Error).message).toMatch(/^\w+:Sender: \w+:SecurityError: idTag B4A63CDF is not on the list/);
    expect(addressingOf((error as { root: { Envelope: { Header: unknown } } }).root.Envelope.Header)).toMatchObject({
      relatesTo: sent[0]!.messageId,
    });
  });
});

// ---------------------------------------------------------------------------------------------

/** A node-soap charge point: its ChargePointService server, and its client, booted at `csUrl`. */
async function bootNodeSoapChargePoint(cs: CentralSystem, csUrl: string, override: Record<string, () => unknown> = {}) {
  const server = await startNodeSoapServer('ChargePointService', CS_TO_CP, override);
  const identity = uniqueIdentity();
  const { client } = await nodeSoapClient('CentralSystemService', csUrl, identity, server.url);
  cs.handle('BootNotification', () => ({ status: 'Accepted', currentTime: T0, interval: 900 }));
  await nodeSoapCall(client, 'BootNotification', { chargePointVendor: 'VoltWerk', chargePointModel: 'VW-22-DUO' });
  const session = cs.session(identity);
  expect(session, 'the boot opened a session').toBeDefined();
  return { session: session!, identity, ...server };
}

describe('our CentralSystem -> node-soap server (charge point)', () => {
  it.each(CS_TO_CP)('our session calls $action, node-soap answers', async ({ action, request, response }) => {
    const { cs, url } = await startCentralSystem();
    const { session, identity, arrived, url: cpUrl } = await bootNodeSoapChargePoint(cs, url);

    await expect(session.call(action, request)).resolves.toStrictEqual(response);
    expect(arrived).toStrictEqual([
      {
        action,
        args: nodeSoapView(request),
        headers: {
          chargeBoxIdentity: identity,
          action: `/${action}`,
          messageId: expect.stringMatching(UUID_URN),
          from: url,
          replyTo: ANONYMOUS,
          to: cpUrl,
        },
      },
    ]);
  });

  it('our session calls every central system action in turn on one node-soap charge point', async () => {
    const { cs, url } = await startCentralSystem();
    const { session, arrived } = await bootNodeSoapChargePoint(cs, url);

    const results: unknown[] = [];
    for (const { action, request } of CS_TO_CP) results.push(await session.call(action, request));
    expect(results).toStrictEqual(CS_TO_CP.map((x) => x.response));
    expect(arrived.map(({ action, args }) => ({ action, args }))).toStrictEqual(
      CS_TO_CP.map(({ action, request }) => ({ action, args: nodeSoapView(request) })),
    );
  });

  // node-soap's documented way to answer a fault is to throw { Fault: { Code, Reason, statusCode } }.
  it.each([
    {
      name: 'an OCPP subcode (Sender/SecurityError)',
      fault: {
        Code: { Value: 'soap:Sender', Subcode: { Value: 'tns:SecurityError' } },
        Reason: { Text: 'unknown central system' },
        statusCode: 400,
      },
      expected: { code: 'SecurityError', ocppCode: 'SecurityError', description: 'unknown central system' },
    },
    {
      // Without a statusCode node-soap sends the fault with HTTP 200: the envelope decides.
      name: 'a foreign subcode (rpc:BadArguments) and HTTP 200',
      fault: { Code: { Value: 'soap:Sender', Subcode: { Value: 'rpc:BadArguments' } }, Reason: { Text: 'Processing Error' } },
      expected: { code: 'BadArguments', ocppCode: 'GenericError', description: 'Processing Error' },
    },
    {
      // Verbatim from node-soap's README: a lower-case `value` in Subcode, which SOAP 1.2 does not
      // know, so the fault has no subcode; and statusCode 500 with a Sender code.
      name: 'the README example (Subcode "value", no SOAP 1.2 subcode)',
      fault: {
        Code: { Value: 'soap:Sender', Subcode: { value: 'rpc:BadArguments' } },
        Reason: { Text: 'Processing Error' },
        statusCode: 500,
      },
      expected: { code: 'GenericError', ocppCode: 'GenericError', description: 'Processing Error' },
    },
  ])('a node-soap service throws a SOAP fault with $name: our call rejects with an OcppError', async ({ fault, expected }) => {
    const { cs, url } = await startCentralSystem();
    const { session } = await bootNodeSoapChargePoint(cs, url, {
      Reset: () => {
        throw { Fault: { ...fault } };
      },
    });

    const error = await rejectionOf(session.call('Reset', { type: 'Soft' }));
    expect(error).toBeInstanceOf(OcppError);
    expect(error).toMatchObject({ ...expected, details: {} });
    // The link stays usable.
    await expect(session.call('ClearCache', {})).resolves.toStrictEqual({ status: 'Accepted' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('our ChargePoint (SoapClient) -> node-soap server (central system)', () => {
  it.each(CP_TO_CS)('our charge point calls $action, node-soap answers', async ({ action, request, response }) => {
    const server = await startNodeSoapServer('CentralSystemService', CP_TO_CS);
    const { cp, identity, url: cpUrl } = await connectChargePoint(server.url);

    await expect(cp.call(action, request)).resolves.toStrictEqual(response);
    expect(server.arrived).toStrictEqual([
      {
        action,
        args: nodeSoapView(request),
        headers: {
          chargeBoxIdentity: identity,
          action: `/${action}`,
          messageId: expect.stringMatching(UUID_URN),
          from: cpUrl,
          replyTo: ANONYMOUS,
          to: server.url,
        },
      },
    ]);
  });

  it('a node-soap service’s SOAP fault reaches our charge point as an OcppError', async () => {
    const server = await startNodeSoapServer('CentralSystemService', CP_TO_CS, {
      StartTransaction: () => {
        throw {
          Fault: {
            Code: { Value: 'soap:Receiver', Subcode: { Value: 'tns:InternalError' } },
            Reason: { Text: 'billing backend down' },
            statusCode: 500,
          },
        };
      },
    });
    const { cp } = await connectChargePoint(server.url);

    const start = CP_TO_CS.find((x) => x.action === 'StartTransaction')!.request as Request<'StartTransaction'>;
    const error = await rejectionOf(cp.call('StartTransaction', start));
    expect(error).toBeInstanceOf(OcppError);
    expect(error).toMatchObject({ code: 'InternalError', description: 'billing backend down', details: {} });
  });
});

// ---------------------------------------------------------------------------------------------

describe('node-soap client (central system) -> our ChargePoint', () => {
  /**
   * A node-soap central system (server + client) with our charge point booted at it: the
   * node-soap side learns where our charge point listens from the boot's From/Address, as an
   * OCPP-S central system does.
   */
  async function nodeSoapCentralSystemWithChargePoint() {
    const server = await startNodeSoapServer('CentralSystemService', CP_TO_CS);
    const { cp, identity } = await connectChargePoint(server.url);
    await cp.call('BootNotification', { chargePointVendor: 'VoltWerk', chargePointModel: 'VW-22-DUO' });
    const cpUrl = server.arrived[0]?.headers.from;
    expect(cpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocpp\/cp$/);
    const { client, sent } = await nodeSoapClient('ChargePointService', cpUrl!, identity, server.url);
    return { cp, client, sent };
  }

  it.each(CS_TO_CP)('node-soap calls $action, our charge point answers', async ({ action, request, response }) => {
    const { cp, client, sent } = await nodeSoapCentralSystemWithChargePoint();
    const received: Received[] = [];
    answerOnChargePoint(cp, received);

    const { result, header } = await nodeSoapCall(client, action, request);

    expect(result).toStrictEqual(nodeSoapResult(response));
    expect(received).toStrictEqual([{ action, request, messageId: sent[0]!.messageId }]);
    expect(header).toMatchObject({ action: `/${action}Response`, relatesTo: sent[0]!.messageId });
  });

  it('our charge point’s OcppError reaches node-soap as a SOAP 1.2 Receiver/NotSupported fault', async () => {
    const { cp, client } = await nodeSoapCentralSystemWithChargePoint();
    cp.handle('UnlockConnector', () => {
      throw new OcppError('NotSupported', 'connector 2 has a fixed cable');
    });

    const error = await rejectionOf(client.UnlockConnectorAsync({ connectorId: 2 }) as Promise<unknown>);
    expect(nodeSoapFault(error)).toMatchObject({
      status: 500,
      code: 'Receiver',
      subcode: 'NotSupported',
      reason: 'connector 2 has a fixed cable',
      detail: { errorCode: 'NotSupported' },
    });
  });
});
