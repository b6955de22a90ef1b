import { Emitter } from '../events.js';
import type { ChargePointAction } from '../ocpp16/actions.js';
import { RpcEndpoint, type EndpointOptions, type Handler } from '../rpc/endpoint.js';
import { ValidationPolicy } from '../rpc/validation-policy.js';
import type { ConnectionListener, IncomingConnection } from '../rpc/transport.js';
import { Session, type SessionHandler } from './session.js';

/** Options of a central system: the RPC behaviour of every session, and identity policy. */
export interface CentralSystemOptions extends EndpointOptions {
  /**
   * A charge point connects while a connection with its identity is open: `replace` closes the
   * old one (default — the charger has usually lost it already), `reject` closes the new one.
   */
  readonly duplicateIdentity?: 'replace' | 'reject';
}

/** Events of a central system. */
export interface CentralSystemEvents {
  /** A charge point connected; its session is ready to call and be called. */
  session: Session;
  /** A charge point's connection closed. */
  sessionClosed: { readonly session: Session; readonly code: number; readonly reason: string };
  listenerError: { readonly event: PropertyKey; readonly error: unknown };
}

/** Close code for a connection refused because its identity is already connected. */
const DUPLICATE = 1008;

/**
 * An OCPP 1.6 central system: serves charge points from one or more listeners (OCPP-J,
 * OCPP-S), one {@link Session} per charge point. Handlers registered here serve every session.
 *
 * @example
 * ```ts
 * const cs = new CentralSystem();
 * cs.handle('BootNotification', () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }));
 * cs.serve(listener); // e.g. a WebSocketListener from 'ocppkit/node'
 * await cs.session('CP-1')?.call('Reset', { type: 'Soft' });
 * ```
 */
export class CentralSystem extends Emitter<CentralSystemEvents> {
  readonly #options: CentralSystemOptions;
  readonly #endpointOptions: EndpointOptions;
  readonly #handlers = new Map<string, Handler>();
  readonly #sessions = new Map<string, Session>();
  readonly #listeners = new Map<ConnectionListener, () => void>();
  readonly #sharedHandler = (action: string): Handler | undefined => this.#handlers.get(action);

  constructor(options: CentralSystemOptions = {}) {
    super();
    this.#options = options;
    // One validation policy (and its cache) for every session, not one per charge point.
    const { validation } = options;
    this.#endpointOptions = {
      ...options,
      validation: validation instanceof ValidationPolicy ? validation : new ValidationPolicy(validation),
    };
  }

  /** Accepts the connections of `listener`; returns the function that stops serving it. */
  serve(listener: ConnectionListener): () => void {
    const stop = listener.onConnection((connection) => this.#accept(connection));
    this.#listeners.set(listener, stop);
    return () => {
      stop();
      this.#listeners.delete(listener);
    };
  }

  /** Answers a charge point action for every session (a session's own handler wins). */
  handle<A extends ChargePointAction>(action: A, handler: SessionHandler<A>): this {
    this.#handlers.set(action, handler as unknown as Handler);
    return this;
  }

  /** The session of a connected charge point, by identity. */
  session(identity: string): Session | undefined {
    return this.#sessions.get(identity);
  }

  /** Every connected charge point's session. */
  sessions(): IterableIterator<Session> {
    return this.#sessions.values();
  }

  /** Closes every listener served and, through them, every session. */
  async close(): Promise<void> {
    const listeners = [...this.#listeners.keys()];
    await Promise.all(listeners.map((listener) => listener.close()));
    for (const session of this.#sessions.values()) session.close(1001, 'central system shutting down');
  }

  #accept(connection: IncomingConnection): void {
    const previous = this.#sessions.get(connection.identity);
    if (previous && this.#options.duplicateIdentity === 'reject') {
      connection.close(DUPLICATE, 'this identity is already connected');
      return;
    }
    const endpoint = new RpcEndpoint(this.#endpointOptions);
    const session = new Session(connection, endpoint);
    // Shared handlers answer for every session; the context carries the session.
    endpoint.setFallbackHandler(this.#sharedHandler);
    this.#sessions.set(connection.identity, session);
    connection.onClose((code, reason) => {
      if (this.#sessions.get(connection.identity) === session) this.#sessions.delete(connection.identity);
      this.emit('sessionClosed', { session, code, reason });
    });
    connection.attach(endpoint);
    if (previous) previous.close(DUPLICATE, 'replaced by a new connection with the same identity');
    this.emit('session', session);
  }
}
