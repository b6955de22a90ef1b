// A ChargePoint and a CentralSystem over a real WebSocket on 127.0.0.1: calls both ways.
import { afterEach, describe, expect, it } from 'vitest';
import { CentralSystem, ChargePoint, OcppError } from '../../src/index.js';
import { WebSocketListener } from '../../src/node.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function start() {
  const cs = new CentralSystem();
  const listener = new WebSocketListener({ host: '127.0.0.1', port: 0, path: '/ocpp' });
  cs.serve(listener);
  const { port } = await listener.listen();
  cleanup.push(() => cs.close());
  return { cs, url: `ws://127.0.0.1:${port}/ocpp` };
}

describe('ChargePoint <-> CentralSystem over OCPP-J', () => {
  it('boots, heartbeats and answers a server-initiated call', async () => {
    const { cs, url } = await start();
    cs.handle('BootNotification', (req, ctx) => {
      expect(ctx.identity).toBe('CP 1');
      expect(req.chargePointVendor).toBe('ACME');
      return { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 };
    });
    cs.handle('Heartbeat', () => ({ currentTime: '2025-01-31T10:00:01Z' }));
    const sessions: string[] = [];
    cs.on('session', (s) => sessions.push(s.identity));

    const cp = new ChargePoint({ identity: 'CP 1', endpoint: url, reconnect: false });
    cleanup.push(() => cp.close());
    cp.handle('GetConfiguration', (req) => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: req.key?.filter((k) => k !== 'HeartbeatInterval') }));
    await cp.connect();

    await expect(cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'AC22' })).resolves.toEqual({
      status: 'Accepted',
      currentTime: '2025-01-31T10:00:00Z',
      interval: 300,
    });
    await expect(cp.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2025-01-31T10:00:01Z' });
    expect(sessions).toEqual(['CP 1']);
    const config = await cs.session('CP 1')!.call('GetConfiguration', { key: ['HeartbeatInterval', 'Nope'] });
    expect(config).toEqual({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Nope'] });
  });

  it('turns an unhandled action into NotSupported and a handler OcppError into its CALLERROR', async () => {
    const { cs, url } = await start();
    cs.handle('Authorize', () => {
      throw new OcppError('SecurityError', 'not yet accepted', { hint: 'boot first' });
    });
    const cp = new ChargePoint({ identity: 'CP2', endpoint: url, reconnect: false });
    cleanup.push(() => cp.close());
    await cp.connect();
    await expect(cp.call('Heartbeat', {})).rejects.toMatchObject({ name: 'OcppError', code: 'NotSupported' });
    await expect(cp.call('Authorize', { idTag: 'TAG' })).rejects.toMatchObject({
      code: 'SecurityError',
      description: 'not yet accepted',
      details: { hint: 'boot first' },
    });
  });
});
