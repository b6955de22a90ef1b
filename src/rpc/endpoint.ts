import { systemClock, type Clock } from '../clock.js';
import { Emitter } from '../events.js';
import type { ActionDefinition } from '../ocpp16/action-definition.js';
import type { ErrorCode } from '../ocpp16/error-codes.js';
import { findAction, validateMessage, type MessageKind } from '../ocpp16/validate.js';
import { CallTimeoutError, InvalidMessageError, NotConnectedError, OcppError, QueueFullError } from './errors.js';
import { createIdGenerator } from './ids.js';
import type { BadMessage, CallMessage, ErrorMessage, IncomingMessage, ResultMessage, RpcMessage } from './messages.js';
import { ValidationPolicy, type ValidationDirection, type ValidationSettings } from './validation-policy.js';

/** The transport side of one connection, as the RPC core sees it. */
export interface RpcConnection {
  /** Sends one message; throws when the connection cannot send any more. */
  send(message: RpcMessage): void;
  /** Closes the connection (the transport reports the close by detaching the endpoint). */
  close(code?: number, reason?: string): void;
}

/** What a handler learns about the call it answers. */
export interface HandlerContext {
  /** The action called. */
  readonly action: string;
  /** The id of the incoming call. */
  readonly messageId: string;
  /** Aborted when the connection closes before the handler is done: stop work, nobody listens. */
  readonly signal: AbortSignal;
}

/** Answers one incoming call: return the response payload, or throw an {@link OcppError}. */
export type Handler<Req = unknown, Res = unknown, Ctx extends HandlerContext = HandlerContext> = (
  request: Req,
  context: Ctx,
) => Res | Promise<Res>;

/** Per-call options. */
export interface CallOptions {
  /** Milliseconds to wait for the response once the call is sent (default: the endpoint's). */
  readonly timeoutMs?: number;
  /** Cancels the call: a queued call is never sent, a sent one stops waiting. */
  readonly signal?: AbortSignal;
}

/** How the RPC core behaves. Every field has a default. */
export interface EndpointOptions {
  /** Time source for timeouts (default: the system clock). */
  readonly clock?: Clock;
  /** Default call timeout in milliseconds (default 30 000). */
  readonly callTimeoutMs?: number;
  /** Own calls in flight at once (default 1, as OCPP 1.6 prescribes). */
  readonly maxCallsInFlight?: number;
  /** Own calls waiting to be sent; one more is rejected with {@link QueueFullError} (default 1000). */
  readonly maxQueuedCalls?: number;
  /** Malformed messages a connection may send before it is closed (default 10). */
  readonly maxBadMessages?: number;
  /** What is validated, how strictly (default: everything, strictly); a policy may be shared. */
  readonly validation?: ValidationSettings | ValidationPolicy;
  /** Makes message ids (default: `crypto.randomUUID`). */
  readonly newId?: () => string;
}

/** Events of the RPC core, for logging and measuring. */
export interface EndpointEvents {
  /** A call was sent (`out`) or received (`in`). */
  call: { readonly direction: 'in' | 'out'; readonly id: string; readonly action: string; readonly payload: unknown };
  /** A call was answered successfully, by us (`in`) or by the peer (`out`). */
  result: {
    readonly direction: 'in' | 'out';
    readonly id: string;
    readonly action: string;
    readonly payload: unknown;
    readonly durationMs: number;
  };
  /** A call failed: the peer's CALLERROR (`out`), or the error we answered with (`in`). */
  error: { readonly direction: 'in' | 'out'; readonly id: string; readonly action: string; readonly error: Error };
  /** A handler threw something other than an OcppError; the peer got InternalError. */
  handlerError: { readonly id: string; readonly action: string; readonly error: unknown };
  /** An own call got no response in time. */
  timeout: { readonly id: string; readonly action: string; readonly timeoutMs: number };
  /** The peer sent something that is not an OCPP-J message. */
  badMessage: { readonly reason: string; readonly raw: string; readonly id?: string; readonly count: number };
  /** A response arrived for no pending call (late after a timeout, or never sent): dropped. */
  unmatchedResponse: { readonly id: string; readonly kind: 'result' | 'error' };
  /** A listener threw; the protocol work went on. */
  listenerError: { readonly event: PropertyKey; readonly error: unknown };
}

