import { isErrorCode, type ErrorCode } from '../../ocpp16/error-codes.js';

/** The OCPP-S fault subcodes (in the OCPP namespace). */
export type FaultSubcode = 'SecurityError' | 'IdentityMismatch' | 'ProtocolError' | 'InternalError' | 'NotSupported';

/** A SOAP 1.2 fault as OCPP-S uses it. */
export interface SoapFault {
  /** `Sender` (the request was wrong: HTTP 400) or `Receiver` (processing failed: HTTP 500). */
  readonly code: 'Sender' | 'Receiver';
  readonly subcode: FaultSubcode;
  /** The human-readable reason. */
  readonly reason: string;
  /**
   * The error code as the JSON side knows it (`OccurenceConstraintViolation`, ...), carried in
   * the fault's Detail so an OCPP-J <-> OCPP-S round trip loses nothing.
   */
  readonly errorCode: string;
  readonly details: Readonly<Record<string, unknown>>;
}

const SUBCODE: Record<ErrorCode, { code: 'Sender' | 'Receiver'; subcode: FaultSubcode }> = {
  NotImplemented: { code: 'Receiver', subcode: 'NotSupported' },
  NotSupported: { code: 'Receiver', subcode: 'NotSupported' },
  InternalError: { code: 'Receiver', subcode: 'InternalError' },
  GenericError: { code: 'Receiver', subcode: 'InternalError' },
  ProtocolError: { code: 'Sender', subcode: 'ProtocolError' },
  FormationViolation: { code: 'Sender', subcode: 'ProtocolError' },
  PropertyConstraintViolation: { code: 'Sender', subcode: 'ProtocolError' },
  OccurenceConstraintViolation: { code: 'Sender', subcode: 'ProtocolError' },
  TypeConstraintViolation: { code: 'Sender', subcode: 'ProtocolError' },
  SecurityError: { code: 'Sender', subcode: 'SecurityError' },
};

/** The fault for an OCPP error code (PROTOCOL.md section 2); `IdentityMismatch` maps to itself. */
export function faultFor(errorCode: string, reason: string, details: Readonly<Record<string, unknown>> = {}): SoapFault {
  if (errorCode === 'IdentityMismatch') return { code: 'Sender', subcode: 'IdentityMismatch', reason, errorCode, details };
  const mapped = isErrorCode(errorCode) ? SUBCODE[errorCode] : SUBCODE.GenericError;
  return { ...mapped, reason, errorCode, details };
}

/** The HTTP status a fault travels with. */
export function faultStatus(fault: SoapFault): number {
  return fault.code === 'Sender' ? 400 : 500;
}

/** The OCPP error code a received fault stands for: its Detail's code, else its subcode. */
export function errorCodeOfFault(subcode: string | undefined, detailCode: string | undefined): string {
  if (detailCode) return detailCode;
  return subcode ?? 'GenericError';
}
