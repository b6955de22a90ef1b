// Two connections with the same identity: the central system keeps exactly one.
import { describe, expect, it } from 'vitest';
import { record, useHarness } from './harness.js';

const h = useHarness();

// Each charge point answers with its own name, so the test can tell who took the call.
function answeringAs(name: string) {
  return () => ({ configurationKey: [{ key: 'Name', readonly: true, value: name }] });
}

describe('duplicate identity', () => {
  it("'replace' (default): the new connection replaces the old, which is closed with 1008", async () => {
    const server = await h.centralSystem();
    const old = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    old.handle('GetConfiguration', answeringAs('old'));
    const oldLog = record(old, ['close']);
    await old.connect();
    const first = await server.events.nth('session', 1);

    const replacement = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    replacement.handle('GetConfiguration', answeringAs('new'));
    await replacement.connect();
    const second = await server.events.nth('session', 2);

    expect((await oldLog.nth('close')).code).toBe(1008);
    expect((await server.events.nth('sessionClosed')).session).toBe(first);
    expect(first.connected).toBe(false);
    expect(server.cs.session('CP1')).toBe(second);
    expect([...server.cs.sessions()]).toEqual([second]);
    await expect(second.call('GetConfiguration', {})).resolves.toMatchObject({ configurationKey: [{ value: 'new' }] });
    expect(replacement.connected).toBe(true);
  });

  it("'reject': the second connection is closed with 1008 and the first keeps working", async () => {
    const server = await h.centralSystem({ cs: { duplicateIdentity: 'reject' } });
    const first = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    first.handle('GetConfiguration', answeringAs('first'));
    const firstLog = record(first, ['close']);
    await first.connect();
    const session = await server.events.nth('session');

    const second = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    second.handle('GetConfiguration', answeringAs('second'));
    const secondLog = record(second, ['close']);
    await second.connect().catch(() => {}); // the handshake may complete before the close
    expect((await secondLog.nth('close')).code).toBe(1008);

    expect(server.events.all('session')).toHaveLength(1);
    expect(server.cs.session('CP1')).toBe(session);
    await expect(session.call('GetConfiguration', {})).resolves.toMatchObject({ configurationKey: [{ value: 'first' }] });
    expect(firstLog.all('close')).toEqual([]);
    expect(first.connected).toBe(true);
  });
});
