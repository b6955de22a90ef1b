import type { PeerCertificate } from 'node:tls';
import { systemClock, type Clock } from '../../clock.js';
import type { RpcEndpoint } from '../../rpc/endpoint.js';
import type { ConnectionInfo, ConnectionListener, IncomingConnection } from '../../rpc/transport.js';
import { nodeHttpPost, SoapHttpServer, type HttpClientTlsOptions, type SoapRequest, type SoapServerOptions } from './http-server.js';
import { SoapPeer, type HttpReply } from './soap-peer.js';

/** Options of the central system's OCPP-S server. */
export interface SoapListenerOptions extends SoapServerOptions {
  /**
   * Decides whether a charge point may talk to this central system, on its first request:
   * `true` (or nothing) accepts, `false` answers a SecurityError fault.
   */
  readonly authenticate?: (request: {
    readonly identity: string;
    readonly certificate?: PeerCertificate;
    readonly remoteAddress?: string;
    readonly secure: boolean;
  }) => boolean | void | Promise<boolean | void>;
  /** TLS options for the calls the central system makes to charge points (client certificate, CA). */
  readonly clientTls?: HttpClientTlsOptions;
  readonly clock?: Clock;
}

/**
 * The OCPP-S server of a central system (Node): serves CentralSystemService (and its WSDL at
 * `?wsdl`), turns the first request of each charge point identity into a session of the
 * central system it is served to, learns each charge point's address from `From/Address` on
 * every message, and calls charge points by HTTP POST.
 */
export class SoapListener implements ConnectionListener {
  readonly #options: SoapListenerOptions;
  readonly #http: SoapHttpServer;
  readonly #peers = new Map<string, { peer: SoapPeer; close: (code: number, reason: string) => void }>();
  readonly #callbacks = new Set<(connection: IncomingConnection) => void>();
  readonly #post;

  constructor(options: SoapListenerOptions = {}) {
    this.#options = options;
    this.#http = new SoapHttpServer('CentralSystemService', options);
    this.#post = nodeHttpPost(options.clientTls);
    this.#http.serve((request) => this.#answer(request));
  }

  /** Starts listening; resolves with the bound address. */
  listen() {
    return this.#http.listen();
  }

  /** The URL charge points POST to (the CentralSystemService endpoint). */
  get url(): string {
    return this.#http.url;
  }

  onConnection(callback: (connection: IncomingConnection) => void): () => void {
    this.#callbacks.add(callback);
    return () => this.#callbacks.delete(callback);
  }

  /** Stops serving and ends every OCPP-S session (pending calls reject). */
  async close(): Promise<void> {
    await this.#http.close();
    for (const { peer, close } of [...this.#peers.values()]) {
      peer.detach('the central system is shutting down');
      close(1001, 'server shutting down');
    }
    this.#peers.clear();
  }

  async #answer(request: SoapRequest): Promise<HttpReply> {
    const { headers } = request.envelope;
    const identity = headers.chargeBoxIdentity;
    let entry = identity === undefined ? undefined : this.#peers.get(identity);
    if (!entry) {
      const probe = new SoapPeer({ identity: identity ?? '', localService: 'CentralSystemService' });
      if (!identity) return probe.fault(headers.messageId, 'ProtocolError', 'the chargeBoxIdentity header is missing');
      if (this.#options.authenticate) {
        const decision = await this.#options.authenticate({
          identity,
          secure: request.secure,
          ...(request.certificate ? { certificate: request.certificate } : {}),
          ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
        });
        if (decision === false) return probe.fault(headers.messageId, 'SecurityError', `${identity} may not use this central system`);
      }
      entry = this.#open(identity, request);
    }
    return entry.peer.answer(request.envelope);
  }

  #open(identity: string, request: SoapRequest) {
    const peer = new SoapPeer({
      identity,
      localService: 'CentralSystemService',
      localUrl: this.#http.url,
      post: this.#post,
      ...(this.#options.requestTimeoutMs ? { requestTimeoutMs: this.#options.requestTimeoutMs } : {}),
      ...(this.#options.xmlLimits ? { xmlLimits: this.#options.xmlLimits } : {}),
      ...(this.#options.clock ? { clock: this.#options.clock } : {}),
    });
    const closeCallbacks: ((code: number, reason: string) => void)[] = [];
    const close = (code: number, reason: string) => {
      if (this.#peers.get(identity)?.peer !== peer) return;
      this.#peers.delete(identity);
      peer.detach(reason);
      for (const callback of closeCallbacks) callback(code, reason);
    };
    const entry = { peer, close };
    this.#peers.set(identity, entry);
    const info: ConnectionInfo = {
      transport: 'soap',
      protocol: 'ocpp1.6',
      connectedAt: (this.#options.clock ?? systemClock).now(),
      securityProfile: request.certificate ? 3 : request.secure ? 2 : 0,
      ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
    };
    const connection: IncomingConnection = {
      identity,
      info,
      attach: (endpoint: RpcEndpoint) => peer.attach(endpoint),
      close: (code = 1000, reason = 'closed') => close(code, reason),
      onClose: (callback) => closeCallbacks.push(callback),
    };
    for (const callback of this.#callbacks) callback(connection);
    return entry;
  }
}
