// What the central system answers a raw client that sends broken, odd or conflicting frames.
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_RESPONSE, useHarness } from './harness.js';

const h = useHarness();

async function connect(options: { maxBadMessages?: number } = {}) {
  const server = await h.centralSystem({ cs: options });
  server.cs.handle('Heartbeat', () => HEARTBEAT_RESPONSE);
  const raw = h.rawClient(`${server.url}/RAW`);
  await raw.opened();
  await server.events.nth('session');
  return { server, raw };
}

describe('malformed frames from a charge point', () => {
  it('answers FormationViolation to a CALL that is not JSON but whose id can be recovered', async () => {
    const { raw } = await connect();
    raw.send('[2,"call-1","Heartbeat",{');
    expect(await raw.next()).toEqual([4, 'call-1', 'FormationViolation', expect.any(String), {}]);
    // The connection goes on.
    raw.send([2, 'call-2', 'Heartbeat', {}]);
    expect(await raw.next()).toEqual([3, 'call-2', HEARTBEAT_RESPONSE]);
  });

  it('answers FormationViolation to a CALL that is JSON but not a well-formed CALL', async () => {
    const { raw } = await connect();
    raw.send([2, 'call-1', 'Heartbeat', {}, 'extra']);
    expect(await raw.next()).toEqual([4, 'call-1', 'FormationViolation', expect.any(String), {}]);
    raw.send([2, 'call-2', 'Heartbeat', [1, 2]]);
    expect(await raw.next()).toEqual([4, 'call-2', 'FormationViolation', expect.any(String), {}]);
  });

  it('ignores an unknown message type id, without counting it as a bad message', async () => {
    const { server, raw } = await connect({ maxBadMessages: 2 });
    for (let i = 0; i < 5; i++) raw.send([5 + i, `odd-${i}`, 'Heartbeat', {}]);
    raw.send([2, 'call-1', 'Heartbeat', {}]);
    // The first answer is the CALL's: nothing was sent back for the others.
    expect(await raw.next()).toEqual([3, 'call-1', HEARTBEAT_RESPONSE]);
    expect(server.cs.session('RAW')?.connected).toBe(true);
  });

  it('closes the connection with 1008 after maxBadMessages bad frames', async () => {
    const { server, raw } = await connect({ maxBadMessages: 3 });
    raw.send('garbage');
    raw.send(Buffer.from([1, 2, 3])); // binary: not an OCPP-J message either
    // Bad frames do not stop the work, and good ones do not reset the count.
    raw.send([2, 'call-1', 'Heartbeat', {}]);
    expect(await raw.next()).toEqual([3, 'call-1', HEARTBEAT_RESPONSE]);
    expect(server.cs.session('RAW')?.connected).toBe(true);
    raw.send({ not: 'an array' });
    expect((await raw.closed()).code).toBe(1008);
    expect((await server.events.nth('sessionClosed')).session.identity).toBe('RAW');
    expect(raw.log.all('message')).toHaveLength(1);
  });

  it('answers ProtocolError to a CALL whose id is already being handled, then the first one normally', async () => {
    const server = await h.centralSystem();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    server.cs.handle('Authorize', async () => {
      calls++;
      await released;
      return { idTagInfo: { status: 'Accepted' } };
    });
    const raw = h.rawClient(`${server.url}/RAW`);
    await raw.opened();
    raw.send([2, 'dup', 'Authorize', { idTag: 'TAG-1' }]);
    raw.send([2, 'dup', 'Authorize', { idTag: 'TAG-2' }]);
    expect(await raw.next()).toEqual([4, 'dup', 'ProtocolError', expect.stringContaining('dup'), {}]);
    release();
    expect(await raw.next()).toEqual([3, 'dup', { idTagInfo: { status: 'Accepted' } }]);
    expect(calls).toBe(1);
    // Once answered, the id may be used again.
    raw.send([2, 'dup', 'Authorize', { idTag: 'TAG-3' }]);
    expect(await raw.next()).toEqual([3, 'dup', { idTagInfo: { status: 'Accepted' } }]);
  });

  it('answers NotImplemented to an unknown action and NotSupported to a known one without handler', async () => {
    const server = await h.centralSystem();
    const raw = h.rawClient(`${server.url}/RAW`);
    await raw.opened();
    raw.send([2, 'call-1', 'BrewCoffee', {}]);
    expect(await raw.next()).toEqual([4, 'call-1', 'NotImplemented', expect.any(String), {}]);
    raw.send([2, 'call-2', 'heartbeat', {}]); // actions are case-sensitive
    expect(await raw.next()).toEqual([4, 'call-2', 'NotImplemented', expect.any(String), {}]);
    raw.send([2, 'call-3', 'Heartbeat', {}]);
    expect(await raw.next()).toEqual([4, 'call-3', 'NotSupported', expect.any(String), {}]);
  });

  it('drops a response to nothing and goes on', async () => {
    const { server, raw } = await connect();
    raw.send([3, 'never-sent', {}]);
    raw.send([4, 'never-sent-either', 'GenericError', '', {}]);
    raw.send([2, 'call-1', 'Heartbeat', {}]);
    expect(await raw.next()).toEqual([3, 'call-1', HEARTBEAT_RESPONSE]);
    expect(server.cs.session('RAW')?.connected).toBe(true);
  });
});
