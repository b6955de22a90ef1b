// The listener's authenticate hook: its answers become HTTP statuses, Basic auth (security
// profile 1) with plain and hex AuthorizationKeys, failures and slowness of the hook itself.
import { describe, expect, it } from 'vitest';
import type { HandshakeRequest } from '../../src/node.js';
import { FakeClock } from '../fake-clock.js';
import { record, useHarness } from './harness.js';

const h = useHarness();

// 16 bytes as text, and 20 bytes written as 40 hex digits, as central systems configure them.
const PLAIN_KEY = 'correct-horse-16';
const HEX_KEY = '0123456789abcdef0123456789ABCDEF01234567';

describe('authenticate hook', () => {
  it('accepts a charge point when the hook says true, and tells it what it needs', async () => {
    const seen: HandshakeRequest[] = [];
    const server = await h.centralSystem({
      listener: {
        authenticate: (handshake) => {
          seen.push(handshake);
          return true;
        },
      },
    });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    await cp.connect();
    const session = await server.events.nth('session');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ identity: 'CP1', protocol: 'ocpp1.6', secure: false, remoteAddress: '127.0.0.1' });
    expect(seen[0]!.basic).toBeUndefined();
    expect(seen[0]!.certificate).toBeUndefined();
    expect(seen[0]!.request.url).toBe('/ocpp/CP1');
    expect(session.info.securityProfile).toBe(0);
  });

  it('answers 401 when the hook says false', async () => {
    const server = await h.centralSystem({ listener: { authenticate: () => false } });
    const raw = h.rawClient(`${server.url}/CP1`);
    expect(await raw.refusedWith()).toBe(401);
    const response = await raw.log.nth('unexpected-response');
    expect(response.headers['www-authenticate']).toMatch(/^Basic /);
    expect(await server.refusals.nth('refused')).toMatchObject({ status: 401, url: '/ocpp/CP1' });

    const cp = h.chargePoint({ identity: 'CP2', endpoint: server.url });
    const log = record(cp, ['problem', 'open']);
    await expect(cp.connect()).rejects.toThrow(/giving up/);
    expect(await log.nth('problem')).toMatchObject({ status: 401 });
    expect(log.all('open')).toEqual([]);
    expect(server.events.all('session')).toEqual([]);
  });

  it('answers the status the hook returns, e.g. 404 for an unknown identity', async () => {
    const known = new Set(['CP1']);
    const server = await h.centralSystem({
      listener: { authenticate: ({ identity }) => (known.has(identity) ? true : { status: 404, reason: 'unknown charge point' }) },
    });
    const stranger = h.rawClient(`${server.url}/STRANGER`);
    expect(await stranger.refusedWith()).toBe(404);
    expect(await server.refusals.nth('refused')).toMatchObject({ status: 404, reason: 'unknown charge point' });

    const cp = h.chargePoint({ identity: 'STRANGER', endpoint: server.url });
    const log = record(cp, ['problem']);
    await expect(cp.connect()).rejects.toThrow();
    expect(await log.nth('problem')).toMatchObject({ status: 404 });

    const friend = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    await friend.connect();
    expect((await server.events.nth('session')).identity).toBe('CP1');
  });

  it('answers 500 when the hook throws or rejects, without revealing the error', async () => {
    const server = await h.centralSystem({
      listener: {
        authenticate: ({ identity }) => {
          if (identity === 'SYNC') throw new Error('database password is hunter2');
          return Promise.reject(new Error('database password is hunter2'));
        },
      },
    });
    const sync = h.rawClient(`${server.url}/SYNC`);
    expect(await sync.refusedWith()).toBe(500);
    const async = h.rawClient(`${server.url}/ASYNC`);
    expect(await async.refusedWith()).toBe(500);
    const refusals = [await server.refusals.nth('refused', 1), await server.refusals.nth('refused', 2)];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(500);
      expect(refusal.reason).not.toMatch(/hunter2/);
    }
  });

  it('answers 503 when the hook takes longer than handshakeTimeoutMs', async () => {
    const clock = new FakeClock();
    let called!: () => void;
    const hookCalled = new Promise<void>((resolve) => (called = resolve));
    const server = await h.centralSystem({
      listener: {
        clock,
        handshakeTimeoutMs: 50,
        authenticate: () => {
          called();
          return new Promise<boolean>(() => {}); // never decides
        },
      },
    });
    const raw = h.rawClient(`${server.url}/SLOW`);
    await hookCalled;
    clock.advance(49);
    expect(clock.pending).toBe(1); // the hook's deadline, not yet due
    clock.advance(1);
    expect(await raw.refusedWith()).toBe(503);
    expect(await server.refusals.nth('refused')).toMatchObject({ status: 503 });
    expect(server.events.all('session')).toEqual([]);
  });
});

describe('HTTP Basic authentication (security profile 1)', () => {
  it('accepts the right plain AuthorizationKey and refuses a wrong or missing one', async () => {
    const server = await h.centralSystem({
      listener: { authenticate: ({ identity, basic }) => basic?.username === identity && basic.matches(PLAIN_KEY, 'plain') },
    });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url, authorizationKey: PLAIN_KEY });
    await cp.connect();
    const session = await server.events.nth('session');
    expect(session.info.securityProfile).toBe(1);

    const wrong = h.chargePoint({ identity: 'CP2', endpoint: server.url, authorizationKey: 'correct-horse-17' });
    const wrongLog = record(wrong, ['problem']);
    await expect(wrong.connect()).rejects.toThrow();
    expect(await wrongLog.nth('problem')).toMatchObject({ status: 401 });

    const none = h.chargePoint({ identity: 'CP3', endpoint: server.url });
    const noneLog = record(none, ['problem']);
    await expect(none.connect()).rejects.toThrow();
    expect(await noneLog.nth('problem')).toMatchObject({ status: 401 });
    expect(server.events.all('session')).toHaveLength(1);
  });

  it('sends a hex AuthorizationKey as the bytes it encodes', async () => {
    const passwords: { bytes: number; hex: boolean; plain: boolean }[] = [];
    const server = await h.centralSystem({
      listener: {
        authenticate: ({ identity, basic }) => {
          if (!basic || basic.username !== identity) return false;
          passwords.push({ bytes: basic.password.length, hex: basic.matches(HEX_KEY, 'hex'), plain: basic.matches(HEX_KEY, 'plain') });
          return basic.matches(HEX_KEY, 'hex');
        },
      },
    });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url, authorizationKey: HEX_KEY, authorizationKeyEncoding: 'hex' });
    await cp.connect();
    expect((await server.events.nth('session')).info.securityProfile).toBe(1);
    expect(passwords).toEqual([{ bytes: 20, hex: true, plain: false }]);

    // The same digits sent as text are a different password: the encoding is an explicit choice.
    const text = h.chargePoint({ identity: 'CP2', endpoint: server.url, authorizationKey: HEX_KEY });
    const log = record(text, ['problem']);
    await expect(text.connect()).rejects.toThrow();
    expect(await log.nth('problem')).toMatchObject({ status: 401 });
    expect(passwords[1]).toEqual({ bytes: 40, hex: false, plain: true });
  });

  it('uses the decoded identity as the Basic username', async () => {
    const server = await h.centralSystem({
      listener: { authenticate: ({ identity, basic }) => basic?.username === identity && basic.matches(PLAIN_KEY) },
    });
    const cp = h.chargePoint({ identity: 'RDAM 123', endpoint: server.url, authorizationKey: PLAIN_KEY });
    await cp.connect();
    expect((await server.events.nth('session')).identity).toBe('RDAM 123');
  });
});
