// Graceful shutdown of a central system with calls in flight: everything settles, nothing hangs.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NotConnectedError } from '../../src/index.js';
import { FakeClock } from '../fake-clock.js';
import { HOST, nextEvent, record, useHarness } from './harness.js';

const h = useHarness();

describe('CentralSystem.close()', () => {
  it('rejects pending and queued calls with NotConnectedError, closes charge points with 1001, and resolves', async () => {
    const server = await h.centralSystem();
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    const signals: AbortSignal[] = [];
    cp.handle('GetConfiguration', (_request, context) => {
      signals.push(context.signal);
      return new Promise(() => {}); // answers never
    });
    const log = record(cp, ['call', 'close']);
    await cp.connect();
    const session = await server.events.nth('session');

    const inFlight = session.call('GetConfiguration', {});
    const queued = session.call('ClearCache', {}); // waits for the slot of the first
    inFlight.catch(() => {});
    queued.catch(() => {}); // both inspected below
    await log.nth('call');

    await withinClose(server.cs.close());
    await expect(inFlight).rejects.toBeInstanceOf(NotConnectedError);
    await expect(queued).rejects.toBeInstanceOf(NotConnectedError);
    expect((await log.nth('close')).code).toBe(1001);
    expect((await server.events.nth('sessionClosed')).session).toBe(session);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(log.all('call')).toHaveLength(1); // the queued call was never sent
    expect(cp.connected).toBe(false);

    // Nobody listens any more.
    const late = h.chargePoint({ identity: 'CP2', endpoint: server.url });
    await expect(late.connect()).rejects.toThrow(/could not be opened/);
  });

  it('cuts a connection that does not answer the close handshake after closeTimeoutMs', async () => {
    const clock = new FakeClock();
    const server = await h.centralSystem({ listener: { clock, closeTimeoutMs: 100 } });
    const mute = await upgradeAndIgnoreEverything(server.port, '/ocpp/MUTE');
    await server.events.nth('session');

    let closed = false;
    const closing = server.cs.close().then(() => (closed = true));
    expect(clock.pending).toBe(1); // the close timeout of the mute connection
    clock.advance(99);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    await withinClose(closing);
    expect(closed).toBe(true);
    expect((await server.events.nth('sessionClosed')).session.identity).toBe('MUTE');
    // The server cut the socket: reading on, the client sees its end.
    const ended = nextEvent(mute, 'close');
    mute.resume();
    await ended;
  });

  it('stops listening: later charge points cannot connect', async () => {
    const server = await h.centralSystem();
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    await cp.connect();
    await withinClose(server.listener.close());
    expect(server.listener.port).toBe(0);
    await expect(h.chargePoint({ identity: 'CP2', endpoint: server.url }).connect()).rejects.toThrow(/could not be opened/);
  });

  it('refuses with 503 a handshake still being authenticated, without waiting for the hook', async () => {
    let called!: () => void;
    const hookCalled = new Promise<void>((resolve) => (called = resolve));
    const server = await h.centralSystem({
      listener: {
        handshakeTimeoutMs: 60_000,
        authenticate: () => {
          called();
          return new Promise<boolean>(() => {}); // never decides
        },
      },
    });
    const raw = h.rawClient(`${server.url}/LATE`);
    await hookCalled;
    await withinClose(server.cs.close());
    expect(await raw.refusedWith()).toBe(503);
    expect(await server.refusals.nth('refused')).toMatchObject({ status: 503, reason: 'the server is shutting down' });
    expect(server.events.all('session')).toEqual([]);
  });
});

// close() must not wait for anything the test does not control.
function withinClose<T>(closing: Promise<T>): Promise<T> {
  return Promise.race([
    closing,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('close() did not resolve')), 2_000)),
  ]);
}

// A WebSocket client that completes the handshake and then neither reads nor answers anything.
async function upgradeAndIgnoreEverything(port: number, path: string): Promise<Socket> {
  const req = request({
    host: HOST,
    port,
    path,
    headers: {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Protocol': 'ocpp1.6',
    },
  });
  req.end();
  const [, socket] = (await nextEvent(req, 'upgrade')) as [unknown, Socket];
  socket.on('error', () => {});
  socket.pause();
  h.track(() => socket.destroy());
  return socket;
}
