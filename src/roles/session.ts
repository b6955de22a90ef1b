import type { Listener } from '../events.js';
import type { CentralSystemAction, ChargePointAction, Request, Response } from '../ocpp16/actions.js';
import type { CallOptions, EndpointEvents, Handler, HandlerContext, RpcEndpoint } from '../rpc/endpoint.js';
import type { ConnectionInfo, IncomingConnection } from '../rpc/transport.js';

/** What a central system's handler learns about the call it answers. */
export interface SessionHandlerContext extends HandlerContext {
  /** The session of the charge point that called. */
  readonly session: Session;
  /** The identity of the charge point that called. */
  readonly identity: string;
}

/** A central system's handler of a charge point action. */
export type SessionHandler<A extends ChargePointAction> = Handler<Request<A>, Response<A>, SessionHandlerContext>;

/**
 * One connected charge point, as the central system sees it: call it, answer it, close it.
 * Handlers registered on the session take precedence over the central system's shared ones.
 */
export class Session {
  /** The charge point identity. */
  readonly identity: string;
  /** Transport, subprotocol, address, connection time, security profile. */
  readonly info: ConnectionInfo;
  readonly #endpoint: RpcEndpoint;
  readonly #connection: IncomingConnection;

  /** @internal Sessions are made by the CentralSystem. */
  constructor(connection: IncomingConnection, endpoint: RpcEndpoint) {
    this.identity = connection.identity;
    this.info = connection.info;
    this.#connection = connection;
    this.#endpoint = endpoint;
    endpoint.setContextExtras({ session: this, identity: this.identity });
  }

  /** True until the connection closes. */
  get connected(): boolean {
    return this.#endpoint.connected;
  }

  /** Sends a central system action to this charge point and resolves with its response. */
  call<A extends CentralSystemAction>(action: A, request: Request<A>, options?: CallOptions): Promise<Response<A>> {
    return this.#endpoint.call(action, request, options) as Promise<Response<A>>;
  }

  /** Answers a charge point action for this charge point only. */
  handle<A extends ChargePointAction>(action: A, handler: SessionHandler<A>): this {
    this.#endpoint.handle(action, handler as Handler);
    return this;
  }

  /** Listens to this session's RPC events (call, result, error, timeout, badMessage, ...). */
  on<K extends keyof EndpointEvents>(event: K, listener: Listener<EndpointEvents[K]>): () => void {
    return this.#endpoint.on(event, listener);
  }

  /** Closes the connection; pending calls reject with NotConnectedError. */
  close(code = 1000, reason = ''): void {
    this.#connection.close(code, reason);
  }
}
