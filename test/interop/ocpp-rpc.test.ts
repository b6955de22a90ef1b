// Interop with `ocpp-rpc` (another OCPP-J implementation) as a real foreign peer, over real
// WebSockets on 127.0.0.1, with ocpp-rpc validating strictly against its own OCPP 1.6 schemas:
//   1. ocpp-rpc RPCClient (charge point)  <->  our CentralSystem on our WebSocketListener
//   2. our ChargePoint                    <->  ocpp-rpc RPCServer (central system)
// Every OCPP 1.6 action goes through in the direction it is sent, with the payloads unchanged,
// and CALLERRORs keep their code, description and details both ways.
import type { AddressInfo } from 'node:net';
import ocppRpc, { RPCClient, RPCServer, createRPCError } from 'ocpp-rpc';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CentralSystem,
  ChargePoint,
  OcppError,
  actionRegistry,
  type Action,
  type CentralSystemAction,
  type ChargePointAction,
  type ChargePointOptions,
  type Request,
  type Response,
  type Session,
} from '../../src/index.js';
import { WebSocketListener } from '../../src/node.js';

const HOST = '127.0.0.1';
const PROTOCOLS = ['ocpp1.6'];

// ---------------------------------------------------------------------------------------------
// The exchanges: one request and its response per action, valid for both implementations.

/** One call of `A`: what the caller sends and what the callee answers. */
type Exchange<U extends Action> = { [A in U]: { action: A; request: Request<A>; response: Response<A> } }[U];

const T0 = '2025-01-31T10:00:00.000Z';
const T1 = '2025-01-31T10:15:00.000Z';
const T2 = '2025-01-31T11:30:00.000Z';
const ID_TAG = '04E91C5A123480';
const TRANSACTION = 4711;

