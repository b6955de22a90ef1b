// A SOAP ChargePoint and a CentralSystem over real HTTP on 127.0.0.1: calls both ways, faults.
import { afterEach, describe, expect, it } from 'vitest';
import { CentralSystem, ChargePoint, OcppError } from '../../src/index.js';
import { SoapClient } from '../../src/soap.js';
import { ChargePointServiceServer, SoapListener } from '../../src/node.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function start() {
  const cs = new CentralSystem();
  const listener = new SoapListener({ host: '127.0.0.1', port: 0, path: '/ocpp/soap' });
  cs.serve(listener);
  await listener.listen();
  cleanup.push(() => cs.close());
  return { cs, url: listener.url };
}

function soapChargePoint(identity: string, url: string) {
  const server = new ChargePointServiceServer({ host: '127.0.0.1', port: 0, path: '/cp' });
  const cp = new ChargePoint({ identity, transport: new SoapClient({ url, identity, server }) });
  cleanup.push(() => cp.close());
  return cp;
}

describe('ChargePoint <-> CentralSystem over OCPP-S', () => {
  it('boots, and the central system calls the charge point back at its From/Address', async () => {
    const { cs, url } = await start();
    cs.handle('BootNotification', (req, ctx) => {
      expect(ctx.identity).toBe('SOAP-CP');
      expect(ctx.session.info.transport).toBe('soap');
      return { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 };
    });
    const cp = soapChargePoint('SOAP-CP', url);
    cp.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }));
    cp.handle('Reset', () => {
      throw new OcppError('NotSupported', 'no hard resets here');
    });
    await cp.connect();
    await expect(cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'AC22' })).resolves.toEqual({
      status: 'Accepted',
      currentTime: '2025-01-31T10:00:00Z',
      interval: 300,
    });
    const session = cs.session('SOAP-CP')!;
    await expect(session.call('GetConfiguration', {})).resolves.toEqual({
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
    });
    await expect(session.call('Reset', { type: 'Hard' })).rejects.toMatchObject({ code: 'NotSupported', description: 'no hard resets here' });
    await expect(cp.call('Heartbeat', {})).rejects.toMatchObject({ code: 'NotSupported' });
    await expect(cp.call('Authorize', { idTag: 'X'.repeat(21) })).rejects.toThrow('/idTag must be at most 20 characters');
  });
});
