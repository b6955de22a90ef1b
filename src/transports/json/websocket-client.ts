import { systemClock, type Clock } from '../../clock.js';
import { Emitter } from '../../events.js';
import type { RpcEndpoint } from '../../rpc/endpoint.js';
import type { ChargePointTransport } from '../../rpc/transport.js';
import { basicAuthorization, type AuthorizationKeyEncoding } from './basic-auth.js';
import { decodeFrame, encodeFrame } from './frames.js';

/** Reconnection with exponential back-off and jitter. */
export interface ReconnectOptions {
  /** Delay before the first retry (default 1 000 ms). */
  readonly initialDelayMs?: number;
  /** Longest delay between retries (default 60 000 ms). */
  readonly maxDelayMs?: number;
  /** Growth of the delay per failed attempt (default 2). */
  readonly factor?: number;
  /** Share of the delay taken off at random, 0..1, so a fleet does not reconnect in step (default 0.5). */
  readonly jitter?: number;
  /** Attempts before giving up (default: never give up). */
  readonly maxAttempts?: number;
}

/** TLS material for security profiles 2 and 3 (Node only). */
export interface ClientTlsOptions {
  /** Extra CA certificates that sign the central system's certificate (PEM). */
  readonly ca?: string | Uint8Array | readonly (string | Uint8Array)[];
  /** The charge point's certificate, for profile 3 (PEM). */
  readonly cert?: string | Uint8Array;
  /** The key of `cert` (PEM). */
  readonly key?: string | Uint8Array;
  /** Verify the central system's certificate (default true). */
  readonly rejectUnauthorized?: boolean;
  /** Server name to verify, when it differs from the URL's host. */
  readonly servername?: string;
}

/** The WHATWG WebSocket surface ocppkit uses; both browsers' WebSocket and `ws` have it. */
export interface WebSocketLike {
  readonly protocol: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Constructs a WebSocket: the browser's, `ws`, or a test double. */
export type WebSocketConstructor = new (url: string, protocols: string[], options?: object) => WebSocketLike;

/** How a charge point reaches its central system over OCPP-J. */
export interface WebSocketClientOptions {
  /** The central system's endpoint, e.g. `wss://csms.example.com/ocpp`; the identity is appended. */
  readonly url: string;
  /** The charge point identity, percent-encoded into the URL. */
  readonly identity: string;
  /** Subprotocols to offer, most preferred first (default `['ocpp1.6']`). */
  readonly protocols?: readonly string[];
  /** Reconnection after a failure or a drop (default on); `false` to fail instead. */
  readonly reconnect?: ReconnectOptions | false;
  /** Node only: send a ping this often and drop a peer that does not answer (default 0 = off). */
  readonly pingIntervalMs?: number;
  /** Node only: how long to wait for the pong (default: the ping interval). */
  readonly pongTimeoutMs?: number;
  /** Security profiles 1 and 2: the AuthorizationKey, sent as HTTP Basic password. */
  readonly authorizationKey?: string;
  /** How {@link WebSocketClientOptions.authorizationKey} is written (default `plain`). */
  readonly authorizationKeyEncoding?: AuthorizationKeyEncoding;
  /** Node only: TLS options (security profiles 2 and 3). */
  readonly tls?: ClientTlsOptions;
  /** Node only: extra HTTP headers on the handshake. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Handshake timeout (Node only, default 30 000 ms). */
  readonly handshakeTimeoutMs?: number;
  /** The WebSocket implementation (default: the global one in browsers, `ws` in Node). */
  readonly WebSocket?: WebSocketConstructor;
  /** Time source for back-off and keepalive. */
  readonly clock?: Clock;
  /** Random numbers 0..1 for jitter (default `Math.random`). */
  readonly random?: () => number;
}

/** Events of the OCPP-J client. */
export interface WebSocketClientEvents {
  /** A connection is open, with the agreed subprotocol. */
  open: { readonly url: string; readonly protocol: string };
  /** The connection closed (or could not be opened). */
  close: { readonly code: number; readonly reason: string };
  /** The next attempt is scheduled. */
  reconnecting: { readonly attempt: number; readonly delayMs: number };
  /** Something went wrong that the client handled: refused handshake, no subprotocol, dead peer. */
  problem: { readonly reason: string; readonly status?: number };
  listenerError: { readonly event: PropertyKey; readonly error: unknown };
}

const OPEN = 1;
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * The OCPP-J client of a charge point: connects to `url/identity` offering the OCPP
 * subprotocols, attaches the RPC endpoint to each connection, reconnects with back-off, and
 * (in Node) keeps the link alive with pings and supports security profiles 1-3.
 */
export class WebSocketClient extends Emitter<WebSocketClientEvents> implements ChargePointTransport {
  readonly #options: WebSocketClientOptions;
  readonly #clock: Clock;
  readonly #url: string;
  #socket: WebSocketLike | undefined;
  #endpoint: RpcEndpoint | undefined;
  #closing = false;
  #attempt = 0;
  #retryTimer: unknown;
  #pingTimer: unknown;
  #pongTimer: unknown;
  #firstOpen: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(options: WebSocketClientOptions) {
    super();
    if (!options.identity) throw new TypeError('WebSocketClient: identity is required');
    if (!/^wss?:\/\//i.test(options.url)) {
      throw new TypeError(`WebSocketClient: url must start with ws:// or wss://, got "${options.url}"`);
    }
    if (!isNode && (options.authorizationKey !== undefined || options.tls || options.headers)) {
      throw new TypeError(
        'WebSocketClient: browsers cannot send HTTP headers or client certificates on a WebSocket; ' +
          'authorizationKey, tls and headers work in Node only (see README: "In the browser")',
      );
    }
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#url = `${options.url.replace(/\/+$/, '')}/${encodeURIComponent(options.identity)}`;
  }