interface PendingCall {
  readonly id: string;
  readonly action: string;
  readonly definition: ActionDefinition | undefined;
  readonly payload: unknown;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  onAbort: (() => void) | undefined;
  sentAt: number;
  deadline: number;
}

interface InboundCall {
  readonly action: string;
  controller: AbortController | undefined;
  done: boolean;
}

const NO_DETAILS: Readonly<Record<string, unknown>> = Object.freeze({});

// Ids only need to be unique per connection; one generator serves every endpoint.
const defaultNewId = createIdGenerator();

/** The context handed to handlers; the signal is made only if a handler asks for it. */
class CallContext implements HandlerContext {
  readonly action: string;
  readonly messageId: string;
  readonly #inbound: InboundCall;

  constructor(extras: Readonly<Record<string, unknown>>, action: string, messageId: string, inbound: InboundCall) {
    this.action = action;
    this.messageId = messageId;
    this.#inbound = inbound;
    if (extras !== NO_DETAILS) Object.assign(this, extras);
  }

  get signal(): AbortSignal {
    this.#inbound.controller ??= new AbortController();
    return this.#inbound.controller.signal;
  }
}

/**
 * The transport-agnostic RPC core of one side of one connection: correlates calls and
 * responses by id, sends one call at a time (configurable) and queues the rest, applies
 * timeouts and aborts, validates in four places, dispatches incoming calls to handlers and maps
 * failures to the exact OCPP 1.6 error codes. It knows nothing of sockets or XML: a transport
 * hands it {@link IncomingMessage}s and sends what it gives back.
 */
export class RpcEndpoint extends Emitter<EndpointEvents> {
  readonly #clock: Clock;
  readonly #callTimeoutMs: number;
  readonly #maxInFlight: number;
  readonly #maxQueued: number;
  readonly #maxBadMessages: number;
  readonly #policy: ValidationPolicy;
  readonly #newId: () => string;
  // Created when first needed: a central system holds one endpoint per charge point, most of
  // them idle, and empty maps are not free.
  #handlers: Map<string, Handler> | undefined;
  #fallback: ((action: string) => Handler | undefined) | undefined;
  #contextExtras: Readonly<Record<string, unknown>> = NO_DETAILS;

  #connection: RpcConnection | undefined;
  #pending: Map<string, PendingCall> | undefined;
  #queue: PendingCall[] | undefined;
  #inFlight = 0;
  // One timer per endpoint, armed for the earliest deadline of the calls in flight, instead of
  // one timer per call: answered calls leave it alone, and it re-arms itself when it fires.
  #timer: unknown;
  #timerAt = Infinity;
  #inbound: Map<string, InboundCall> | undefined;
  #badMessages = 0;

  constructor(options: EndpointOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#callTimeoutMs = options.callTimeoutMs ?? 30_000;
    this.#maxInFlight = Math.max(1, options.maxCallsInFlight ?? 1);
    this.#maxQueued = options.maxQueuedCalls ?? 1000;
    this.#maxBadMessages = options.maxBadMessages ?? 10;
    this.#policy =
      options.validation instanceof ValidationPolicy ? options.validation : new ValidationPolicy(options.validation);
    this.#newId = options.newId ?? defaultNewId;
  }

  /** True while a connection is attached. */
  get connected(): boolean {
    return this.#connection !== undefined;
  }

  /** Own calls sent and not yet answered. */
  get callsInFlight(): number {
    return this.#inFlight;
  }

  /** Own calls waiting for a free slot. */
  get callsQueued(): number {
    return this.#queue?.length ?? 0;
  }

