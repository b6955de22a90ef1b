// The OCPP-J client against a scripted WebSocket on fake time: URL, subprotocols, back-off,
// giving up, and attaching the RPC endpoint to each connection.
import { describe, expect, it } from 'vitest';
import { RpcEndpoint, WebSocketClient, backoffDelay, type WebSocketLike } from '../../../src/index.js';
import { FakeClock } from '../../fake-clock.js';

/** A WebSocket whose fate the test decides: `open(protocol)`, `fail(code)`, `receive(text)`. */
class ScriptedSocket implements WebSocketLike {
  static made: ScriptedSocket[] = [];
  protocol = '';
  readyState = 0;
  sent: string[] = [];
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    ScriptedSocket.made.push(this);
  }
  open(protocol: string) {
    this.protocol = protocol;
    this.readyState = 1;
    this.onopen?.({});
  }
  fail(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  receive(text: string) {
    this.onmessage?.({ data: text });
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

function setup(options: Partial<ConstructorParameters<typeof WebSocketClient>[0]> = {}) {
  ScriptedSocket.made = [];
  const clock = new FakeClock();
  const client = new WebSocketClient({
    url: 'ws://csms.test/ocpp/',
    identity: 'RDAM 123/4',
    WebSocket: ScriptedSocket,
    clock,
    random: () => 0.5,
    reconnect: { initialDelayMs: 1_000, maxDelayMs: 8_000, factor: 2, jitter: 0.5 },
    ...options,
  });
  const endpoint = new RpcEndpoint({ clock });
  const events: string[] = [];
  client.on('reconnecting', (e) => events.push(`reconnecting ${e.attempt} ${e.delayMs}`));
  client.on('open', (e) => events.push(`open ${e.protocol}`));
  client.on('problem', (e) => events.push(`problem ${e.reason}`));
  return { clock, client, endpoint, events, socket: (i: number) => ScriptedSocket.made[i]! };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WebSocketClient', () => {
  it('connects to endpoint/percent-encoded identity offering ocpp1.6', async () => {
    const { client, endpoint, socket } = setup();
    const opened = client.open(endpoint);
    await tick();
    expect(socket(0).url).toBe('ws://csms.test/ocpp/RDAM%20123%2F4');
    expect(socket(0).protocols).toEqual(['ocpp1.6']);
    socket(0).open('ocpp1.6');
    await opened;
    expect(endpoint.connected).toBe(true);
    expect(client.protocol).toBe('ocpp1.6');
  });

  it('reconnects with exponential back-off, capped, and resets after success', async () => {
    const { clock, client, endpoint, events, socket } = setup();
    const opened = client.open(endpoint);
    for (let i = 0; i < 5; i++) {
      await tick();
      socket(i).fail();
      clock.advance(10_000);
    }
    await tick();
    socket(5).open('ocpp1.6');
    await opened;
    expect(events).toEqual([
      'reconnecting 1 750',
      'reconnecting 2 1500',
      'reconnecting 3 3000',
      'reconnecting 4 6000',
      'reconnecting 5 6000',
      'open ocpp1.6',
    ]);
    socket(5).fail();
    expect(endpoint.connected).toBe(false);
    expect(events.at(-1)).toBe('reconnecting 1 750');
  });

  it('gives up after maxAttempts and rejects open()', async () => {
    const { clock, client, endpoint, socket } = setup({ reconnect: { maxAttempts: 2, initialDelayMs: 10, jitter: 0 } });
    const opened = client.open(endpoint);
    for (let i = 0; i < 3; i++) {
      await tick();
      socket(i).fail();
      clock.advance(100);
    }
    await expect(opened).rejects.toThrow('giving up after 3 attempt(s)');
  });

  it('fails at once with reconnect: false', async () => {
    const { client, endpoint, socket } = setup({ reconnect: false });
    const opened = client.open(endpoint);
    await tick();
    socket(0).fail(1006);
    await expect(opened).rejects.toThrow('the connection could not be opened (1006)');
  });

  it('closes a connection whose server agreed to no subprotocol, and retries', async () => {
    const { client, endpoint, events, socket } = setup();
    void client.open(endpoint);
    await tick();
    socket(0).open('');
    expect(events).toEqual(['problem the central system agreed to none of the subprotocols ocpp1.6', 'reconnecting 1 750']);
    expect(endpoint.connected).toBe(false);
  });

  it('hands frames to the endpoint and sends its messages as frames; close() stops reconnecting', async () => {
    const { clock, client, endpoint, socket } = setup();
    const opened = client.open(endpoint);
    await tick();
    socket(0).open('ocpp1.6');
    await opened;
    endpoint.handle('Reset', () => ({ status: 'Accepted' }));
    socket(0).receive('[2,"r1","Reset",{"type":"Soft"}]');
    await tick();
    expect(socket(0).sent).toEqual(['[3,"r1",{"status":"Accepted"}]']);
    await client.close();
    clock.advance(100_000);
    expect(ScriptedSocket.made).toHaveLength(1);
  });

  it('refuses options a browser cannot honour, and malformed URLs', () => {
    expect(() => new WebSocketClient({ url: 'http://x', identity: 'a' })).toThrow('url must start with ws:// or wss://');
    expect(() => new WebSocketClient({ url: 'ws://x', identity: '' })).toThrow('identity is required');
  });
});

describe('backoffDelay', () => {
  it('grows by the factor, caps at the maximum, and takes jitter off', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0 }, () => 0.9));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    expect(backoffDelay(1, { initialDelayMs: 1000, jitter: 1 }, () => 1)).toBe(0);
    expect(backoffDelay(1, { initialDelayMs: 1000, jitter: 0.2 }, () => 0.5)).toBe(900);
  });
});
