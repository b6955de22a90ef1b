// The charge point identity in the URL: percent-decoded, validated, refused with the right
// HTTP status when it is not a usable identity.
import { describe, expect, it } from 'vitest';
import { record, useHarness } from './harness.js';

const h = useHarness();

describe('charge point identity', () => {
  it('arrives percent-decoded: RDAM%20123 is the charge point RDAM 123', async () => {
    const urls: string[] = [];
    const server = await h.centralSystem({
      listener: {
        authenticate: ({ request }) => {
          urls.push(request.url ?? '');
          return true;
        },
      },
    });
    const callers: string[] = [];
    server.cs.handle('Heartbeat', (_request, context) => {
      callers.push(context.identity);
      return { currentTime: '2025-01-31T10:00:00Z' };
    });
    const cp = h.chargePoint({ identity: 'RDAM 123', endpoint: server.url });
    const log = record(cp, ['open']);
    await cp.connect();
    expect((await log.nth('open')).url).toBe(`${server.url}/RDAM%20123`);
    expect(urls).toEqual(['/ocpp/RDAM%20123']);
    expect((await server.events.nth('session')).identity).toBe('RDAM 123');
    expect(server.cs.session('RDAM 123')?.connected).toBe(true);
    await expect(cp.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2025-01-31T10:00:00Z' });
    expect(callers).toEqual(['RDAM 123']);
  });

  it('decodes UTF-8 and ignores the query string', async () => {
    const server = await h.centralSystem();
    const cp = h.chargePoint({ identity: 'Ladesäule-7', endpoint: server.url });
    await cp.connect();
    expect((await server.events.nth('session')).identity).toBe('Ladesäule-7');

    const raw = h.rawClient(`${server.url}/CP-Q?token=abc`);
    await raw.opened();
    expect((await server.events.nth('session', 2)).identity).toBe('CP-Q');
  });

  it.each([
    ['bad percent-encoding', '/ocpp/CP%ZZ1', 400, /percent-encoding/],
    ['a truncated UTF-8 sequence', '/ocpp/CP%E0%A4', 400, /percent-encoding/],
    ['a line feed', '/ocpp/CP%0A1', 400, /control characters/],
    ['a NUL', '/ocpp/CP%001', 400, /control characters/],
    ['a DEL', '/ocpp/CP%7F1', 400, /control characters/],
    ['more than 48 characters', `/ocpp/${'X'.repeat(49)}`, 400, /longer than 48/],
    ['a path outside the endpoint', '/other/CP1', 404, /under \/ocpp\//],
    ['a path that only starts like the endpoint', '/ocppx/CP1', 404, /under \/ocpp\//],
    ['an extra path segment', '/ocpp/CP1/extra', 400, /must end in/],
    ['a trailing slash', '/ocpp/CP1/', 400, /must end in/],
    ['no identity', '/ocpp/', 400, /must end in/],
  ])('is refused for %s (%s -> %d)', async (_what, path, status, reason) => {
    const server = await h.centralSystem();
    const raw = h.rawClient(`ws://127.0.0.1:${server.port}${path}`);
    expect(await raw.refusedWith()).toBe(status);
    const refusal = await server.refusals.nth('refused');
    expect(refusal.status).toBe(status);
    expect(refusal.reason).toMatch(reason);
    expect(server.events.all('session')).toEqual([]);
  });

  it('accepts exactly maxIdentityLength characters, counted as characters not bytes', async () => {
    const server = await h.centralSystem({ listener: { maxIdentityLength: 5 } });
    const five = h.chargePoint({ identity: 'äöüßé', endpoint: server.url });
    await five.connect();
    expect((await server.events.nth('session')).identity).toBe('äöüßé');

    const six = h.chargePoint({ identity: 'ABCDEF', endpoint: server.url });
    const log = record(six, ['problem']);
    await expect(six.connect()).rejects.toThrow();
    expect(await log.nth('problem')).toMatchObject({ status: 400 });
  });
});
