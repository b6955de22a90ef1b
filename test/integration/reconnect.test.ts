// A charge point loses its central system and finds it again: back-off on a fake clock, real sockets.
import { describe, expect, it } from 'vitest';
import { NotConnectedError } from '../../src/index.js';
import { FakeClock } from '../fake-clock.js';
import { HEARTBEAT_RESPONSE, freePort, record, useHarness } from './harness.js';

const h = useHarness();

describe('reconnection', () => {
  it('retries with growing delays while the central system is down, then reconnects and calls again', async () => {
    const clock = new FakeClock();
    const first = await h.centralSystem();
    const { cs } = first;
    cs.handle('Heartbeat', () => HEARTBEAT_RESPONSE);
    const cp = h.chargePoint({
      identity: 'CP1',
      endpoint: first.url,
      clock,
      reconnect: { initialDelayMs: 10, factor: 2, jitter: 0 },
    });
    const log = record(cp, ['open', 'close', 'reconnecting', 'problem']);
    await cp.connect();
    await expect(cp.call('Heartbeat', {})).resolves.toEqual(HEARTBEAT_RESPONSE);

    // The central system goes away: the charge point is told why and schedules a retry.
    await first.listener.close();
    expect(await log.nth('close')).toMatchObject({ code: 1001 });
    expect(await log.nth('reconnecting', 1)).toEqual({ attempt: 1, delayMs: 10 });
    expect(cp.connected).toBe(false);
    await expect(cp.call('Heartbeat', {})).rejects.toBeInstanceOf(NotConnectedError);

    // Each failed attempt doubles the delay; nothing happens until the (fake) time has passed.
    clock.advance(9);
    expect(clock.pending).toBe(1); // the retry, not yet due
    clock.advance(1);
    expect(clock.pending).toBe(0);
    expect(await log.nth('reconnecting', 2)).toEqual({ attempt: 2, delayMs: 20 });
    clock.advance(20);
    expect(await log.nth('reconnecting', 3)).toEqual({ attempt: 3, delayMs: 40 });

    // The central system is back on the same port before the third attempt.
    const second = await h.listen(cs, { port: first.port });
    expect(second.port).toBe(first.port);
    clock.advance(40);
    expect(await log.nth('open', 2)).toMatchObject({ protocol: 'ocpp1.6' });
    await second.events.nth('session');
    await expect(cp.call('Heartbeat', {})).resolves.toEqual(HEARTBEAT_RESPONSE);
    expect(cs.session('CP1')?.connected).toBe(true);
    expect(log.all('problem')).toEqual([]);

    // A successful connection resets the back-off.
    await second.listener.close();
    expect(await log.nth('reconnecting', 4)).toEqual({ attempt: 1, delayMs: 10 });
  });

  it('gives up after maxAttempts and rejects connect()', async () => {
    const clock = new FakeClock();
    const port = await freePort();
    const cp = h.chargePoint({
      identity: 'CP1',
      endpoint: `ws://127.0.0.1:${port}/ocpp`,
      clock,
      reconnect: { initialDelayMs: 10, factor: 3, jitter: 0, maxAttempts: 2 },
    });
    const log = record(cp, ['reconnecting', 'close']);
    const connecting = cp.connect();
    connecting.catch(() => {}); // inspected below
    expect(await log.nth('reconnecting', 1)).toEqual({ attempt: 1, delayMs: 10 });
    clock.advance(10);
    expect(await log.nth('reconnecting', 2)).toEqual({ attempt: 2, delayMs: 30 });
    clock.advance(30);
    await expect(connecting).rejects.toThrow(/giving up after 3 attempt/);
    expect(log.all('reconnecting')).toHaveLength(2);
    expect(log.all('close')).toHaveLength(3);
    expect(clock.pending).toBe(0);
  });

  it('stops retrying when closed while waiting for the next attempt', async () => {
    const clock = new FakeClock();
    const port = await freePort();
    const cp = h.chargePoint({
      identity: 'CP1',
      endpoint: `ws://127.0.0.1:${port}/ocpp`,
      clock,
      reconnect: { initialDelayMs: 10, jitter: 0 },
    });
    const log = record(cp, ['reconnecting']);
    const connecting = cp.connect();
    connecting.catch(() => {}); // inspected below
    await log.nth('reconnecting');
    await cp.close();
    await expect(connecting).rejects.toThrow(/closed before the connection opened/);
    expect(clock.pending).toBe(0);
    clock.advance(1_000);
    expect(log.all('reconnecting')).toHaveLength(1);
  });
});
