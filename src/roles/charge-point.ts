import { Emitter, type Listener } from '../events.js';
import type { CentralSystemAction, ChargePointAction, Request, Response } from '../ocpp16/actions.js';
import {
  RpcEndpoint,
  type CallOptions,
  type EndpointEvents,
  type EndpointOptions,
  type Handler,
  type HandlerContext,
} from '../rpc/endpoint.js';
import type { ChargePointTransport } from '../rpc/transport.js';
import {
  WebSocketClient,
  type WebSocketClientEvents,
  type WebSocketClientOptions,
} from '../transports/json/websocket-client.js';

/** Options of a charge point: its identity, how to reach the central system, RPC behaviour. */
export interface ChargePointOptions
  extends EndpointOptions,
    Omit<WebSocketClientOptions, 'url' | 'identity' | 'clock'> {
  /** The charge point identity. */
  readonly identity: string;
  /** The central system's OCPP-J endpoint, e.g. `wss://csms.example.com/ocpp` (the identity is appended). */
  readonly endpoint?: string;
  /** Another transport instead of OCPP-J to `endpoint` (e.g. OCPP-S). */
  readonly transport?: ChargePointTransport;
}

/** What a charge point's handler learns about the call it answers. */
export interface ChargePointHandlerContext extends HandlerContext {
  /** The charge point answering. */
  readonly chargePoint: ChargePoint;
}

/** Events of a charge point: the RPC events plus the connection's. */
export type ChargePointEvents = EndpointEvents & Omit<WebSocketClientEvents, 'listenerError'>;

const RPC_EVENTS = new Set<string>(['call', 'result', 'error', 'handlerError', 'timeout', 'badMessage', 'unmatchedResponse']);

/**
 * An OCPP 1.6 charge point: connects to its central system, sends the actions a charge point
 * may send (`call`) and answers those a central system may send (`handle`). The transport —
 * OCPP-J by default — is invisible behind this API.
 *
 * @example
 * ```ts
 * const cp = new ChargePoint({ identity: 'CP-1', endpoint: 'ws://localhost:9220/ocpp' });
 * cp.handle('Reset', () => ({ status: 'Accepted' }));
 * await cp.connect();
 * const boot = await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'AC22' });
 * ```
 */
export class ChargePoint extends Emitter<ChargePointEvents> {
  /** The charge point identity. */
  readonly identity: string;
  readonly #endpoint: RpcEndpoint;
  readonly #transport: ChargePointTransport;

  constructor(options: ChargePointOptions) {
    super();
    this.identity = options.identity;
    this.#endpoint = new RpcEndpoint(options);
    this.#endpoint.setContextExtras({ chargePoint: this });
    if (options.transport) this.#transport = options.transport;
    else {
      if (!options.endpoint) throw new TypeError('ChargePoint: give the central system endpoint (or a transport)');
      const client = new WebSocketClient({ ...options, url: options.endpoint });
      for (const event of ['open', 'close', 'reconnecting', 'problem'] as const) {
        client.on(event, (payload) => this.emit(event, payload as never));
      }
      this.#transport = client;
    }
  }

  /** True while connected to the central system. */
  get connected(): boolean {
    return this.#endpoint.connected;
  }

  /** Connects; resolves once connected (retrying with back-off unless reconnection is off). */
  connect(): Promise<void> {
    return this.#transport.open(this.#endpoint);
  }

  /** Closes the connection; pending calls reject with NotConnectedError. */
  close(): Promise<void> {
    return this.#transport.close();
  }

  /** Sends a charge point action and resolves with the central system's response. */
  call<A extends ChargePointAction>(action: A, request: Request<A>, options?: CallOptions): Promise<Response<A>> {
    return this.#endpoint.call(action, request, options) as Promise<Response<A>>;
  }

  /** Answers a central system action; the handler returns the response or throws an OcppError. */
  handle<A extends CentralSystemAction>(
    action: A,
    handler: Handler<Request<A>, Response<A>, ChargePointHandlerContext>,
  ): this {
    this.#endpoint.handle(action, handler as Handler);
    return this;
  }

  override on<K extends keyof ChargePointEvents>(event: K, listener: Listener<ChargePointEvents[K]>): () => void {
    // RPC events come straight from the endpoint, which skips building them when nobody listens.
    if (RPC_EVENTS.has(event as string)) {
      return this.#endpoint.on(event as keyof EndpointEvents, listener as Listener<unknown>);
    }
    return super.on(event, listener);
  }
}