/** Every action OCPP 1.6 has a charge point send. */
const CP_TO_CS: readonly Exchange<ChargePointAction>[] = [
  {
    action: 'Authorize',
    request: { idTag: ID_TAG },
    response: { idTagInfo: { status: 'Accepted', expiryDate: '2025-12-31T23:59:59.000Z', parentIdTag: 'FLEET-7' } },
  },
  {
    action: 'BootNotification',
    request: {
      chargePointVendor: 'ACME',
      chargePointModel: 'AC22-T2',
      chargePointSerialNumber: 'ACME-AC22-000123',
      chargeBoxSerialNumber: 'BOX-000123',
      firmwareVersion: '4.2.1',
      iccid: '8931440400012345678',
      imsi: '262019876543210',
      meterType: 'EM340',
      meterSerialNumber: 'MTR-998877',
    },
    response: { status: 'Accepted', currentTime: T0, interval: 300 },
  },
  {
    action: 'DataTransfer',
    request: { vendorId: 'com.acme', messageId: 'ParkingSensor', data: '{"occupied":true}' },
    response: { status: 'Accepted', data: 'ack' },
  },
  { action: 'DiagnosticsStatusNotification', request: { status: 'Uploaded' }, response: {} },
  { action: 'FirmwareStatusNotification', request: { status: 'Installed' }, response: {} },
  { action: 'Heartbeat', request: {}, response: { currentTime: T0 } },
  {
    action: 'MeterValues',
    request: {
      connectorId: 1,
      transactionId: TRANSACTION,
      meterValue: [
        {
          timestamp: T1,
          sampledValue: [
            {
              value: '1234.5',
              context: 'Sample.Periodic',
              format: 'Raw',
              measurand: 'Energy.Active.Import.Register',
              location: 'Outlet',
              unit: 'Wh',
            },
            { value: '16.1', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
            { value: '230.4', measurand: 'Voltage', phase: 'L1-N', unit: 'V' },
          ],
        },
      ],
    },
    response: {},
  },
  {
    action: 'StartTransaction',
    request: { connectorId: 1, idTag: ID_TAG, meterStart: 1000, reservationId: 7, timestamp: T0 },
    response: { transactionId: TRANSACTION, idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET-7' } },
  },
  {
    action: 'StatusNotification',
    request: {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      info: 'cable locked',
      timestamp: T0,
      vendorId: 'com.acme',
      vendorErrorCode: '0',
    },
    response: {},
  },
  {
    action: 'StopTransaction',
    request: {
      transactionId: TRANSACTION,
      idTag: ID_TAG,
      meterStop: 23456,
      timestamp: T2,
      reason: 'Local',
      transactionData: [
        { timestamp: T0, sampledValue: [{ value: '1000', context: 'Transaction.Begin', unit: 'Wh' }] },
        { timestamp: T2, sampledValue: [{ value: '23456', context: 'Transaction.End', unit: 'Wh' }] },
      ],
    },
    response: { idTagInfo: { status: 'Accepted' } },
  },
];

/** Every action OCPP 1.6 has a central system send. */
const CS_TO_CP: readonly Exchange<CentralSystemAction>[] = [
  { action: 'CancelReservation', request: { reservationId: 7 }, response: { status: 'Accepted' } },
  { action: 'ChangeAvailability', request: { connectorId: 0, type: 'Inoperative' }, response: { status: 'Scheduled' } },
  {
    action: 'ChangeConfiguration',
    request: { key: 'HeartbeatInterval', value: '600' },
    response: { status: 'Accepted' },
  },
  { action: 'ClearCache', request: {}, response: { status: 'Accepted' } },
  {
    action: 'ClearChargingProfile',
    request: { id: 2, connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 },
    response: { status: 'Unknown' },
  },
  {
    action: 'DataTransfer',
    request: { vendorId: 'com.acme', messageId: 'SetTariff', data: '0.35 EUR/kWh' },
    response: { status: 'Accepted', data: 'applied' },
  },
  {
    action: 'GetCompositeSchedule',
    request: { connectorId: 1, duration: 3600, chargingRateUnit: 'A' },
    response: {
      status: 'Accepted',
      connectorId: 1,
      scheduleStart: T0,
      chargingSchedule: {
        duration: 3600,
        startSchedule: T0,
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 8.1, numberPhases: 3 },
          { startPeriod: 1800, limit: 16 },
        ],
      },
    },
  },
  {
    action: 'GetConfiguration',
    request: { key: ['HeartbeatInterval', 'NoSuchKey'] },
    response: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['NoSuchKey'] },
  },
  {
    action: 'GetDiagnostics',
    request: { location: 'ftp://diag.example.com/uploads/', retries: 3, retryInterval: 60, startTime: T0, stopTime: T2 },
    response: { fileName: 'diag-2025-01-31.tar.gz' },
  },
  { action: 'GetLocalListVersion', request: {}, response: { listVersion: 42 } },
  {
    action: 'RemoteStartTransaction',
    request: {
      connectorId: 1,
      idTag: ID_TAG,
      chargingProfile: {
        chargingProfileId: 1,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: {
          startSchedule: T0,
          chargingRateUnit: 'A',
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 8.1, numberPhases: 3 }],
        },
      },
    },
    response: { status: 'Accepted' },
  },
  { action: 'RemoteStopTransaction', request: { transactionId: TRANSACTION }, response: { status: 'Accepted' } },
  {
    action: 'ReserveNow',
    request: { connectorId: 1, expiryDate: T2, idTag: ID_TAG, parentIdTag: 'FLEET-7', reservationId: 7 },
    response: { status: 'Accepted' },
  },
  { action: 'Reset', request: { type: 'Soft' }, response: { status: 'Accepted' } },
  {
    action: 'SendLocalList',
    request: {
      listVersion: 43,
      updateType: 'Differential',
      localAuthorizationList: [
        { idTag: ID_TAG, idTagInfo: { status: 'Accepted', expiryDate: '2025-12-31T23:59:59.000Z' } },
        { idTag: 'REVOKED-1' },
      ],
    },
    response: { status: 'Accepted' },
  },
  {
    action: 'SetChargingProfile',
    request: {
      connectorId: 1,
      csChargingProfiles: {
        chargingProfileId: 2,
        transactionId: TRANSACTION,
        stackLevel: 1,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: {
          duration: 3600,
          chargingRateUnit: 'W',
          chargingSchedulePeriod: [
            { startPeriod: 0, limit: 11000.5 },
            { startPeriod: 1800, limit: 7400.3, numberPhases: 1 },
          ],
          minChargingRate: 1.5,
        },
      },
    },
    response: { status: 'Accepted' },
  },
  {
    action: 'TriggerMessage',
    request: { requestedMessage: 'MeterValues', connectorId: 1 },
    response: { status: 'Accepted' },
  },
  { action: 'UnlockConnector', request: { connectorId: 1 }, response: { status: 'Unlocked' } },
  {
    action: 'UpdateFirmware',
    request: { location: 'https://fw.example.com/acme/ac22-4.3.0.bin', retrieveDate: T1, retries: 2, retryInterval: 120 },
    response: {},
  },
];

