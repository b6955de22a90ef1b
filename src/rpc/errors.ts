import { isErrorCode, type ErrorCode } from '../ocpp16/error-codes.js';
import type { ValidationFailure } from '../ocpp16/validate.js';

// OCPP 2.x spellings some 1.6 peers send, and the 1.6 code each one means.
const SPELLINGS_2X: Readonly<Record<string, ErrorCode>> = {
  FormatViolation: 'FormationViolation',
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  RpcFrameworkError: 'GenericError',
  MessageTypeNotSupported: 'NotImplemented',
};

/**
 * An OCPP error: what a CALLERROR (OCPP-J) or SOAP fault (OCPP-S) carries. Throw it from a
 * handler to answer with that code; a call whose peer answered with an error rejects with it.
 */
export class OcppError extends Error {
  override readonly name = 'OcppError';
  /** The code as sent or received, e.g. `NotSupported` — a received one is kept verbatim. */
  readonly code: string;
  /**
   * The OCPP 1.6 code: `code` itself when it is one, the 1.6 equivalent of a 2.x spelling
   * (`FormatViolation` -> `FormationViolation`), or `GenericError` for an unknown code.
   */
  readonly ocppCode: ErrorCode;
  /** The error description (`""` when there is nothing to say). */
  readonly description: string;
  /** The error details; always an object. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode | (string & {}), description = '', details: Record<string, unknown> = {}) {
    super(description === '' ? code : `${code}: ${description}`);
    this.code = code;
    this.ocppCode = isErrorCode(code) ? code : (SPELLINGS_2X[code] ?? 'GenericError');
    this.description = description;
    this.details = details;
  }
}

/** A call's payload, or the response to it, is not a valid OCPP 1.6 message. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
  /** Why the payload is invalid: code, path, constraint, value. */
  readonly failure: ValidationFailure;

  constructor(failure: ValidationFailure, whose: 'our' | 'the peer’s') {
    super(`${whose} ${failure.message}`);
    this.failure = failure;
  }
}

/** No response arrived within the call's timeout. */
export class CallTimeoutError extends Error {
  override readonly name = 'CallTimeoutError';
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`no response to ${action} within ${timeoutMs} ms`);
  }
}

/** The outgoing queue is full; the call was not sent. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
  constructor(
    readonly action: string,
    readonly limit: number,
  ) {
    super(`cannot queue ${action}: ${limit} calls are already waiting (raise maxQueuedCalls or slow down)`);
  }
}

/** The connection is closed (or closed while the call was pending). */
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
  constructor(readonly action: string, reason = 'the connection is closed') {
    super(`${action} not answered: ${reason}`);
  }
}
