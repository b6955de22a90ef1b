import type { BadMessage, IncomingMessage, RpcMessage } from '../../rpc/messages.js';

/** OCPP-J message type ids. */
export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;

/** The longest message id OCPP-J allows. */
export const MAX_ID_LENGTH = 36;

const RAW_LIMIT = 200;

/** Turns a message into its OCPP-J frame: `[2, id, action, payload]`, `[3, id, payload]`, `[4, id, code, description, details]`. */
export function encodeFrame(message: RpcMessage): string {
  switch (message.kind) {
    case 'call':
      return JSON.stringify([CALL, message.id, message.action, message.payload ?? {}]);
    case 'result':
      return JSON.stringify([CALLRESULT, message.id, message.payload ?? {}]);
    case 'error':
      return JSON.stringify([CALLERROR, message.id, message.code, message.description, message.details]);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses one OCPP-J frame. Anything that is not a well-formed frame becomes a `bad` message
 * that says why, with the message id and type when they could be recovered (so a malformed
 * CALL can still be answered with FormationViolation). Never throws.
 */
export function decodeFrame(text: string): IncomingMessage {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    const id = recoverId(text);
    return bad(text, 'the frame is not valid JSON', id, id === undefined ? undefined : CALL);
  }
  if (!Array.isArray(frame)) return bad(text, 'the frame is not a JSON array');
  // Index access, not destructuring: this runs for every frame, and destructuring iterates.
  const type: unknown = frame[0];
  const id: unknown = frame[1];
  if (typeof type !== 'number') return bad(text, 'the message type id is not a number');
  if (type !== CALL && type !== CALLRESULT && type !== CALLERROR) {
    return { ...bad(text, `unknown message type id ${type}`), ignore: true };
  }
  if (typeof id !== 'string') return bad(text, 'the message id is not a string', undefined, type);
  // An empty id can still be echoed, so the sender learns what is wrong.
  if (id.length === 0) return bad(text, 'the message id is empty', id, type);
  if (id.length > MAX_ID_LENGTH) return bad(text, `the message id is longer than ${MAX_ID_LENGTH} characters`, id, type);
  if (type === CALL) {
    const action: unknown = frame[2];
    const payload: unknown = frame[3];
    if (frame.length !== 4) return bad(text, `a CALL has 4 elements, this one ${frame.length}`, id, type);
    if (typeof action !== 'string' || action === '') return bad(text, 'the action is not a non-empty string', id, type);
    if (payload !== null && !isObject(payload)) return bad(text, 'the payload is not a JSON object', id, type);
    return { kind: 'call', id, action, payload };
  }
  if (type === CALLRESULT) {
    const payload: unknown = frame[2];
    if (frame.length !== 3) return bad(text, `a CALLRESULT has 3 elements, this one ${frame.length}`, id, type);
    if (payload !== null && !isObject(payload)) return bad(text, 'the payload is not a JSON object', id, type);
    return { kind: 'result', id, payload };
  }
  const code: unknown = frame[2];
  const description: unknown = frame[3];
  const details: unknown = frame[4];
  if (frame.length !== 5) return bad(text, `a CALLERROR has 5 elements, this one ${frame.length}`, id, type);
  if (typeof code !== 'string') return bad(text, 'the error code is not a string', id, type);
  if (typeof description !== 'string') return bad(text, 'the error description is not a string', id, type);
  // errorDetails must be an object; peers that send null get the benefit of the doubt.
  if (details !== null && !isObject(details)) return bad(text, 'the error details are not a JSON object', id, type);
  return { kind: 'error', id, code, description, details: details ?? {} };
}

function bad(text: string, reason: string, id?: string, messageType?: number): BadMessage {
  const raw = text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
  return {
    kind: 'bad',
    reason,
    raw,
    ...(id === undefined ? {} : { id }),
    ...(messageType === undefined ? {} : { messageType }),
  };
}

// In text that is not JSON, a CALL may still be recognisable by its start: `[2,"<id>",`.
function recoverId(text: string): string | undefined {
  const match = /^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"/.exec(text);
  return match?.[1];
}