  /** The URL connected to: the endpoint plus the percent-encoded identity. */
  get url(): string {
    return this.#url;
  }

  /** The agreed subprotocol while connected. */
  get protocol(): string | undefined {
    return this.#socket?.readyState === OPEN ? this.#socket.protocol : undefined;
  }

  open(endpoint: RpcEndpoint): Promise<void> {
    if (this.#endpoint) return Promise.reject(new Error('WebSocketClient: already opened'));
    this.#endpoint = endpoint;
    this.#closing = false;
    return new Promise((resolve, reject) => {
      this.#firstOpen = { resolve, reject };
      void this.#connect();
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#clock.clearTimeout(this.#retryTimer);
    this.#stopKeepalive();
    const socket = this.#socket;
    this.#firstOpen?.reject(new Error('WebSocketClient: closed before the connection opened'));
    this.#firstOpen = undefined;
    if (!socket) {
      this.#endpoint?.detach('the charge point closed the connection');
      this.#endpoint = undefined;
      return;
    }
    await new Promise<void>((resolve) => {
      const previous = socket.onclose;
      socket.onclose = (event) => {
        previous?.(event);
        resolve();
      };
      socket.close(1000, 'closing');
    });
    this.#endpoint = undefined;
  }

  async #connect(): Promise<void> {
    let socket: WebSocketLike;
    try {
      const WebSocketImpl = this.#options.WebSocket ?? (await defaultWebSocket());
      if (this.#closing) return;
      socket = new WebSocketImpl(this.#url, [...(this.#options.protocols ?? ['ocpp1.6'])], this.#nodeOptions());
    } catch (error) {
      this.#failed(error instanceof Error ? error.message : String(error));
      return;
    }
    this.#socket = socket;
    let opened = false;
    const offered = this.#options.protocols ?? ['ocpp1.6'];
    const noAgreement = `the central system agreed to none of the subprotocols ${offered.join(', ')}`;
    socket.onopen = () => {
      if (!offered.includes(socket.protocol)) {
        this.emit('problem', { reason: noAgreement });
        socket.close(1002, 'no agreed subprotocol');
        return;
      }
      opened = true;
      this.#attempt = 0;
      this.#endpoint!.attach({
        send: (message) => {
          if (socket.readyState !== OPEN) throw new Error('the WebSocket is not open');
          socket.send(encodeFrame(message));
        },
        close: (code, reason) => socket.close(code, reason),
      });
      this.#startKeepalive(socket);
      this.emit('open', { url: this.#url, protocol: socket.protocol });
      this.#firstOpen?.resolve();
      this.#firstOpen = undefined;
    };
    socket.onmessage = (event) => {
      if (!opened) return;
      const text = typeof event.data === 'string' ? event.data : undefined;
      this.#endpoint?.receive(
        text === undefined ? { kind: 'bad', reason: 'binary frames are not OCPP-J messages', raw: '<binary>' } : decodeFrame(text),
      );
    };
    socket.onerror = () => {
      // The close event follows and carries what is known; nothing to do here.
    };
    socket.onclose = (event) => {
      this.#stopKeepalive();
      if (this.#socket === socket) this.#socket = undefined;
      if (opened) this.#endpoint?.detach(`the connection closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`);
      this.emit('close', { code: event.code, reason: event.reason });
      if (!this.#closing) this.#failed(opened ? 'the connection dropped' : `the connection could not be opened (${event.code})`);
    };
    // ws (Node) reports a refused handshake with its HTTP status; browsers do not tell.
    const emitter = socket as unknown as { on?: (event: string, listener: (...args: never[]) => void) => void };
    emitter.on?.('unexpected-response', ((_request: unknown, response: { statusCode?: number }) => {
      this.emit('problem', { reason: 'the central system refused the handshake', status: response.statusCode });
      (socket as unknown as { terminate?: () => void }).terminate?.();
    }) as never);
    // ws (Node) aborts a handshake without an agreed subprotocol before 'open'; say why.
    emitter.on?.('upgrade', ((response: { headers?: Record<string, unknown> }) => {
      const agreed = response.headers?.['sec-websocket-protocol'];
      if (typeof agreed !== 'string' || !offered.includes(agreed)) this.emit('problem', { reason: noAgreement });
    }) as never);
  }

  #failed(reason: string): void {
    if (this.#closing) return;
    const reconnect = this.#options.reconnect;
    const attempt = ++this.#attempt;
    if (reconnect === false || attempt > (reconnect?.maxAttempts ?? Infinity)) {
      this.#firstOpen?.reject(new Error(`WebSocketClient: ${reason}; giving up after ${attempt} attempt(s)`));
      this.#firstOpen = undefined;
      this.#closing = true;
      return;
    }
    const delayMs = backoffDelay(attempt, reconnect ?? {}, this.#options.random ?? Math.random);
    this.emit('reconnecting', { attempt, delayMs });
    this.#retryTimer = this.#clock.setTimeout(() => void this.#connect(), delayMs);
  }

  #nodeOptions(): object | undefined {
    if (!isNode) return undefined;
    const { tls, headers, authorizationKey } = this.#options;
    const allHeaders: Record<string, string> = { ...headers };
    if (authorizationKey !== undefined) {
      allHeaders.Authorization = basicAuthorization(
        this.#options.identity,
        authorizationKey,
        this.#options.authorizationKeyEncoding ?? 'plain',
      );
    }
    return {
      headers: allHeaders,
      handshakeTimeout: this.#options.handshakeTimeoutMs ?? 30_000,
      ...(tls ? { ...tls, ca: tls.ca as never } : {}),
    };
  }

  #startKeepalive(socket: WebSocketLike): void {
    const interval = this.#options.pingIntervalMs ?? 0;
    const node = socket as unknown as { ping?: () => void; on?: (event: 'pong', listener: () => void) => void };
    if (interval <= 0 || typeof node.ping !== 'function') return;
    node.on?.('pong', () => this.#clock.clearTimeout(this.#pongTimer));
    const tick = () => {
      node.ping!();
      this.#pongTimer = this.#clock.setTimeout(() => {
        this.emit('problem', { reason: `no pong within ${this.#options.pongTimeoutMs ?? interval} ms: the peer is gone` });
        (socket as unknown as { terminate?: () => void }).terminate?.();
      }, this.#options.pongTimeoutMs ?? interval);
      this.#pingTimer = this.#clock.setTimeout(tick, interval);
    };
    this.#pingTimer = this.#clock.setTimeout(tick, interval);
  }

  #stopKeepalive(): void {
    this.#clock.clearTimeout(this.#pingTimer);
    this.#clock.clearTimeout(this.#pongTimer);
  }
}

/** The delay before attempt `attempt` (1-based): exponential, capped, minus random jitter. */
export function backoffDelay(attempt: number, options: ReconnectOptions, random: () => number): number {
  const initial = options.initialDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 60_000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const base = Math.min(max, initial * (options.factor ?? 2) ** (attempt - 1));
  return Math.round(base * (1 - jitter * random()));
}

// In browsers the global WebSocket; in Node `ws`, which can send headers and client
// certificates. The module name is a variable so browser bundlers do not try to include ws.
async function defaultWebSocket(): Promise<WebSocketConstructor> {
  if (!isNode) {
    const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!global) throw new Error('this platform has no WebSocket; pass one as the WebSocket option');
    return global;
  }
  const name = 'ws';
  const module = (await import(/* @vite-ignore */ name)) as { WebSocket: WebSocketConstructor };
  return module.WebSocket;
}
