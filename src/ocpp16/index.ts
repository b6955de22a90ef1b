// The OCPP 1.6 message model: generated types, validators and action registry, and the typed
// maps and validation API built on them.
export type * from './generated/types.js';
export { actionRegistry, soapTypes } from './generated/actions.js';
export type { ActionTypes } from './generated/actions.js';
export type { Action, Request, Response, ChargePointAction, CentralSystemAction, ProfileAction } from './actions.js';
export type {
  ActionDefinition,
  CompiledValidator,
  FeatureProfile,
  MessageDefinition,
  Sender,
  SoapBaseType,
  SoapBinding,
  SoapComplexType,
  SoapField,
} from './action-definition.js';
export type { ErrorObject } from './validator-error.js';
export { ERROR_CODES, isErrorCode } from './error-codes.js';
export type { ErrorCode } from './error-codes.js';
export { isDateTime, isUri } from './formats.js';
export { findAction, validateMessage, validateRequest, validateResponse } from './validate.js';
export type { MessageKind, ValidationFailure, ValidationOptions, ValidationResult } from './validate.js';
