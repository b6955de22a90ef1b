/**
 * The CALLERROR codes of OCPP-J 1.6, spelled exactly as the standard spells them — including
 * `FormationViolation` and `OccurenceConstraintViolation`, whose typos 1.6 keeps.
 */
export const ERROR_CODES = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;

/** A CALLERROR code valid on an OCPP 1.6 connection. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const known: ReadonlySet<string> = new Set(ERROR_CODES);

/** True when `code` is one of the ten OCPP 1.6 error codes, spelled as 1.6 spells it. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && known.has(code);
}
