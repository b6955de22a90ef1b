// Subprotocol negotiation (OCPP-J 1.6 section 3.1.2): exactly one agreed, or none and a close.
import { describe, expect, it } from 'vitest';
import { record, useHarness } from './harness.js';

const h = useHarness();

describe('subprotocol negotiation', () => {
  it('agrees to ocpp1.6 when the charge point offers several', async () => {
    const server = await h.centralSystem();
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url, protocols: ['ocpp2.0.1', 'ocpp1.6'] });
    const log = record(cp, ['open']);
    await cp.connect();
    expect(await log.nth('open')).toMatchObject({ protocol: 'ocpp1.6' });
    const session = await server.events.nth('session');
    expect(session.info).toMatchObject({ transport: 'json', protocol: 'ocpp1.6' });
  });

  it("picks the server's most preferred protocol among those offered", async () => {
    const server = await h.centralSystem({ listener: { protocols: ['ocpp1.6', 'ocpp1.5'] } });
    const raw = h.rawClient(`${server.url}/CP1`, ['ocpp1.5', 'ocpp1.6']);
    expect(await raw.opened()).toBe('ocpp1.6');
    expect((await raw.log.nth('upgrade')).headers['sec-websocket-protocol']).toBe('ocpp1.6');
  });

  it('completes the handshake without the header when it agrees to none, then closes with 1002', async () => {
    const server = await h.centralSystem();
    // The offer goes in a plain header: ws itself would abort a handshake without an agreed
    // subprotocol before we could see how the server closes it.
    const raw = h.rawClient(`${server.url}/CP1`, [], { headers: { 'Sec-WebSocket-Protocol': 'ocpp2.0.1' } });
    const upgrade = await raw.log.nth('upgrade');
    expect(upgrade.headers).not.toHaveProperty('sec-websocket-protocol');
    expect(await raw.opened()).toBe('');
    expect((await raw.closed()).code).toBe(1002);
    expect(raw.log.all('message')).toEqual([]);
    expect(server.events.all('session')).toEqual([]);
    expect(server.cs.session('CP1')).toBeUndefined();
  });

  it('closes with 1002 a client that offers no subprotocol at all', async () => {
    const server = await h.centralSystem();
    const raw = h.rawClient(`${server.url}/CP1`, []);
    expect(await raw.opened()).toBe('');
    expect((await raw.closed()).code).toBe(1002);
    expect(server.events.all('session')).toEqual([]);
  });

  it('reports a problem when the central system agrees to none of its subprotocols', async () => {
    const server = await h.rawServer({ handleProtocols: () => false });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    const log = record(cp, ['open', 'problem', 'close']);
    await expect(cp.connect()).rejects.toThrow(/giving up/);
    expect((await log.nth('problem')).reason).toMatch(/subprotocol/);
    expect(log.all('problem')).toHaveLength(1);
    expect(log.all('open')).toEqual([]);
    expect(cp.connected).toBe(false);
  });

  it('reports a problem when the central system agrees to a subprotocol it was not offered', async () => {
    const server = await h.rawServer({ handleProtocols: () => 'ocpp2.0.1' });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    const log = record(cp, ['open', 'problem']);
    await expect(cp.connect()).rejects.toThrow(/giving up/);
    expect((await log.nth('problem')).reason).toMatch(/subprotocol/);
    expect(log.all('open')).toEqual([]);
  });
});
