// Two RPC endpoints wired to each other in memory, with every message recorded.
import { RpcEndpoint, type EndpointOptions, type IncomingMessage, type RpcMessage } from '../../src/index.js';
import { FakeClock } from '../fake-clock.js';

/** One side's view: its endpoint and the messages it sent. */
export interface Side {
  readonly endpoint: RpcEndpoint;
  readonly sent: RpcMessage[];
  closed?: { code?: number; reason?: string };
}

/**
 * Endpoint `a` and a scripted peer: what `a` sends is recorded in `a.sent`; `deliver` feeds
 * `a` messages as if the peer sent them. Messages are delivered synchronously.
 */
export function scriptedPeer(options: EndpointOptions = {}) {
  const clock = new FakeClock();
  let counter = 0;
  const endpoint = new RpcEndpoint({ clock, newId: () => `id-${++counter}`, ...options });
  const side: Side = { endpoint, sent: [] };
  endpoint.attach({
    send: (message) => side.sent.push(message),
    close: (code, reason) => {
      side.closed = { code, reason };
    },
  });
  const deliver = (message: IncomingMessage) => endpoint.receive(message);
  return { clock, side, endpoint, deliver };
}

/** Two endpoints talking to each other; `flush` is implicit (delivery is synchronous). */
export function connectedPair(options: EndpointOptions = {}) {
  const clock = new FakeClock();
  let counter = 0;
  const a = new RpcEndpoint({ clock, newId: () => `a-${++counter}`, ...options });
  const b = new RpcEndpoint({ clock, newId: () => `b-${++counter}`, ...options });
  const log: { from: 'a' | 'b'; message: RpcMessage }[] = [];
  a.attach({ send: (message) => (log.push({ from: 'a', message }), b.receive(message)), close: () => a.detach() });
  b.attach({ send: (message) => (log.push({ from: 'b', message }), a.receive(message)), close: () => b.detach() });
  return { clock, a, b, log };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
