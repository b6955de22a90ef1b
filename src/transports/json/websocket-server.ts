import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock, type Clock } from '../../clock.js';
import { Emitter } from '../../events.js';
import type { RpcConnection, RpcEndpoint } from '../../rpc/endpoint.js';
import type { RpcMessage } from '../../rpc/messages.js';
import type { ConnectionInfo, ConnectionListener, IncomingConnection } from '../../rpc/transport.js';
import { authorizationKeyBytes, parseBasicAuthorization, type AuthorizationKeyEncoding } from './basic-auth.js';
import { listenOn, stopServer } from '../node-server.js';
import { decodeFrame, encodeFrame } from './frames.js';

/** What a central system learns from a charge point's WebSocket handshake. */
export interface HandshakeRequest {
  /** The charge point identity from the URL, percent-decoded and validated. */
  readonly identity: string;
  /** The subprotocol that will be agreed. */
  readonly protocol: string;
  /** Basic credentials, when sent (security profiles 1 and 2). */
  readonly basic?: {
    readonly username: string;
    /** The password's bytes as sent. */
    readonly password: Uint8Array;
    /** True when the password equals `key` in `encoding` (compared in constant time). */
    matches(key: string, encoding?: AuthorizationKeyEncoding): boolean;
  };
  /** The verified TLS client certificate (security profile 3), when one was presented. */
  readonly certificate?: PeerCertificate;
  /** True when the connection is TLS. */
  readonly secure: boolean;
  readonly remoteAddress?: string;
  /** The raw HTTP request, for anything else (headers, cookies). */
  readonly request: IncomingMessage;
}

/**
 * The `authenticate` hook's answer: `true` (or nothing) accepts, `false` answers 401, and
 * `{ status }` answers that HTTP status (404 for an unknown identity, 403, ...).
 */
export type HandshakeDecision = boolean | void | { readonly status: number; readonly reason?: string };

/** Options of the OCPP-J server. */
export interface WebSocketListenerOptions {
  /** Port to listen on (0 picks a free one); ignored with `server`. */
  readonly port?: number;
  /** Interface to listen on (default: Node's default, all interfaces). */
  readonly host?: string;
  /** Serve on an existing HTTP(S) server instead of creating one; ocppkit only adds an upgrade handler. */
  readonly server?: Server | HttpsServer;
  /** TLS options: with them, the created server is HTTPS (security profiles 2 and 3). */
  readonly tls?: HttpsOptions;
  /** URL path before the identity, e.g. `/ocpp` for `ws://host/ocpp/CP1` (default `/`). */
  readonly path?: string;
  /** Subprotocols served, in order of preference (default `['ocpp1.6']`). */
  readonly protocols?: readonly string[];
  /** Decides whether a charge point may connect. Default: everyone may. */
  readonly authenticate?: (request: HandshakeRequest) => HandshakeDecision | Promise<HandshakeDecision>;
  /** Longest identity accepted, in characters (default 48). */
  readonly maxIdentityLength?: number;
  /** Largest message accepted, in bytes; a bigger one closes the connection with 1009 (default 1 MiB). */
  readonly maxPayload?: number;
  /** Time the `authenticate` hook may take before the handshake is refused with 503 (default 10 000 ms). */
  readonly handshakeTimeoutMs?: number;
  /** Ping each charge point this often and drop those that do not answer (default 0 = off). */
  readonly pingIntervalMs?: number;
  /** How long {@link WebSocketListener.close} waits for connections to close before cutting them (default 5 000 ms). */
  readonly closeTimeoutMs?: number;
  readonly clock?: Clock;
}

/** Events of the OCPP-J server. */
export interface WebSocketListenerEvents {
  /** A handshake was refused, with the HTTP status sent. */
  refused: { readonly status: number; readonly reason: string; readonly url: string; readonly remoteAddress?: string };
  listenerError: { readonly event: PropertyKey; readonly error: unknown };
}

const GOING_AWAY = 1001;
const PROTOCOL_ERROR = 1002;

