// One CentralSystem, one port, both transports: a JSON and a SOAP charge point at once, the
// same handlers serving both, each called by identity.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralSystem, ChargePoint } from '../../src/index.js';
import { ChargePointServiceServer, SoapListener, WebSocketListener } from '../../src/node.js';
import { SoapClient } from '../../src/soap.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('a mixed fleet', () => {
  it('serves an OCPP-J and an OCPP-S charge point on one port with the same handlers', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;

    const cs = new CentralSystem();
    cs.serve(new WebSocketListener({ server, path: '/ocpp/json' }));
    cs.serve(new SoapListener({ server, path: '/ocpp/soap', publicUrl: `http://127.0.0.1:${port}/ocpp/soap` }));
    cleanup.push(() => cs.close());
    const booted: string[] = [];
    cs.handle('BootNotification', (req, { identity, session }) => {
      booted.push(`${identity} over ${session.info.transport}`);
      return { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 };
    });

    const jsonCp = new ChargePoint({ identity: 'JSON-1', endpoint: `ws://127.0.0.1:${port}/ocpp/json`, reconnect: false });
    const soapCp = new ChargePoint({
      identity: 'SOAP-1',
      transport: new SoapClient({
        url: `http://127.0.0.1:${port}/ocpp/soap`,
        identity: 'SOAP-1',
        server: new ChargePointServiceServer({ host: '127.0.0.1', port: 0 }),
      }),
    });
    cleanup.push(() => jsonCp.close(), () => soapCp.close());
    for (const cp of [jsonCp, soapCp]) {
      cp.handle('ChangeAvailability', (req) => ({ status: req.type === 'Inoperative' ? 'Scheduled' : 'Accepted' }));
      await cp.connect();
      await expect(cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'AC22' })).resolves.toMatchObject({
        status: 'Accepted',
      });
    }
    expect(booted).toEqual(['JSON-1 over json', 'SOAP-1 over soap']);
    expect([...cs.sessions()].map((s) => `${s.identity}:${s.info.transport}`).sort()).toEqual(['JSON-1:json', 'SOAP-1:soap']);
    for (const identity of ['JSON-1', 'SOAP-1']) {
      await expect(cs.session(identity)!.call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' })).resolves.toEqual({
        status: 'Scheduled',
      });
    }
  });
});
