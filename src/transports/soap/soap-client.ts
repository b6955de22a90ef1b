import type { RpcEndpoint } from '../../rpc/endpoint.js';
import type { ChargePointTransport } from '../../rpc/transport.js';
import type { ParsedEnvelope } from './envelope.js';
import { SoapPeer, type HttpPost, type HttpReply } from './soap-peer.js';
import type { XmlLimits } from './xml.js';

/**
 * Where a SOAP charge point answers the central system's calls: in Node, a
 * `ChargePointServiceServer` from `ocppkit/node`.
 */
export interface ChargePointServiceHost {
  /** Starts listening. */
  listen(): Promise<unknown>;
  /** The URL the central system should POST to (sent as `From/Address`). */
  readonly url: string;
  /** Sets who answers the parsed requests. */
  serve(answer: (request: { readonly envelope: ParsedEnvelope }) => Promise<HttpReply>): void;
  /** Stops listening. */
  close(): Promise<void>;
}

/** How a charge point reaches its central system over OCPP-S. */
export interface SoapClientOptions {
  /** The central system's CentralSystemService URL. */
  readonly url: string;
  /** The charge point identity (chargeBoxIdentity). */
  readonly identity: string;
  /** Answers the central system's calls (Node). Without it the charge point can only call. */
  readonly server?: ChargePointServiceHost;
  /** The address to advertise in `From/Address` when it differs from `server.url` (NAT, proxies). */
  readonly fromAddress?: string;
  /** The HTTP client (default fetch; `nodeHttpPost(tls)` from `ocppkit/node` for client certificates). */
  readonly post?: HttpPost;
  /** Time an HTTP exchange may take (default 30 000 ms). */
  readonly requestTimeoutMs?: number;
  readonly xmlLimits?: XmlLimits;
}

/**
 * The OCPP-S transport of a charge point: its calls are POSTed to the central system with
 * fetch (Node and browsers); with a {@link ChargePointServiceHost} (Node) it also answers the
 * central system's calls, advertising its address in every message's `From/Address`.
 */
export class SoapClient implements ChargePointTransport {
  readonly #options: SoapClientOptions;
  #peer: SoapPeer | undefined;

  constructor(options: SoapClientOptions) {
    if (!/^https?:\/\//i.test(options.url)) {
      throw new TypeError(`SoapClient: url must start with http:// or https://, got "${options.url}"`);
    }
    if (!options.identity) throw new TypeError('SoapClient: identity is required');
    this.#options = options;
  }

  async open(endpoint: RpcEndpoint): Promise<void> {
    if (this.#peer) throw new Error('SoapClient: already opened');
    const { server } = this.#options;
    if (server) await server.listen();
    const localUrl = this.#options.fromAddress ?? server?.url;
    const peer = new SoapPeer({
      identity: this.#options.identity,
      localService: 'ChargePointService',
      remoteUrl: this.#options.url,
      ...(localUrl ? { localUrl } : {}),
      ...(this.#options.post ? { post: this.#options.post } : {}),
      ...(this.#options.requestTimeoutMs ? { requestTimeoutMs: this.#options.requestTimeoutMs } : {}),
      ...(this.#options.xmlLimits ? { xmlLimits: this.#options.xmlLimits } : {}),
    });
    this.#peer = peer;
    peer.attach(endpoint);
    server?.serve((request) => peer.answer(request.envelope));
  }

  async close(): Promise<void> {
    this.#peer?.detach('the charge point closed its OCPP-S link');
    this.#peer = undefined;
    await this.#options.server?.close();
  }
}
