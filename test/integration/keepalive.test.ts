// WebSocket ping/pong keepalive on both sides: dead peers are dropped, live ones kept. The
// keepalive timers run on fake clocks; only the sockets are real.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fake-clock.js';
import { HEARTBEAT_RESPONSE, nextEvent, record, useHarness } from './harness.js';

const h = useHarness();
const INTERVAL = 20;

describe('keepalive on the central system (WebSocketListener pingIntervalMs)', () => {
  it('terminates a charge point that never answers pings', async () => {
    const clock = new FakeClock();
    const server = await h.centralSystem({ listener: { pingIntervalMs: INTERVAL, clock } });
    const raw = h.rawClient(`${server.url}/MUTE`, ['ocpp1.6'], { autoPong: false });
    await raw.opened();
    await server.events.nth('session');

    clock.advance(INTERVAL); // first ping
    await raw.log.nth('ping');
    expect(server.cs.session('MUTE')?.connected).toBe(true);
    clock.advance(INTERVAL); // no pong since: the peer is dead
    expect((await raw.closed()).code).toBe(1006);
    const closed = await server.events.nth('sessionClosed');
    expect(closed.session.identity).toBe('MUTE');
    expect(server.cs.session('MUTE')).toBeUndefined();
  });

  it('keeps a charge point that answers pings', async () => {
    const clock = new FakeClock();
    const server = await h.centralSystem({ listener: { pingIntervalMs: INTERVAL, clock } });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    cp.handle('ClearCache', () => ({ status: 'Accepted' }));
    await cp.connect();
    const session = await server.events.nth('session');
    for (let round = 0; round < 3; round++) {
      clock.advance(INTERVAL);
      // The ping is sent before this call, so the pong comes back before its result: once the
      // call resolves, the server has seen the pong.
      await expect(session.call('ClearCache', {})).resolves.toEqual({ status: 'Accepted' });
    }
    expect(cp.connected).toBe(true);
    expect(session.connected).toBe(true);
    expect(server.events.all('sessionClosed')).toEqual([]);
  });
});

describe('keepalive on the charge point (ChargePoint pingIntervalMs)', () => {
  it('detects a central system that does not pong, reports a problem and reconnects', async () => {
    const clock = new FakeClock();
    const server = await h.rawServer({ autoPong: false, handleProtocols: () => 'ocpp1.6' });
    const cp = h.chargePoint({
      identity: 'CP1',
      endpoint: server.url,
      clock,
      pingIntervalMs: INTERVAL,
      reconnect: { initialDelayMs: 10, jitter: 0 },
    });
    const log = record(cp, ['open', 'close', 'problem', 'reconnecting']);
    await cp.connect();
    const connection = await server.connections.nth('connection', 1);

    const pinged = nextEvent(connection, 'ping');
    clock.advance(INTERVAL);
    await pinged;
    expect(log.all('problem')).toEqual([]);
    clock.advance(INTERVAL); // the pong timeout
    expect((await log.nth('problem')).reason).toMatch(/no pong/);
    expect((await log.nth('close')).code).toBe(1006);
    expect(await log.nth('reconnecting')).toEqual({ attempt: 1, delayMs: 10 });
    expect(log.all('problem')).toHaveLength(1);

    clock.advance(10);
    await log.nth('open', 2);
    await server.connections.nth('connection', 2);
    expect(cp.connected).toBe(true);
  });

  it('keeps a central system that answers pings', async () => {
    const clock = new FakeClock();
    const server = await h.centralSystem();
    server.cs.handle('Heartbeat', () => HEARTBEAT_RESPONSE);
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url, clock, pingIntervalMs: INTERVAL });
    const log = record(cp, ['problem', 'close']);
    await cp.connect();
    for (let round = 0; round < 3; round++) {
      clock.advance(INTERVAL);
      // The ping went out before this call, so its pong arrives before the call's result.
      await expect(cp.call('Heartbeat', {})).resolves.toEqual(HEARTBEAT_RESPONSE);
    }
    expect(log.entries).toEqual([]);
    expect(cp.connected).toBe(true);
  });
});
