import { systemClock, type Clock } from '../../clock.js';
import { actionRegistry } from '../../ocpp16/generated/actions.js';
import type { RpcEndpoint } from '../../rpc/endpoint.js';
import { NotConnectedError, OcppError } from '../../rpc/errors.js';
import { createIdGenerator } from '../../rpc/ids.js';
import type { CallMessage, RpcMessage } from '../../rpc/messages.js';
import {
  EnvelopeError,
  OCPP16_NAMESPACES,
  buildFaultEnvelope,
  buildMessageEnvelope,
  parseEnvelope,
  type ParsedEnvelope,
  type SoapService,
} from './envelope.js';
import { faultFor, faultStatus } from './faults.js';
import type { XmlLimits } from './xml.js';

/** An HTTP response as the SOAP layer needs it. */
export interface HttpReply {
  readonly status: number;
  readonly body: string;
}

/** Sends one HTTP POST; ocppkit uses fetch by default, and node:http(s) in `ocppkit/node`. */
export type HttpPost = (
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
) => Promise<HttpReply>;

/** The Content-Type of OCPP-S messages. */
export const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';

/** POST with the platform's fetch (browsers, Node); fetch itself undoes gzip and deflate. */
export const fetchPost: HttpPost = async (url, body, headers, signal) => {
  const response = await fetch(url, { method: 'POST', body, headers, signal });
  return { status: response.status, body: await response.text() };
};

/** How one side talks OCPP-S to one peer. */
export interface SoapPeerOptions {
  /** The charge point identity (sent as chargeBoxIdentity on every request). */
  readonly identity: string;
  /** The service we serve; incoming requests must be addressed to it. */
  readonly localService: SoapService;
  /** Where the peer listens; calls fail until it is known. */
  readonly remoteUrl?: string;
  /** Where we listen (`From/Address`), if we do. */
  readonly localUrl?: string;
  /** The HTTP client (default: fetch). */
  readonly post?: HttpPost;
  /** Time an HTTP exchange may take, ours or the peer's handler (default 30 000 ms). */
  readonly requestTimeoutMs?: number;
  /** Bounds for parsing what the peer sends. */
  readonly xmlLimits?: XmlLimits;
  /** Time source for the answer timeout (default: the system clock). */
  readonly clock?: Clock;
}

/**
 * One OCPP-S link between this side and one peer, over any HTTP stack: turns the RPC core's
 * calls into POSTs of SOAP envelopes and their responses or faults back into results and
 * errors, and answers the peer's requests through the same core. MessageID / RelatesTo
 * correlate each exchange.
 */
export class SoapPeer {
  readonly identity: string;
  readonly #options: SoapPeerOptions;
  readonly #remoteService: SoapService;
  #remoteUrl: string | undefined;
  #endpoint: RpcEndpoint | undefined;
  // Requests of the peer waiting for the RPC core's answer, by MessageID.
  readonly #answers = new Map<string, { readonly action: string; readonly reply: (reply: HttpReply) => void }>();
  readonly #newId = createIdGenerator();
  readonly #clock: Clock;

  constructor(options: SoapPeerOptions) {
    this.identity = options.identity;
    this.#options = options;
    this.#remoteService = options.localService === 'CentralSystemService' ? 'ChargePointService' : 'CentralSystemService';
    this.#remoteUrl = options.remoteUrl;
    this.#clock = options.clock ?? systemClock;
  }

  /** Where calls to the peer go. */
  get remoteUrl(): string | undefined {
    return this.#remoteUrl;
  }

