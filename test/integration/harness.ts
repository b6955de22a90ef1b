/**
 * Shared setup of the integration tests: central systems, charge points, raw `ws` clients and
 * servers, all on real sockets on 127.0.0.1. Everything made through a {@link Harness} is
 * closed after each test, last made first.
 *
 * Waiting is event-driven: an {@link EventLog} records what an emitter emitted and resolves
 * when the n-th event of a kind has arrived. Its guard timeout only elapses when a test is
 * failing, so no test sleeps.
 *
 * @example
 * ```ts
 * const h = useHarness();
 * it('connects', async () => {
 *   const server = await h.centralSystem();
 *   const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
 *   await cp.connect();
 *   const session = await server.events.nth('session');
 * });
 * ```
 *
 * @packageDocumentation
 */
import { once, type EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { WebSocket, WebSocketServer, type ClientOptions, type ServerOptions } from 'ws';
import {
  CentralSystem,
  ChargePoint,
  type CentralSystemEvents,
  type CentralSystemOptions,
  type ChargePointOptions,
  type Emitter,
} from '../../src/index.js';
import { WebSocketListener, type WebSocketListenerEvents, type WebSocketListenerOptions } from '../../src/node.js';

/** The only interface the tests listen on and connect to. */
export const HOST = '127.0.0.1';

/** How long a wait may take before the test fails; it elapses only when something is wrong. */
export const GUARD_MS = 5_000;

/** A valid BootNotification request. */
export const BOOT = { chargePointVendor: 'ACME', chargePointModel: 'AC22' } as const;

/** A fixed Heartbeat response, so results can be compared exactly. */
export const HEARTBEAT_RESPONSE = { currentTime: '2025-01-31T10:00:00Z' } as const;

/** Rejects when `promise` has not settled within `ms`, naming `what` it waited for. */
export function withGuard<T>(promise: Promise<T>, what: string, ms = GUARD_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/** The next `event` of a Node event emitter (a `ws` socket or server), with its arguments. */
export function nextEvent(emitter: EventEmitter, event: string): Promise<unknown[]> {
  return withGuard(once(emitter, event), `"${event}"`);
}

/**
 * What an emitter emitted, in order, and a way to wait for the n-th event of a kind (which may
 * have happened already: nothing is missed by subscribing late).
 */
export class EventLog<Events extends object> {
  /** Every event recorded, in order. */
  readonly entries: { readonly event: keyof Events; readonly payload: unknown }[] = [];
  readonly #wakeups = new Set<() => void>();

  /** Records one event. */
  push<K extends keyof Events>(event: K, payload: Events[K]): void {
    this.entries.push({ event, payload });
    for (const wake of [...this.#wakeups]) wake();
  }

  /** The payloads of every `event` recorded so far. */
  all<K extends keyof Events>(event: K): Events[K][] {
    return this.entries.filter((entry) => entry.event === event).map((entry) => entry.payload as Events[K]);
  }

  /** The names of the events recorded so far, in order. */
  names(): (keyof Events)[] {
    return this.entries.map((entry) => entry.event);
  }

  /** Resolves with the payload of the `n`-th (1-based) `event`, waiting for it if needed. */
  nth<K extends keyof Events>(event: K, n = 1): Promise<Events[K]> {
    return this.until(() => {
      const payloads = this.all(event);
      return payloads.length >= n ? { value: payloads[n - 1]! } : undefined;
    }, `event "${String(event)}" #${n}`).then((found) => found.value);
  }

  /** Resolves with what `probe` returns once it returns something other than `undefined`. */
  until<T>(probe: () => T | undefined, what: string, ms = GUARD_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakeups.delete(wake);
      };
      const wake = () => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.names().map(String).join(', ') || 'none';
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; events so far: ${seen}`));
      }, ms);
      this.#wakeups.add(wake);
      wake();
    });
  }
}

/** Records `events` of an ocppkit emitter (ChargePoint, CentralSystem, WebSocketListener). */
export function record<Events extends object>(emitter: Emitter<Events>, events: readonly (keyof Events)[]): EventLog<Events> {
  const log = new EventLog<Events>();
  for (const event of events) emitter.on(event, (payload) => log.push(event, payload));
  return log;
}

/** Events of a raw `ws` client, as the tests look at them. */
export interface RawClientEvents {
  /** The handshake response (status 101), before the client checks it. */
  upgrade: { readonly headers: IncomingHttpHeaders };
  /** The connection is open, with the agreed subprotocol (`''` for none). */
  open: string;
  /** A message: the parsed JSON, or the text when it is not JSON. */
  message: unknown;
  ping: undefined;
  close: { readonly code: number; readonly reason: string };
  /** The server answered the handshake with an HTTP error. */
  'unexpected-response': { readonly status: number; readonly headers: IncomingHttpHeaders };
  error: Error;
}

/** A plain `ws` client that records everything, to talk to our server below the RPC layer. */
export class RawClient {
  readonly ws: WebSocket;
  readonly log = new EventLog<RawClientEvents>();
  #read = 0;

  constructor(url: string, protocols: string[], options: ClientOptions = {}) {
    this.ws = new WebSocket(url, protocols, options);
    this.ws.on('upgrade', (response) => this.log.push('upgrade', { headers: response.headers }));
    this.ws.on('open', () => this.log.push('open', this.ws.protocol));
    this.ws.on('message', (data) => {
      const text = data.toString();
      let message: unknown = text;
      try {
        message = JSON.parse(text);
      } catch {
        // not JSON: recorded as text
      }
      this.log.push('message', message);
    });
    this.ws.on('ping', () => this.log.push('ping', undefined));
    this.ws.on('close', (code, reason) => this.log.push('close', { code, reason: reason.toString() }));
    this.ws.on('unexpected-response', (request, response) => {
      this.log.push('unexpected-response', { status: response.statusCode ?? 0, headers: response.headers });
      request.destroy();
      this.ws.terminate();
    });
    this.ws.on('error', (error) => this.log.push('error', error));
  }

  /** Resolves with the agreed subprotocol once open. */
  opened(): Promise<string> {
    return this.log.nth('open');
  }

  /** Resolves with how the connection closed. */
  closed(): Promise<RawClientEvents['close']> {
    return this.log.nth('close');
  }

  /** Resolves with the HTTP status of a refused handshake. */
  async refusedWith(): Promise<number> {
    return (await this.log.nth('unexpected-response')).status;
  }

  /** Sends a frame: a string as is, anything else as JSON. */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next message not yet read through this method. */
  next(): Promise<unknown> {
    return this.log.nth('message', ++this.#read);
  }
}

/** A CentralSystem serving one WebSocketListener on 127.0.0.1 at `/ocpp`. */
export interface ServerFixture {
  readonly cs: CentralSystem;
  readonly listener: WebSocketListener;
  readonly port: number;
  /** `ws://127.0.0.1:<port>/ocpp` (or `wss://` with TLS): a charge point's endpoint. */
  readonly url: string;
  /** The central system's `session` and `sessionClosed` events. */
  readonly events: EventLog<CentralSystemEvents>;
  /** The listener's refused handshakes. */
  readonly refusals: EventLog<WebSocketListenerEvents>;
}

/** A plain `ws` server (not ocppkit's), to play a central system that misbehaves. */
export interface RawServerFixture {
  readonly wss: WebSocketServer;
  /** `ws://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every accepted connection, in order. */
  readonly connections: EventLog<{ connection: WebSocket }>;
}

/** Test setup whose every part is closed after the test. */
export interface Harness {
  /** Runs `close` after the test; the last tracked runs first. */
  track(close: () => unknown): void;
  /** A CentralSystem (options `cs`) serving a WebSocketListener (options `listener`, path `/ocpp`). */
  centralSystem(options?: { cs?: CentralSystemOptions; listener?: WebSocketListenerOptions }): Promise<ServerFixture>;
  /** One more listener for `cs`, e.g. on the port of a closed one. */
  listen(cs: CentralSystem, options?: WebSocketListenerOptions): Promise<ServerFixture>;
  /** A ChargePoint; reconnection is off unless `options.reconnect` says otherwise. */
  chargePoint(options: ChargePointOptions): ChargePoint;
  /** A raw `ws` client connecting to `url`. */
  rawClient(url: string, protocols?: string[], options?: ClientOptions): RawClient;
  /** A raw `ws` server on 127.0.0.1. */
  rawServer(options?: ServerOptions): Promise<RawServerFixture>;
}

/** Creates the harness of a test file and closes what each test made in `afterEach`. */
export function useHarness(): Harness {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    const failures: unknown[] = [];
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      try {
        await withGuard(Promise.resolve().then(cleanup), 'a cleanup step');
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'cleanup failed');
  });

  const track = (close: () => unknown) => {
    cleanups.push(close);
  };

  const listen = async (cs: CentralSystem, options: WebSocketListenerOptions = {}): Promise<ServerFixture> => {
    const listener = new WebSocketListener({ host: HOST, port: 0, path: '/ocpp', ...options });
    const refusals = record(listener, ['refused']);
    cs.serve(listener);
    track(() => listener.close());
    const { port } = await listener.listen();
    const scheme = options.tls ? 'wss' : 'ws';
    const events = record(cs, ['session', 'sessionClosed']);
    return { cs, listener, port, url: `${scheme}://${HOST}:${port}/ocpp`, events, refusals };
  };

  return {
    track,
    listen,
    async centralSystem(options = {}) {
      const cs = new CentralSystem(options.cs);
      track(() => cs.close());
      return listen(cs, options.listener);
    },
    chargePoint(options) {
      const cp = new ChargePoint({ reconnect: false, ...options });
      track(() => cp.close());
      return cp;
    },
    rawClient(url, protocols = ['ocpp1.6'], options = {}) {
      const client = new RawClient(url, protocols, options);
      track(() => client.ws.terminate());
      return client;
    },
    async rawServer(options = {}) {
      const wss = new WebSocketServer({ host: HOST, port: 0, ...options });
      const connections = new EventLog<{ connection: WebSocket }>();
      wss.on('connection', (connection) => {
        connection.on('error', () => {});
        connections.push('connection', connection);
      });
      track(
        () =>
          new Promise<void>((resolve) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => resolve());
          }),
      );
      await nextEvent(wss, 'listening');
      const { port } = wss.address() as AddressInfo;
      return { wss, url: `ws://${HOST}:${port}`, connections };
    },
  };
}

/** A port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const wss = new WebSocketServer({ host: HOST, port: 0 });
  await nextEvent(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  return port;
}