/** What a handler saw: the action and the request payload. */
interface Received {
  readonly action: string;
  readonly request: unknown;
}

// ---------------------------------------------------------------------------------------------
// Setup and teardown: everything started is closed after each test, last started first.

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

let identities = 0;
/** An identity no other test uses. */
const uniqueIdentity = (role: string) => `interop-${role}-${++identities}`;

type RpcClientOptions = ConstructorParameters<typeof RPCClient>[0];

/** Our CentralSystem served by our WebSocketListener on an ephemeral port. */
async function startCentralSystem() {
  const cs = new CentralSystem();
  const listener = new WebSocketListener({ host: HOST, port: 0, path: '/ocpp' });
  cs.serve(listener);
  const { port } = await listener.listen();
  cleanup.push(() => cs.close());
  return { cs, url: `ws://${HOST}:${port}/ocpp` };
}

/** Resolves with the session of `identity` once it connects to `cs`. */
function sessionOf(cs: CentralSystem, identity: string): Promise<Session> {
  return new Promise((resolve) => {
    const off = cs.on('session', (session) => {
      if (session.identity !== identity) return;
      off();
      resolve(session);
    });
  });
}

/** An ocpp-rpc charge point, strict, connected to our central system, with its session there. */
async function connectRpcChargePoint(cs: CentralSystem, url: string) {
  const identity = uniqueIdentity('rpc-cp');
  // The d.ts of ocpp-rpc makes every option required, though all but identity have defaults.
  const options: Partial<RpcClientOptions> = {
    endpoint: url,
    identity,
    protocols: PROTOCOLS,
    strictMode: true,
    reconnect: false,
  };
  const client = new RPCClient(options as RpcClientOptions);
  const session = sessionOf(cs, identity);
  cleanup.push(() => client.close());
  await client.connect();
  return { client, session: await session, identity };
}

/** An ocpp-rpc central system, strict, on an ephemeral port. */
async function startRpcCentralSystem() {
  const server = new RPCServer({ protocols: PROTOCOLS, strictMode: true });
  const http = await server.listen(0, HOST);
  cleanup.push(() => server.close({}));
  return { server, url: `ws://${HOST}:${(http.address() as AddressInfo).port}/ocpp` };
}

/**
 * Resolves with ocpp-rpc's side of the connection of `identity`; `setup` runs as soon as it
 * exists, before any call can arrive on it (ocpp-rpc answers NotImplemented while no handler is
 * registered).
 */
function rpcClientOf(server: RPCServer, identity: string, setup: (client: RPCClient) => void): Promise<RPCClient> {
  return new Promise((resolve) => {
    const onClient = (client: RPCClient) => {
      if (client.identity !== identity) return;
      server.off('client', onClient);
      setup(client);
      resolve(client);
    };
    server.on('client', onClient);
  });
}

/** Our ChargePoint, connected to the ocpp-rpc central system. */
async function connectChargePoint(
  server: RPCServer,
  url: string,
  setup: (client: RPCClient) => void,
  options: Partial<ChargePointOptions> = {},
) {
  const identity = uniqueIdentity('cp');
  const cp = new ChargePoint({ identity, endpoint: url, reconnect: false, ...options });
  const peer = rpcClientOf(server, identity, setup);
  cleanup.push(() => cp.close());
  await cp.connect();
  return { cp, peer: await peer, identity };
}

// ---------------------------------------------------------------------------------------------
// Handlers answering from the tables, recording what they received.

/** Our central system answers every charge point action of the table. */
function answerOnCentralSystem(cs: CentralSystem, received: (Received & { identity: string })[]): void {
  for (const { action, response } of CP_TO_CS) {
    const handler = (request: unknown, context: { identity: string }) => {
      received.push({ identity: context.identity, action, request });
      return response;
    };
    cs.handle(action, handler as never);
  }
}

/** Our charge point answers every central system action of the table. */
function answerOnChargePoint(cp: ChargePoint, received: Received[]): void {
  for (const { action, response } of CS_TO_CP) {
    cp.handle(action, ((request: unknown) => {
      received.push({ action, request });
      return response;
    }) as never);
  }
}