  /** Learns (or corrects) the peer's address, e.g. from `From/Address`. */
  set remoteUrl(url: string | undefined) {
    if (url && /^https?:\/\//i.test(url)) this.#remoteUrl = url;
  }

  /** Connects the RPC core: its calls become POSTs, its answers HTTP responses. */
  attach(endpoint: RpcEndpoint): void {
    this.#endpoint = endpoint;
    endpoint.attach({ send: (message) => this.#send(message), close: () => this.detach() });
  }

  /** Disconnects the RPC core; pending calls reject, waiting requests get a fault. */
  detach(reason = 'the OCPP-S link was closed'): void {
    const endpoint = this.#endpoint;
    this.#endpoint = undefined;
    endpoint?.detach(reason);
    for (const [id, answer] of this.#answers) answer.reply(this.#fault(id, faultFor('InternalError', reason)));
    this.#answers.clear();
  }

  /**
   * Answers one request the peer sent (already parsed): hands it to the RPC core and resolves
   * with the response or fault envelope once the handler is done.
   */
  answer(envelope: ParsedEnvelope): Promise<HttpReply> {
    const { headers, content } = envelope;
    const messageId = headers.messageId ?? `urn:uuid:${this.#newId()}`;
    if (content.kind !== 'request') {
      return Promise.resolve(this.#fault(messageId, faultFor('ProtocolError', `expected a request, got a ${content.kind}`)));
    }
    if (content.service !== this.#options.localService) {
      return Promise.resolve(
        this.#fault(messageId, faultFor('NotSupported', `${content.action} is not an operation of the ${this.#options.localService}`)),
      );
    }
    if (headers.chargeBoxIdentity !== undefined && headers.chargeBoxIdentity !== this.identity) {
      return Promise.resolve(
        this.#fault(messageId, faultFor('IdentityMismatch', `this is ${this.identity}, not ${headers.chargeBoxIdentity}`)),
      );
    }
    const endpoint = this.#endpoint;
    if (!endpoint) return Promise.resolve(this.#fault(messageId, faultFor('InternalError', 'not ready to answer')));
    if (this.#answers.has(messageId)) {
      return Promise.resolve(this.#fault(messageId, faultFor('ProtocolError', `a request with MessageID ${messageId} is already being handled`)));
    }
    this.remoteUrl = headers.from;
    return new Promise((resolve) => {
      const timer = this.#clock.setTimeout(() => {
        if (this.#answers.delete(messageId)) {
          resolve(this.#fault(messageId, faultFor('InternalError', 'the request was not answered in time')));
        }
      }, this.#options.requestTimeoutMs ?? 30_000);
      this.#answers.set(messageId, {
        action: content.action,
        reply: (reply) => {
          this.#clock.clearTimeout(timer);
          resolve(reply);
        },
      });
      endpoint.receive({ kind: 'call', id: messageId, action: content.action, payload: content.payload });
    });
  }

  /** The fault envelope answering request `relatesTo`. */
  fault(relatesTo: string | undefined, errorCode: string, reason: string): HttpReply {
    return this.#fault(relatesTo, faultFor(errorCode, reason));
  }

  #fault(relatesTo: string | undefined, fault: ReturnType<typeof faultFor>): HttpReply {
    return {
      status: faultStatus(fault),
      body: buildFaultEnvelope(
        {
          namespace: OCPP16_NAMESPACES[this.#options.localService],
          action: 'http://www.w3.org/2005/08/addressing/soap/fault',
          messageId: `urn:uuid:${this.#newId()}`,
          ...(relatesTo ? { relatesTo } : {}),
        },
        fault,
      ),
    };
  }

  #send(message: RpcMessage): void {
    if (message.kind === 'call') {
      void this.#post(message);
      return;
    }
    const answer = this.#answers.get(message.id);
    if (!answer) return;
    this.#answers.delete(message.id);
    if (message.kind === 'error') {
      answer.reply(this.#fault(message.id, faultFor(message.code, message.description, message.details)));
      return;
    }
    const { action } = answer;
    const definition = actionRegistry[action as keyof typeof actionRegistry];
    answer.reply({
      status: 200,
      body: buildMessageEnvelope(
        {
          namespace: OCPP16_NAMESPACES[this.#options.localService],
          action: `/${action}Response`,
          messageId: `urn:uuid:${this.#newId()}`,
          relatesTo: message.id,
        },
        definition.soap!.responseElement,
        definition.response.type,
        message.payload,
      ),
    });
  }

  async #post(call: CallMessage): Promise<void> {
    const endpoint = this.#endpoint!;
    const url = this.#remoteUrl;
    if (!url) {
      endpoint.fail(call.id, new NotConnectedError(call.action, `${this.identity} has not told where it listens (From/Address)`));
      return;
    }
    const definition = actionRegistry[call.action as keyof typeof actionRegistry];
    if (!definition?.soap) {
      endpoint.fail(call.id, new OcppError('NotSupported', `${call.action} has no OCPP-S binding`));
      return;
    }
    const messageId = `urn:uuid:${call.id}`;
    const body = buildMessageEnvelope(
      {
        namespace: OCPP16_NAMESPACES[this.#remoteService],
        action: `/${call.action}`,
        messageId,
        to: url,
        chargeBoxIdentity: this.identity,
        ...(this.#options.localUrl ? { from: this.#options.localUrl } : {}),
      },
      definition.soap.requestElement,
      definition.request.type,
      call.payload,
    );
    let reply: HttpReply;
    try {
      reply = await (this.#options.post ?? fetchPost)(
        url,
        body,
        { 'Content-Type': `${SOAP_CONTENT_TYPE}; action="/${call.action}"`, 'Accept-Encoding': 'gzip, deflate' },
        AbortSignal.timeout(this.#options.requestTimeoutMs ?? 30_000),
      );
    } catch (error) {
      endpoint.fail(call.id, new NotConnectedError(call.action, `POST ${url} failed: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    let parsed: ParsedEnvelope;
    try {
      parsed = parseEnvelope(reply.body, this.#options.xmlLimits);
    } catch (error) {
      const reason = error instanceof EnvelopeError ? error.message : String(error);
      endpoint.fail(call.id, new OcppError('FormationViolation', `the response to ${call.action} (HTTP ${reply.status}) is not a usable envelope: ${reason}`));
      return;
    }
    const { content, headers } = parsed;
    if (headers.relatesTo !== undefined && headers.relatesTo !== messageId && headers.relatesTo !== call.id) {
      endpoint.fail(call.id, new OcppError('ProtocolError', `the response relates to ${headers.relatesTo}, not to ${messageId}`));
      return;
    }
    if (content.kind === 'fault') {
      const { fault } = content;
      endpoint.receive({ kind: 'error', id: call.id, code: fault.errorCode, description: fault.reason, details: fault.details });
    } else if (content.kind === 'response' && content.action === call.action) {
      endpoint.receive({ kind: 'result', id: call.id, payload: content.payload });
    } else {
      endpoint.fail(call.id, new OcppError('ProtocolError', `expected a ${call.action} response, got a ${content.kind} of ${content.action}`));
    }
  }
}
