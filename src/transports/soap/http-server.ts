import { createServer, request as httpRequest, Agent as HttpAgent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createServer as createHttpsServer,
  request as httpsRequest,
  Agent as HttpsAgent,
  type Server as HttpsServer,
  type ServerOptions as HttpsServerOptions,
} from 'node:https';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { createGunzip, createInflate, gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { readServiceDescription, type SoapServiceName } from '../../ocpp16/service-description.js';
import { listenOn, stopServer } from '../node-server.js';
import { buildFaultEnvelope, EnvelopeError, OCPP16_NAMESPACES, parseEnvelope, type ParsedEnvelope } from './envelope.js';
import { faultFor, faultStatus } from './faults.js';
import { SOAP_CONTENT_TYPE, type HttpPost, type HttpReply } from './soap-peer.js';
import type { XmlLimits } from './xml.js';

/** Options shared by ocppkit's OCPP-S HTTP servers (central system and charge point side). */
export interface SoapServerOptions {
  /** Port to listen on (0 picks a free one); ignored with `server`. */
  readonly port?: number;
  /** Interface to listen on. */
  readonly host?: string;
  /** Serve on an existing HTTP(S) server: requests under `path` are answered, others left alone. */
  readonly server?: Server | HttpsServer;
  /** HTTPS options for the server ocppkit creates (with `requestCert` for client certificates). */
  readonly tls?: HttpsServerOptions;
  /** URL path of the service (default `/`). */
  readonly path?: string;
  /** The URL peers reach this server at, sent as `From/Address` (default: derived from the bound address). */
  readonly publicUrl?: string;
  /** Largest request body, in bytes, after decompression (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Time a peer may take to send a request, and a handler to answer it (default 30 000 ms). */
  readonly requestTimeoutMs?: number;
  /** Bounds for the XML parser. */
  readonly xmlLimits?: XmlLimits;
  /**
   * Web origins allowed to call this service from a browser (CORS), e.g.
   * `['https://tools.example.com']`, or `'*'` for any. Default: none.
   */
  readonly allowedOrigins?: readonly string[] | '*';
}

/** What the server hands on: the parsed request and facts about the HTTP exchange. */
export interface SoapRequest {
  readonly envelope: ParsedEnvelope;
  readonly remoteAddress?: string;
  readonly certificate?: PeerCertificate;
  readonly secure: boolean;
  readonly request: IncomingMessage;
}

/**
 * The HTTP side of an OCPP-S service (Node): accepts POSTed envelopes under `path` (gzip and
 * deflate bodies too), bounds size and time, answers malformed or hostile requests with SOAP
 * faults, serves the WSDL at `?wsdl`, and hands each parsed request to `answer`.
 */
export class SoapHttpServer {
  readonly #options: SoapServerOptions;
  readonly #service: SoapServiceName;
  readonly #server: Server | HttpsServer;
  readonly #ownsServer: boolean;
  readonly #onRequest: (request: IncomingMessage, response: ServerResponse) => void;
  #answer: ((request: SoapRequest) => Promise<HttpReply>) | undefined;

  constructor(service: SoapServiceName, options: SoapServerOptions) {
    this.#options = options;
    this.#service = service;
    this.#ownsServer = !options.server;
    this.#server = options.server ?? (options.tls ? createHttpsServer(options.tls) : createServer());
    const timeout = options.requestTimeoutMs ?? 30_000;
    if (this.#ownsServer) {
      // A slow or silent client cannot hold the server: headers and body must arrive in time.
      this.#server.headersTimeout = Math.min(timeout, 60_000);
      this.#server.requestTimeout = timeout;
    }
    this.#onRequest = (request, response) => {
      if (!this.handles(request)) {
        if (this.#ownsServer) this.#reply(response, { status: 404, body: 'not an OCPP-S endpoint\n' }, 'text/plain');
        return;
      }
      void this.#handle(request, response);
    };
    this.#server.on('request', this.#onRequest);
  }

  /** Sets who answers parsed requests. */
  serve(answer: (request: SoapRequest) => Promise<HttpReply>): void {
    this.#answer = answer;
  }

  /** Starts listening (a server ocppkit created); resolves with the bound address. */
  async listen(): Promise<AddressInfo> {
    if (!this.#ownsServer) return this.#server.address() as AddressInfo;
    return listenOn(this.#server, this.#options.port, this.#options.host);
  }

  /** The URL peers reach this service at (`From/Address`). */
  get url(): string {
    if (this.#options.publicUrl) return this.#options.publicUrl;
    const address = this.#server.address() as AddressInfo | null;
    const scheme = 'setSecureContext' in this.#server ? 'https' : 'http';
    const host = address ? (address.family === 'IPv6' ? `[${address.address}]` : address.address) : 'localhost';
    return `${scheme}://${host}:${address?.port ?? 0}${this.#path()}`;
  }

  /** True when `request` is for this service (its path). */
  handles(request: IncomingMessage): boolean {
    return (request.url ?? '/').split('?')[0] === this.#path();
  }

  /** Stops answering; closes the server if ocppkit created it. */
  async close(): Promise<void> {
    this.#server.off('request', this.#onRequest);
    if (this.#ownsServer) await stopServer(this.#server);
  }

  #path(): string {
    const path = this.#options.path ?? '/';
    return path.startsWith('/') ? path : `/${path}`;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const namespace = OCPP16_NAMESPACES[this.#service];
    const fault = (code: string, reason: string, relatesTo?: string, status?: number) => {
      const f = faultFor(code, reason);
      const body = buildFaultEnvelope(
        {
          namespace,
          action: 'http://www.w3.org/2005/08/addressing/soap/fault',
          messageId: `urn:uuid:${randomUUID()}`,
          ...(relatesTo ? { relatesTo } : {}),
        },
        f,
      );
      this.#reply(response, { status: status ?? faultStatus(f), body }, SOAP_CONTENT_TYPE, request);
    };
    try {
      if (this.#allowOrigin(request, response) && request.method === 'OPTIONS') {
        // A browser's preflight for a POST with Content-Type application/soap+xml.
        response.writeHead(204, {
          'Access-Control-Allow-Methods': 'POST, GET',
          'Access-Control-Allow-Headers': 'Content-Type',
          'Access-Control-Max-Age': '600',
        });
        response.end();
        return;
      }
      if (request.method === 'GET' && /[?&]wsdl\b/i.test(request.url ?? '')) {
        this.#reply(response, { status: 200, body: await readServiceDescription(this.#service) }, 'text/xml; charset=utf-8', request);
        return;
      }
      if (request.method !== 'POST') {
        response.setHeader('Allow', 'POST, GET');
        return fault('ProtocolError', `OCPP-S requests are POSTed; ${request.method} is not`, undefined, 405);
      }
      const type = String(request.headers['content-type'] ?? '');
      if (!/^application\/soap\+xml\b/i.test(type)) {
        return fault(
          'ProtocolError',
          `Content-Type must be application/soap+xml (SOAP 1.2), got "${type || 'none'}"`,
          undefined,
          415,
        );
      }
      let text: string;
      try {
        text = await readBody(request, this.#options.maxBodyBytes ?? 1024 * 1024);
      } catch (error) {
        const status = error instanceof BodyError ? error.status : 400;
        return fault('ProtocolError', error instanceof Error ? error.message : String(error), undefined, status);
      }
      let envelope: ParsedEnvelope;
      try {
        envelope = parseEnvelope(text, this.#options.xmlLimits);
      } catch (error) {
        if (error instanceof EnvelopeError) return fault(error.errorCode, error.message, error.messageId);
        throw error;
      }
      if (!this.#answer) return fault('InternalError', 'the service is not ready', envelope.headers.messageId);
      const socket = request.socket as TLSSocket;
      const certificate = socket.encrypted && socket.authorized ? socket.getPeerCertificate() : undefined;
      const reply = await this.#answer({
        envelope,
        request,
        secure: socket.encrypted === true,
        ...(request.socket.remoteAddress ? { remoteAddress: request.socket.remoteAddress } : {}),
        ...(certificate && Object.keys(certificate).length > 0 ? { certificate } : {}),
      });
      this.#reply(response, reply, SOAP_CONTENT_TYPE, request);
    } catch {
      // Whatever went wrong stays here; the peer learns only that it did.
      if (!response.headersSent) fault('InternalError', 'the request could not be processed');
    }
  }

  // Adds the CORS header when the request's origin is allowed; true when it was.
  #allowOrigin(request: IncomingMessage, response: ServerResponse): boolean {
    const origin = request.headers.origin;
    const allowed = this.#options.allowedOrigins;
    if (!origin || !allowed || (allowed !== '*' && !allowed.includes(origin))) return false;
    response.setHeader('Access-Control-Allow-Origin', allowed === '*' ? '*' : origin);
    response.setHeader('Vary', 'Origin');
    return true;
  }

  #reply(response: ServerResponse, reply: HttpReply, type: string, request?: IncomingMessage): void {
    if (response.headersSent) return;
    let body: string | Buffer = reply.body;
    // Compress large answers for peers that accept it (GetConfiguration, composite schedules).
    if (body.length > 1024 && /\bgzip\b/.test(String(request?.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      response.setHeader('Content-Encoding', 'gzip');
    }
    response.writeHead(reply.status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  }
}

/** Why a body was not read, with the HTTP status a server answers: 400, 413 or 415. */
class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Reads a request body as UTF-8, undoing gzip or deflate, refusing more than `limit` bytes. */
export async function readBody(stream: IncomingMessage, limit: number): Promise<string> {
  const encoding = String(stream.headers['content-encoding'] ?? 'identity').toLowerCase();
  const inflate = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : undefined;
  if (!inflate && encoding !== 'identity') throw new BodyError(415, `Content-Encoding ${encoding} is not supported; use gzip or deflate`);
  const source: Readable = inflate ? stream.pipe(inflate) : stream;
  // pipe() does not pass on an aborted upload; without this the inflater would wait forever.
  if (inflate) stream.once('close', () => stream.complete || inflate.destroy(new Error('the upload was aborted')));
  // Stops reading. A request's remaining bytes are discarded unread, so that a server can still
  // answer on its socket (413, 400); a response (nodeHttpPost) is dropped with its connection.
  const stop = () => {
    if (inflate) {
      stream.unpipe(inflate);
      inflate.destroy();
    }
    if (stream.method) stream.resume();
    else stream.destroy();
  };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Leaving the loop early must not destroy the request: its socket carries the answer.
    for await (const chunk of source.iterator({ destroyOnReturn: false })) {
      size += (chunk as Buffer).length;
      if (size > limit) break;
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    stop();
    throw new BodyError(400, `the request body could not be read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (size > limit) {
    stop();
    throw new BodyError(413, `the request body is larger than ${limit} bytes`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** TLS options for OCPP-S calls made from Node (client certificates, private CAs). */
export interface HttpClientTlsOptions {
  readonly ca?: string | Buffer | (string | Buffer)[];
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly rejectUnauthorized?: boolean;
}

/**
 * An {@link HttpPost} on node:http(s): keep-alive connections, client certificates, and
 * gzip/deflate responses decoded, with a response size bound.
 */
export function nodeHttpPost(tls: HttpClientTlsOptions = {}, maxResponseBytes = 1024 * 1024): HttpPost {
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true, ...tls });
  return (url, body, headers, signal) =>
    new Promise<HttpReply>((resolve, reject) => {
      const secure = url.startsWith('https:');
      const request = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
          agent: secure ? httpsAgent : httpAgent,
          signal,
        },
        (response) => {
          readBody(response, maxResponseBytes).then(
            (text) => resolve({ status: response.statusCode ?? 0, body: text }),
            reject,
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** The HTTP server of a SOAP charge point's ChargePointService (Node), for a `SoapClient`. */
export class ChargePointServiceServer extends SoapHttpServer {
  constructor(options: SoapServerOptions = {}) {
    super('ChargePointService', options);
  }
}