  /** Registers the handler of incoming calls of `action`, replacing an earlier one. */
  handle(action: string, handler: Handler): void {
    (this.#handlers ??= new Map()).set(action, handler);
  }

  /** Removes the handler of `action`; its calls are answered NotSupported again. */
  removeHandler(action: string): void {
    this.#handlers?.delete(action);
  }

  /** Consulted for actions without a handler of their own (roles use it for shared handlers). */
  setFallbackHandler(fallback: ((action: string) => Handler | undefined) | undefined): void {
    this.#fallback = fallback;
  }

  /**
   * Fields every handler context of this endpoint carries besides action, message id and
   * signal (roles add `session`, `identity`, `chargePoint`).
   */
  setContextExtras(extras: Readonly<Record<string, unknown>>): void {
    this.#contextExtras = extras;
  }

  /** Starts using a connection; the endpoint sends nothing before. */
  attach(connection: RpcConnection): void {
    if (this.#connection) this.detach('replaced by a new connection');
    this.#connection = connection;
    this.#badMessages = 0;
  }

  /**
   * Stops using the connection: pending and queued calls reject with {@link NotConnectedError},
   * running handlers see their signal aborted and their answers are dropped.
   */
  detach(reason = 'the connection closed'): void {
    if (!this.#connection) return;
    this.#connection = undefined;
    const calls = [...(this.#pending?.values() ?? []), ...(this.#queue ?? [])];
    this.#pending?.clear();
    if (this.#queue) this.#queue.length = 0;
    this.#inFlight = 0;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
    for (const call of calls) this.#settle(call, new NotConnectedError(call.action, reason));
    for (const inbound of this.#inbound?.values() ?? []) {
      inbound.done = true;
      // The handler's signal says which call can no longer be answered, and why.
      inbound.controller?.abort(new NotConnectedError(inbound.action, reason));
    }
    this.#inbound?.clear();
  }

  /**
   * Sends a call and resolves with the peer's response payload. Rejects with
   * {@link OcppError} (the peer's CALLERROR), {@link CallTimeoutError},
   * {@link InvalidMessageError} (our request or the peer's response is invalid),
   * {@link QueueFullError}, {@link NotConnectedError}, or the signal's reason.
   */
  call(action: string, payload: unknown, options?: CallOptions): Promise<unknown> {
    if (!this.#connection) return Promise.reject(new NotConnectedError(action, 'not connected'));
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const body = payload ?? {};
    const definition = findAction(action);
    const check = this.#check(action, 'request', 'outgoingRequest', body, definition);
    if (check) return Promise.reject(new InvalidMessageError(check, 'our'));
    if (this.#inFlight >= this.#maxInFlight && (this.#queue?.length ?? 0) >= this.#maxQueued) {
      return Promise.reject(new QueueFullError(action, this.#maxQueued));
    }
    return new Promise((resolve, reject) => {
      const call: PendingCall = {
        id: this.#newId(),
        action,
        definition,
        payload: body,
        timeoutMs: options?.timeoutMs ?? this.#callTimeoutMs,
        signal,
        resolve,
        reject,
        onAbort: undefined,
        sentAt: 0,
        deadline: 0,
      };
      if (signal) {
        call.onAbort = () => this.#abort(call);
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      if (this.#inFlight < this.#maxInFlight) this.#send(call);
      else (this.#queue ??= []).push(call);
    });
  }

  /**
   * Fails one sent call because the transport cannot deliver it or its answer (an HTTP request
   * that failed, say). Unknown ids are ignored: the call has already ended.
   */
  fail(id: string, error: Error): void {
    const call = this.#pending?.get(id);
    if (!call) return;
    this.#finish(call);
    if (this.listens('error')) this.emit('error', { direction: 'out', id, action: call.action, error });
    this.#settle(call, error);
  }

  /** Feeds one message from the transport into the core. */
  receive(message: IncomingMessage): void {
    switch (message.kind) {
      case 'call':
        this.#onCall(message);
        return;
      case 'result':
      case 'error':
        this.#onResponse(message);
        return;
      case 'bad':
        this.#onBadMessage(message);
    }
  }

  #send(call: PendingCall): void {
    const connection = this.#connection;
    if (!connection) {
      this.#settle(call, new NotConnectedError(call.action));
      return;
    }
    // Registered before sending, so a response can never arrive for an unknown id.
    (this.#pending ??= new Map()).set(call.id, call);
    this.#inFlight++;
    call.sentAt = this.#clock.now();
    call.deadline = call.sentAt + call.timeoutMs;
    if (call.deadline < this.#timerAt) this.#armTimer(call.deadline);
    try {
      connection.send({ kind: 'call', id: call.id, action: call.action, payload: call.payload });
    } catch (error) {
      this.#finish(call);
      this.#settle(call, new NotConnectedError(call.action, error instanceof Error ? error.message : String(error)));
      return;
    }
    if (this.listens('call')) this.emit('call', { direction: 'out', id: call.id, action: call.action, payload: call.payload });
  }

  // Frees the call's slot and sends the next queued call.
  #finish(call: PendingCall): void {
    if (this.#pending?.delete(call.id)) this.#inFlight--;
    const queue = this.#queue;
    while (queue && this.#inFlight < this.#maxInFlight && queue.length > 0) this.#send(queue.shift()!);
  }

  #armTimer(at: number): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = this.#clock.setTimeout(() => this.#expire(), Math.max(0, at - this.#clock.now()));
  }

  // Times out every call whose deadline has passed, then re-arms for the next deadline.
  #expire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#clock.now();
    let next = Infinity;
    for (const call of [...(this.#pending?.values() ?? [])]) {
      if (call.deadline <= now) this.#timeout(call);
      else if (call.deadline < next) next = call.deadline;
    }
    // Calls sent by the timeouts above armed their own deadlines already.
    if (next < this.#timerAt) this.#armTimer(next);
  }

  #settle(call: PendingCall, error: unknown, value?: unknown): void {
    if (call.onAbort) call.signal!.removeEventListener('abort', call.onAbort);
    if (error === undefined) call.resolve(value);
    else call.reject(error);
  }

  #timeout(call: PendingCall): void {
    if (this.#pending?.get(call.id) !== call) return;
    this.#finish(call);
    if (this.listens('timeout')) this.emit('timeout', { id: call.id, action: call.action, timeoutMs: call.timeoutMs });
    this.#settle(call, new CallTimeoutError(call.action, call.timeoutMs));
  }

  #abort(call: PendingCall): void {
    const queued = this.#queue?.indexOf(call) ?? -1;
    if (queued >= 0) this.#queue!.splice(queued, 1);
    else if (this.#pending?.get(call.id) === call) this.#finish(call);
    else return;
    call.onAbort = undefined;
    call.reject(call.signal!.reason);
  }

  #onResponse(message: ResultMessage | ErrorMessage): void {
    const call = this.#pending?.get(message.id);
    if (!call) {
      if (this.listens('unmatchedResponse')) this.emit('unmatchedResponse', { id: message.id, kind: message.kind });
      return;
    }
    this.#finish(call);
    if (message.kind === 'error') {
      const error = new OcppError(message.code, message.description, { ...message.details });
      if (this.listens('error')) this.emit('error', { direction: 'out', id: call.id, action: call.action, error });
      this.#settle(call, error);
      return;
    }
    const payload = message.payload ?? {};
    const failure = this.#check(call.action, 'response', 'incomingResponse', payload, call.definition);
    if (failure) {
      const error = new InvalidMessageError(failure, 'the peer’s');
      if (this.listens('error')) this.emit('error', { direction: 'out', id: call.id, action: call.action, error });
      this.#settle(call, error);
      return;
    }
    if (this.listens('result')) {
      const durationMs = this.#clock.now() - call.sentAt;
      this.emit('result', { direction: 'out', id: call.id, action: call.action, payload, durationMs });
    }
    this.#settle(call, undefined, payload);
  }

  #onCall(message: CallMessage): void {
    const { id, action } = message;
    if (this.#inbound?.has(id)) {
      this.#answerError(id, action, 'ProtocolError', `a call with id "${id}" is already being handled`);
      return;
    }
    const payload = message.payload ?? {};
    if (this.listens('call')) this.emit('call', { direction: 'in', id, action, payload });
    const definition = findAction(action);
    if (!definition) {
      this.#answerError(id, action, 'NotImplemented', `"${action}" is not an OCPP 1.6 action`);
      return;
    }
    const failure = this.#check(action, 'request', 'incomingRequest', payload, definition);
    if (failure) {
      this.#answerError(id, action, failure.code, failure.message, {
        path: failure.path,
        constraint: failure.constraint,
      });
      return;
    }
    const handler = this.#handlers?.get(action) ?? this.#fallback?.(action);
    if (!handler) {
      this.#answerError(id, action, 'NotSupported', `${action} is not supported here`);
      return;
    }
    const inbound: InboundCall = { action, controller: undefined, done: false };
    const context = new CallContext(this.#contextExtras, action, id, inbound);
    const startedAt = this.listens('result') ? this.#clock.now() : 0;
    let outcome: unknown;
    try {
      outcome = handler(payload, context);
    } catch (error) {
      this.#answerFailure(id, action, inbound, error);
      return;
    }
    if (outcome instanceof Promise) {
      // Only a call still being handled when the next message arrives can collide with a
      // duplicate id; a handler that answered synchronously is already done.
      (this.#inbound ??= new Map()).set(id, inbound);
      outcome.then(
        (response) => this.#answerResult(id, action, inbound, response, startedAt, definition),
        (error) => this.#answerFailure(id, action, inbound, error),
      );
    } else this.#answerResult(id, action, inbound, outcome, startedAt, definition);
  }

  #answerResult(
    id: string,
    action: string,
    inbound: InboundCall,
    response: unknown,
    startedAt: number,
    definition: ActionDefinition,
  ): void {
    if (inbound.done) return;
    const payload = response ?? {};
    const failure = this.#check(action, 'response', 'outgoingResponse', payload, definition);
    if (failure) {
      this.#answerFailure(id, action, inbound, new InvalidMessageError(failure, 'our'));
      return;
    }
    this.#release(id, inbound);
    if (!this.#sendSafely({ kind: 'result', id, payload })) return;
    if (this.listens('result')) {
      this.emit('result', { direction: 'in', id, action, payload, durationMs: this.#clock.now() - startedAt });
    }
  }

  #answerFailure(id: string, action: string, inbound: InboundCall, error: unknown): void {
    if (inbound.done) return;
    this.#release(id, inbound);
    if (error instanceof OcppError) {
      // Whatever spelling the handler used, a 1.6 peer gets the 1.6 code.
      this.#answerError(id, action, error.ocppCode, error.description, { ...error.details });
      return;
    }
    if (this.listens('handlerError')) this.emit('handlerError', { id, action, error });
    // Never the error's message or stack: they may reveal internals to the peer.
    this.#answerError(id, action, 'InternalError', 'the request could not be processed');
  }

  #release(id: string, inbound: InboundCall): void {
    inbound.done = true;
    if (this.#inbound?.get(id) === inbound) this.#inbound.delete(id);
  }

  #answerError(
    id: string,
    action: string,
    code: ErrorCode,
    description: string,
    details: Record<string, unknown> = NO_DETAILS,
  ): void {
    if (!this.#sendSafely({ kind: 'error', id, code, description, details })) return;
    if (this.listens('error')) {
      this.emit('error', { direction: 'in', id, action, error: new OcppError(code, description, details) });
    }
  }

  // An answer that cannot be sent any more has nobody to go to: drop it.
  #sendSafely(message: RpcMessage): boolean {
    if (!this.#connection) return false;
    try {
      this.#connection.send(message);
      return true;
    } catch {
      return false;
    }
  }

  #onBadMessage(message: BadMessage): void {
    const count = message.ignore ? this.#badMessages : ++this.#badMessages;
    if (this.listens('badMessage')) {
      this.emit('badMessage', {
        reason: message.reason,
        raw: message.raw,
        count,
        ...(message.id === undefined ? {} : { id: message.id }),
      });
    }
    if (message.ignore) return;
    if (message.id !== undefined) {
      if (message.messageType === 2) {
        this.#sendSafely({ kind: 'error', id: message.id, code: 'FormationViolation', description: message.reason, details: NO_DETAILS });
      } else {
        // A malformed answer to a pending call fails that call now rather than at its timeout.
        const call = this.#pending?.get(message.id);
        if (call) {
          this.#finish(call);
          this.#settle(call, new OcppError('FormationViolation', `the peer's response is malformed: ${message.reason}`));
        }
      }
    }
    if (count >= this.#maxBadMessages) this.#connection?.close(1008, `${count} malformed messages`);
  }

  // Validates unless the policy skips this action and direction; returns the failure, if any.
  // The precompiled validator runs first; only an invalid payload pays for the explanation.
  #check(
    action: string,
    kind: MessageKind,
    direction: ValidationDirection,
    payload: unknown,
    definition: ActionDefinition | undefined = findAction(action),
  ) {
    const options = this.#policy.resolve(action, direction);
    if (options === false) return undefined;
    if (definition?.[kind].validate(payload)) return undefined;
    const result = validateMessage(action, kind, payload, options);
    return result.valid ? undefined : result.error;
  }
}
