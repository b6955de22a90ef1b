/**
 * The messages the RPC core exchanges with a transport. OCPP-J turns them into frames, OCPP-S
 * into SOAP envelopes; the core never sees bytes.
 */
export type RpcMessage = CallMessage | ResultMessage | ErrorMessage;

/** A request: OCPP-J CALL, or a SOAP request. */
export interface CallMessage {
  readonly kind: 'call';
  /** Unique id (at most 36 characters) chosen by the sender. */
  readonly id: string;
  readonly action: string;
  readonly payload: unknown;
}

/** A successful response: OCPP-J CALLRESULT, or a SOAP response. */
export interface ResultMessage {
  readonly kind: 'result';
  readonly id: string;
  readonly payload: unknown;
}

/** A failed response: OCPP-J CALLERROR, or a SOAP fault. */
export interface ErrorMessage {
  readonly kind: 'error';
  readonly id: string;
  readonly code: string;
  readonly description: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * Input a transport could not turn into a message. `id` is set when the message id could be
 * recovered and `replyable` when it was a request, so the core can answer FormationViolation;
 * `ignore` marks what the protocol says to skip silently (an unknown message type).
 */
export interface BadMessage {
  readonly kind: 'bad';
  readonly reason: string;
  readonly id?: string;
  /** 2 (call), 3 (result), 4 (error), when known. */
  readonly messageType?: number;
  readonly ignore?: boolean;
  /** The raw input, shortened, for logs. */
  readonly raw: string;
}

/** What a transport hands the core: a message, or what could not be one. */
export type IncomingMessage = RpcMessage | BadMessage;