/**
 * The OCPP-J server of a central system (Node): accepts WebSocket connections at
 * `path/<identity>`, negotiates the subprotocol, authenticates, and hands each connection to
 * whoever serves it — normally a `CentralSystem` (`cs.serve(listener)`).
 */
export class WebSocketListener extends Emitter<WebSocketListenerEvents> implements ConnectionListener {
  readonly #options: WebSocketListenerOptions;
  readonly #clock: Clock;
  readonly #wss: WebSocketServer;
  readonly #server: Server | HttpsServer;
  readonly #ownsServer: boolean;
  readonly #callbacks = new Set<(connection: IncomingConnection) => void>();
  readonly #sockets = new Set<WebSocket>();
  // Handshakes waiting for the authenticate hook: close() refuses them instead of waiting.
  readonly #authenticating = new Set<(reason: unknown) => void>();
  readonly #onUpgrade: (request: IncomingMessage, socket: Socket, head: Buffer) => void;
  #closed = false;

  constructor(options: WebSocketListenerOptions = {}) {
    super();
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload ?? 1024 * 1024,
      clientTracking: false,
      perMessageDeflate: false,
      // Exactly one agreed subprotocol, or none: ws then completes the handshake without the
      // header and the connection is closed right after (OCPP-J 1.6, section 3.1.2).
      handleProtocols: (offered) => this.#protocols().find((p) => offered.has(p)) ?? false,
    });
    this.#ownsServer = !options.server;
    this.#server = options.server ?? (options.tls ? createHttpsServer(options.tls) : createServer());
    if (this.#ownsServer) {
      this.#server.on('request', (_request, response) => {
        response.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
        response.end('OCPP-J needs a WebSocket upgrade\n');
      });
    }
    this.#onUpgrade = (request, socket, head) => void this.#upgrade(request, socket, head);
    this.#server.on('upgrade', this.#onUpgrade);
  }

  /** Starts listening (only for a server ocppkit created); resolves with the bound address. */
  async listen(): Promise<AddressInfo> {
    if (!this.#ownsServer) return this.#server.address() as AddressInfo;
    return listenOn(this.#server, this.#options.port, this.#options.host);
  }

  /** The bound port (after {@link WebSocketListener.listen}). */
  get port(): number {
    return (this.#server.address() as AddressInfo | null)?.port ?? 0;
  }

  onConnection(callback: (connection: IncomingConnection) => void): () => void {
    this.#callbacks.add(callback);
    return () => this.#callbacks.delete(callback);
  }

  /**
   * Graceful shutdown: stops accepting, closes every connection with 1001 (going away) so
   * pending calls settle, cuts the ones that do not close in time, and stops the server.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const cancel of [...this.#authenticating]) cancel(SHUTTING_DOWN);
    this.#server.off('upgrade', this.#onUpgrade);
    const closing = [...this.#sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close(GOING_AWAY, 'server shutting down');
          const timer = this.#clock.setTimeout(() => ws.terminate(), this.#options.closeTimeoutMs ?? 5_000);
          ws.once('close', () => this.#clock.clearTimeout(timer));
        }),
    );
    await Promise.all(closing);
    if (this.#ownsServer) await stopServer(this.#server);
  }

  #protocols(): readonly string[] {
    return this.#options.protocols ?? ['ocpp1.6'];
  }

  async #upgrade(request: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    socket.on('error', destroySocket);
    const remoteAddress = socket.remoteAddress;
    const refuse = (status: number, reason: string) => {
      this.emit('refused', { status, reason, url: request.url ?? '', remoteAddress });
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${httpReason(status)}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
            (status === 401 ? 'WWW-Authenticate: Basic realm="OCPP"\r\n' : '') +
            `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
        );
      }
      socket.destroy();
    };
    if (this.#closed) return refuse(503, 'the server is shutting down');

    const identity = this.#identityOf(request.url ?? '/');
    if (typeof identity !== 'string') return refuse(identity.status, identity.reason);

    const offered = String(request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const protocol = this.#protocols().find((p) => offered.includes(p)) ?? '';
    const secure = (socket as TLSSocket).encrypted === true;
    const certificate = secure ? (socket as TLSSocket).getPeerCertificate?.() : undefined;
    const credentials = parseBasicAuthorization(request.headers.authorization);
    const handshake: HandshakeRequest = {
      identity,
      protocol,
      secure,
      request,
      ...(remoteAddress ? { remoteAddress } : {}),
      ...(certificate && Object.keys(certificate).length > 0 && (socket as TLSSocket).authorized ? { certificate } : {}),
      ...(credentials ? { basic: { ...credentials, matches: (key, encoding) => sameBytes(credentials.password, key, encoding) } } : {}),
    };

    if (this.#options.authenticate) {
      let decision: HandshakeDecision;
      try {
        decision = await withTimeout(
          Promise.resolve(this.#options.authenticate(handshake)),
          this.#options.handshakeTimeoutMs ?? 10_000,
          this.#clock,
          this.#authenticating,
        );
      } catch (error) {
        if (error === SHUTTING_DOWN) return refuse(503, 'the server is shutting down');
        return refuse(error === TIMED_OUT ? 503 : 500, error === TIMED_OUT ? 'authentication took too long' : 'authentication failed');
      }
      if (decision === false) return refuse(401, 'unauthorized');
      if (typeof decision === 'object') return refuse(decision.status, decision.reason ?? httpReason(decision.status));
      if (this.#closed || socket.destroyed) return refuse(503, 'the server is shutting down');
    }

    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, identity, handshake));
  }

  #identityOf(url: string): string | { status: number; reason: string } {
    const path = url.split('?')[0]!;
    const prefix = `${(this.#options.path ?? '/').replace(/\/+$/, '')}/`;
    if (!path.startsWith(prefix)) return { status: 404, reason: `OCPP-J endpoints are under ${prefix}` };
    const encoded = path.slice(prefix.length);
    if (encoded === '' || encoded.includes('/')) {
      return { status: 400, reason: `the URL must end in ${prefix}<charge point identity>` };
    }
    let identity: string;
    try {
      identity = decodeURIComponent(encoded);
    } catch {
      return { status: 400, reason: 'the identity is not valid percent-encoding' };
    }
    const max = this.#options.maxIdentityLength ?? 48;
    if ([...identity].length > max) return { status: 400, reason: `the identity is longer than ${max} characters` };
    // Printable only: no control characters that could forge log lines or paths.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\u0000-\u001f\u007f-\u009f]/.test(identity)) return { status: 400, reason: 'the identity has control characters' };
    return identity;
  }

  #accept(ws: WebSocket, identity: string, handshake: HandshakeRequest): void {
    if (!this.#protocols().includes(ws.protocol)) {
      ws.close(PROTOCOL_ERROR, `no agreed subprotocol; this server speaks ${this.#protocols().join(', ')}`);
      return;
    }
    this.#sockets.add(ws);
    const securityProfile: ConnectionInfo['securityProfile'] = handshake.certificate
      ? 3
      : handshake.basic
        ? handshake.secure
          ? 2
          : 1
        : 0;
    const info: ConnectionInfo = {
      transport: 'json',
      protocol: ws.protocol,
      connectedAt: this.#clock.now(),
      securityProfile,
      ...(handshake.remoteAddress ? { remoteAddress: handshake.remoteAddress } : {}),
    };
    const connection = new JsonServerConnection(ws, identity, info, this.#clock, () => this.#sockets.delete(ws));
    const interval = this.#options.pingIntervalMs ?? 0;
    if (interval > 0) connection.keepAlive(interval);
    if (this.#callbacks.size === 0) {
      ws.close(1011, 'no central system serves this listener');
      return;
    }
    for (const callback of this.#callbacks) callback(connection);
  }
}

/**
 * One accepted OCPP-J connection. Its WebSocket listeners are shared functions that find the
 * connection through the socket, so an idle connection costs one small object, not a set of
 * closures: a central system holds tens of thousands of them.
 */
class JsonServerConnection implements IncomingConnection, RpcConnection {
  #endpoint: RpcEndpoint | undefined;
  #onClose: ((code: number, reason: string) => void)[] | undefined;
  #pingTimer: unknown;
  #alive = true;

  constructor(
    readonly ws: WebSocket,
    readonly identity: string,
    readonly info: ConnectionInfo,
    readonly clock: Clock,
    readonly forget: () => void,
  ) {
    (ws as WebSocketWithConnection)[CONNECTION] = this;
    ws.on('message', onMessage);
    ws.on('error', ignoreError);
    ws.on('close', onClose);
  }

  attach(endpoint: RpcEndpoint): void {
    this.#endpoint = endpoint;
    endpoint.attach(this);
  }

  send(message: RpcMessage): void {
    if (this.ws.readyState !== this.ws.OPEN) throw new Error('the WebSocket is not open');
    this.ws.send(encodeFrame(message));
  }

  close(code = 1000, reason = ''): void {
    this.ws.close(code, reason);
  }

  onClose(callback: (code: number, reason: string) => void): void {
    (this.#onClose ??= []).push(callback);
  }

  /** Pings every `interval` ms and cuts the connection when a pong does not come back in time. */
  keepAlive(interval: number): void {
    this.ws.on('pong', onPong);
    const tick = () => {
      if (!this.#alive) return this.ws.terminate();
      this.#alive = false;
      this.ws.ping();
      this.#pingTimer = this.clock.setTimeout(tick, interval);
    };
    this.#pingTimer = this.clock.setTimeout(tick, interval);
  }

  /** @internal */ pong(): void {
    this.#alive = true;
  }

  /** @internal */ receive(data: Buffer, isBinary: boolean): void {
    this.#endpoint?.receive(
      isBinary
        ? { kind: 'bad', reason: 'binary frames are not OCPP-J messages', raw: '<binary>' }
        : decodeFrame(data.toString()),
    );
  }

  /** @internal */ closed(code: number, reason: Buffer): void {
    this.clock.clearTimeout(this.#pingTimer);
    this.forget();
    this.#endpoint?.detach(`the connection closed (${code})`);
    for (const callback of this.#onClose ?? []) callback(code, reason.toString());
  }
}

const CONNECTION = Symbol('ocppkit connection');
type WebSocketWithConnection = WebSocket & { [CONNECTION]: JsonServerConnection };
function onMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  (this as WebSocketWithConnection)[CONNECTION].receive(data, isBinary);
}
function onClose(this: WebSocket, code: number, reason: Buffer): void {
  (this as WebSocketWithConnection)[CONNECTION].closed(code, reason);
}
function onPong(this: WebSocket): void {
  (this as WebSocketWithConnection)[CONNECTION].pong();
}
function ignoreError(): void {
  // 'close' follows; a malformed or oversized frame lands here first.
}
function destroySocket(this: Socket): void {
  this.destroy();
}

const TIMED_OUT = Symbol('timed out');
const SHUTTING_DOWN = Symbol('shutting down');

// Settles like `promise`, or rejects with TIMED_OUT after `ms`, or with what a canceller (added
// to `cancellers` while waiting) is called with.
function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock, cancellers: Set<(reason: unknown) => void>): Promise<T> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      clock.clearTimeout(timer);
      cancellers.delete(cancel);
    };
    const cancel = (reason: unknown) => {
      finish();
      reject(reason);
    };
    const timer = clock.setTimeout(() => cancel(TIMED_OUT), ms);
    cancellers.add(cancel);
    promise.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

// Constant-time comparison, so the time taken does not reveal how much of a guess was right.
function sameBytes(received: Uint8Array, key: string, encoding: AuthorizationKeyEncoding = 'plain'): boolean {
  let expected: Uint8Array;
  try {
    expected = authorizationKeyBytes(key, encoding);
  } catch {
    return false;
  }
  let difference = received.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (received[i] ?? 0) ^ expected[i]!;
  return difference === 0;
}

function httpReason(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return reasons[status] ?? 'Error';
}