/** An ocpp-rpc peer answers every action of `table`. */
function answerOnRpcPeer(client: RPCClient, table: readonly Exchange<Action>[], received: Received[]): void {
  for (const { action, response } of table) {
    client.handle(action, async ({ params }) => {
      received.push({ action, request: params });
      return response;
    });
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

/** Asserts an ocpp-rpc call failed with a received CALLERROR of this code, message and details. */
function expectRpcError(error: unknown, code: string, message: string, details: Record<string, unknown>): void {
  expect(error).toBeInstanceOf(ocppRpc.RPCError);
  expect(error).toMatchObject({ rpcErrorCode: code, message });
  expect((error as { details: unknown }).details).toStrictEqual(details);
}

/** Asserts one of our calls failed with an OcppError of this code, description and details. */
function expectOcppError(error: unknown, code: string, description: string, details: Record<string, unknown>): void {
  expect(error).toBeInstanceOf(OcppError);
  expect(error).toMatchObject({ code, description });
  expect((error as OcppError).details).toStrictEqual(details);
}

it('the tables cover every OCPP 1.6 action (Security White Paper aside), each in the direction it is sent', () => {
  const core = Object.values(actionRegistry).filter((definition) => definition.profile !== 'Security');
  const sentBy = (sender: string) =>
    core.filter((d) => d.sentBy === sender || d.sentBy === 'Both').map((d) => d.name).sort();
  expect(CP_TO_CS.map((x) => x.action).sort()).toEqual(sentBy('ChargePoint'));
  expect(CS_TO_CP.map((x) => x.action).sort()).toEqual(sentBy('CentralSystem'));
  expect(CP_TO_CS).toHaveLength(10);
  expect(CS_TO_CP).toHaveLength(19);
});

// ---------------------------------------------------------------------------------------------

describe('ocpp-rpc RPCClient (charge point) <-> our CentralSystem', () => {
  it('agrees on ocpp1.6', async () => {
    const { cs, url } = await startCentralSystem();
    const { client, session } = await connectRpcChargePoint(cs, url);
    expect(client.protocol).toBe('ocpp1.6');
    expect(session.info).toMatchObject({ transport: 'json', protocol: 'ocpp1.6', securityProfile: 0 });
  });

  it.each(CP_TO_CS)('ocpp-rpc calls $action, our handler answers', async ({ action, request, response }) => {
    const { cs, url } = await startCentralSystem();
    const received: (Received & { identity: string })[] = [];
    answerOnCentralSystem(cs, received);
    const { client, identity } = await connectRpcChargePoint(cs, url);

    await expect(client.call(action, request)).resolves.toStrictEqual(response);
    expect(received).toStrictEqual([{ identity, action, request }]);
  });

  it('ocpp-rpc calls every charge point action in turn on one connection', async () => {
    const { cs, url } = await startCentralSystem();
    const received: (Received & { identity: string })[] = [];
    answerOnCentralSystem(cs, received);
    const { client, identity } = await connectRpcChargePoint(cs, url);

    const responses: unknown[] = [];
    for (const { action, request } of CP_TO_CS) responses.push(await client.call(action, request));
    expect(responses).toStrictEqual(CP_TO_CS.map((x) => x.response));
    expect(received).toStrictEqual(CP_TO_CS.map(({ action, request }) => ({ identity, action, request })));
  });

  it.each(CS_TO_CP)('our session calls $action, ocpp-rpc answers', async ({ action, request, response }) => {
    const { cs, url } = await startCentralSystem();
    const { client, session } = await connectRpcChargePoint(cs, url);
    const received: Received[] = [];
    answerOnRpcPeer(client, CS_TO_CP, received);

    await expect(session.call(action, request)).resolves.toStrictEqual(response);
    expect(received).toStrictEqual([{ action, request }]);
  });

  it('our handler’s OcppError reaches ocpp-rpc as that CALLERROR', async () => {
    const { cs, url } = await startCentralSystem();
    cs.handle('Authorize', () => {
      throw new OcppError('SecurityError', 'not accepted', { why: 'x' });
    });
    const { client } = await connectRpcChargePoint(cs, url);

    const error = await rejectionOf(client.call('Authorize', { idTag: ID_TAG }));
    expectRpcError(error, 'SecurityError', 'not accepted', { why: 'x' });
  });

  it('an action we have no handler for is NotSupported to ocpp-rpc', async () => {
    const { cs, url } = await startCentralSystem();
    const { client } = await connectRpcChargePoint(cs, url);

    const error = await rejectionOf(client.call('Heartbeat', {}));
    expectRpcError(error, 'NotSupported', 'Heartbeat is not supported here', {});
  });

  it('an invalid request ocpp-rpc sends with strict mode off gets our validation CALLERROR', async () => {
    const { cs, url } = await startCentralSystem();
    const received: (Received & { identity: string })[] = [];
    answerOnCentralSystem(cs, received);
    const { client, session } = await connectRpcChargePoint(cs, url);
    const arrived: string[] = [];
    session.on('call', ({ direction, action }) => arrived.push(`${direction} ${action}`));
    const invalid = { connectorId: '1', errorCode: 'NoError', status: 'Available' };

    // Strict, ocpp-rpc refuses to send it at all.
    const refused = await rejectionOf(client.call('StatusNotification', invalid));
    expect(refused).toMatchObject({ rpcErrorCode: 'TypeConstraintViolation' });
    expect(arrived).toEqual([]);

    // Strict mode off for this one call: it is sent, and we answer TypeConstraintViolation.
    client.reconfigure({ strictMode: false } as RpcClientOptions);
    const answered = await rejectionOf(client.call('StatusNotification', invalid));
    client.reconfigure({ strictMode: true } as RpcClientOptions);
    expectRpcError(
      answered,
      'TypeConstraintViolation',
      'StatusNotification request: /connectorId must be an integer, got the string "1"',
      { path: '/connectorId', constraint: 'type' },
    );
    expect(arrived).toEqual(['in StatusNotification']);
    expect(received).toEqual([]);

    // The connection still works, strictly.
    await expect(client.call('Heartbeat', {})).resolves.toStrictEqual({ currentTime: T0 });
  });

  it('an ocpp-rpc handler’s RPC error reaches our session as an OcppError', async () => {
    const { cs, url } = await startCentralSystem();
    const { client, session } = await connectRpcChargePoint(cs, url);
    client.handle('Reset', async () => {
      throw createRPCError('NotSupported', 'no remote reset here', { hint: 'y' });
    });

    const error = await rejectionOf(session.call('Reset', { type: 'Hard' }));
    expectOcppError(error, 'NotSupported', 'no remote reset here', { hint: 'y' });
  });

  it('an action ocpp-rpc has no handler for is NotImplemented to us (ocppkit would say NotSupported)', async () => {
    const { cs, url } = await startCentralSystem();
    const { session } = await connectRpcChargePoint(cs, url);

    const error = await rejectionOf(session.call('ClearCache', {}));
    expectOcppError(error, 'NotImplemented', "Unable to handle 'ClearCache' calls", {});
  });

  it('a handler’s plain exception: ocpp-rpc sends GenericError with its message, we send InternalError', async () => {
    const { cs, url } = await startCentralSystem();
    cs.handle('Heartbeat', () => {
      throw new Error('database down');
    });
    const { client, session } = await connectRpcChargePoint(cs, url);
    client.handle('Reset', async () => {
      throw new Error('relay stuck');
    });

    const ours = await rejectionOf(client.call('Heartbeat', {}));
    expectRpcError(ours, 'InternalError', 'the request could not be processed', {});
    const theirs = await rejectionOf(session.call('Reset', { type: 'Soft' }));
    expectOcppError(theirs, 'GenericError', 'relay stuck', {});
  });
});

// ---------------------------------------------------------------------------------------------

describe('our ChargePoint <-> ocpp-rpc RPCServer (central system)', () => {
  it('agrees on ocpp1.6', async () => {
    const { server, url } = await startRpcCentralSystem();
    const { cp, peer, identity } = await connectChargePoint(server, url, () => {});
    expect(cp.connected).toBe(true);
    expect(peer.protocol).toBe('ocpp1.6');
    expect(peer.identity).toBe(identity);
  });

  it.each(CP_TO_CS)('our charge point calls $action, ocpp-rpc answers', async ({ action, request, response }) => {
    const { server, url } = await startRpcCentralSystem();
    const received: Received[] = [];
    const { cp } = await connectChargePoint(server, url, (client) => answerOnRpcPeer(client, CP_TO_CS, received));

    await expect(cp.call(action, request)).resolves.toStrictEqual(response);
    expect(received).toStrictEqual([{ action, request }]);
  });

  it('our charge point calls every charge point action in turn on one connection', async () => {
    const { server, url } = await startRpcCentralSystem();
    const received: Received[] = [];
    const { cp } = await connectChargePoint(server, url, (client) => answerOnRpcPeer(client, CP_TO_CS, received));

    const responses: unknown[] = [];
    for (const { action, request } of CP_TO_CS) responses.push(await cp.call(action, request));
    expect(responses).toStrictEqual(CP_TO_CS.map((x) => x.response));
    expect(received).toStrictEqual(CP_TO_CS.map(({ action, request }) => ({ action, request })));
  });

  it.each(CS_TO_CP)('ocpp-rpc calls $action, our charge point answers', async ({ action, request, response }) => {
    const { server, url } = await startRpcCentralSystem();
    const received: Received[] = [];
    const { cp, peer } = await connectChargePoint(server, url, () => {});
    answerOnChargePoint(cp, received);

    await expect(peer.call(action, request)).resolves.toStrictEqual(response);
    expect(received).toStrictEqual([{ action, request }]);
  });

  it('an ocpp-rpc handler’s RPC error reaches our charge point as an OcppError', async () => {
    const { server, url } = await startRpcCentralSystem();
    const { cp } = await connectChargePoint(server, url, (client) =>
      client.handle('Authorize', async () => {
        throw createRPCError('SecurityError', 'not accepted', { why: 'x' });
      }),
    );

    const error = await rejectionOf(cp.call('Authorize', { idTag: ID_TAG }));
    expectOcppError(error, 'SecurityError', 'not accepted', { why: 'x' });
  });

  it('our charge point handler’s OcppError reaches ocpp-rpc as that CALLERROR', async () => {
    const { server, url } = await startRpcCentralSystem();
    const { cp, peer } = await connectChargePoint(server, url, () => {});
    cp.handle('Reset', () => {
      throw new OcppError('SecurityError', 'not accepted', { why: 'x' });
    });

    const error = await rejectionOf(peer.call('Reset', { type: 'Soft' }));
    expectRpcError(error, 'SecurityError', 'not accepted', { why: 'x' });
  });

  it('an action our charge point has no handler for is NotSupported to ocpp-rpc', async () => {
    const { server, url } = await startRpcCentralSystem();
    const { peer } = await connectChargePoint(server, url, () => {});

    const error = await rejectionOf(peer.call('ClearCache', {}));
    expectRpcError(error, 'NotSupported', 'ClearCache is not supported here', {});
  });

  it('an invalid request ocpp-rpc sends with strict mode off gets our validation CALLERROR', async () => {
    const { server, url } = await startRpcCentralSystem();
    const received: Received[] = [];
    const { cp, peer } = await connectChargePoint(server, url, () => {});
    answerOnChargePoint(cp, received);

    peer.reconfigure({ strictMode: false } as RpcClientOptions);
    const error = await rejectionOf(peer.call('UnlockConnector', { connectorId: '1' }));
    peer.reconfigure({ strictMode: true } as RpcClientOptions);
    expectRpcError(
      error,
      'TypeConstraintViolation',
      'UnlockConnector request: /connectorId must be an integer, got the string "1"',
      { path: '/connectorId', constraint: 'type' },
    );
    expect(received).toEqual([]);
    await expect(peer.call('UnlockConnector', { connectorId: 1 })).resolves.toStrictEqual({ status: 'Unlocked' });
  });

  it('an invalid request we send unvalidated gets ocpp-rpc’s validation CALLERROR, 1.6 code in ocppCode', async () => {
    const { server, url } = await startRpcCentralSystem();
    const received: Received[] = [];
    const { cp } = await connectChargePoint(server, url, (client) => answerOnRpcPeer(client, CP_TO_CS, received), {
      validation: { directions: { outgoingRequest: false } },
    });

    const wrongType = await rejectionOf(
      cp.call('StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' } as never),
    );
    expect(wrongType).toMatchObject({ name: 'OcppError', code: 'TypeConstraintViolation', ocppCode: 'TypeConstraintViolation' });

    // ocpp-rpc spells the missing-field code the 2.x way even on ocpp1.6; we keep it verbatim
    // in `code` and give the 1.6 spelling in `ocppCode`.
    const missing = await rejectionOf(cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError' } as never));
    expect(missing).toMatchObject({
      name: 'OcppError',
      code: 'OccurrenceConstraintViolation',
      ocppCode: 'OccurenceConstraintViolation',
    });
    expect(received).toEqual([]);
  });
});
