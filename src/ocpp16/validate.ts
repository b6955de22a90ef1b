import type { ActionDefinition, CompiledValidator } from './action-definition.js';
import type { ErrorCode } from './error-codes.js';
import { isDateTimeWithoutOffset } from './formats.js';
import { actionRegistry } from './generated/actions.js';
import type { ErrorObject } from './validator-error.js';

/** How strictly a payload is checked. */
export interface ValidationOptions {
  /**
   * Reject fields the schema does not define (default true). With `false`, unknown fields are
   * ignored — useful with peers that add vendor fields — while everything else is still checked.
   */
  readonly strict?: boolean;
  /**
   * Accept date-times without an offset, such as `2025-01-31T10:00:00`, as some chargers send
   * them (default false: the standard requires an offset).
   */
  readonly allowMissingOffset?: boolean;
}

/** Which message of an action is validated. */
export type MessageKind = 'request' | 'response';

/** Why a payload is not a valid message, with the OCPP error code to answer with. */
export interface ValidationFailure {
  /** The CALLERROR code OCPP-J 1.6 prescribes for this violation. */
  readonly code: ErrorCode;
  /** The action validated against. */
  readonly action: string;
  /** Request or response. */
  readonly kind: MessageKind;
  /** JSON Pointer to the offending value: `""` for the payload, `/meterValue/0/timestamp`. */
  readonly path: string;
  /** The violated constraint: `required`, `type`, `enum`, `maxLength`, `format`, `unknownAction`, ... */
  readonly constraint: string;
  /** The offending value (for `required`, the object missing the field). */
  readonly value: unknown;
  /** The constraint's parameters: `{ limit: 20 }`, `{ allowedValues: [...] }`, `{ missingProperty }`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** One sentence a user can act on. */
  readonly message: string;
}

/** The outcome of validating a payload. */
export type ValidationResult = { readonly valid: true } | { readonly valid: false; readonly error: ValidationFailure };

const VALID: ValidationResult = Object.freeze({ valid: true });

// Each tolerated deviation is removed from a copy before validating again; a payload cannot
// hold more deviations than it has values, but a bound keeps a hostile payload from looping long.
const MAX_TOLERATED = 256;

/** Validates the request payload of `action` (e.g. a `BootNotification.req`). */
export function validateRequest(action: string, payload: unknown, options?: ValidationOptions): ValidationResult {
  return validateMessage(action, 'request', payload, options);
}

/** Validates the response payload of `action` (e.g. a `BootNotification.conf`). */
export function validateResponse(action: string, payload: unknown, options?: ValidationOptions): ValidationResult {
  return validateMessage(action, 'response', payload, options);
}

/**
 * Validates a request or response payload against the OCPP 1.6 schema of `action`. An unknown
 * action fails with `NotImplemented`; every violation names the error code, path, constraint
 * and value.
 */
export function validateMessage(
  action: string,
  kind: MessageKind,
  payload: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  const definition = findAction(action);
  if (!definition) {
    return {
      valid: false,
      error: {
        code: 'NotImplemented',
        action,
        kind,
        path: '',
        constraint: 'unknownAction',
        value: action,
        params: {},
        message: `"${action}" is not an OCPP 1.6 action (names are case-sensitive)`,
      },
    };
  }
  const validate = definition[kind].validate;
  if (validate(payload)) return VALID;
  return explainFailure(definition.name, kind, validate, payload, options);
}

/** The registry entry of an action, or undefined for a name OCPP 1.6 does not define. */
export function findAction(action: string): ActionDefinition | undefined {
  return Object.hasOwn(actionRegistry, action) ? actionRegistry[action as keyof typeof actionRegistry] : undefined;
}

// The slow path, taken only for invalid payloads: apply the tolerances the options allow to a
// copy of the payload, and report the first violation that is not tolerated.
function explainFailure(
  action: string,
  kind: MessageKind,
  validate: CompiledValidator,
  payload: unknown,
  options: ValidationOptions,
): ValidationResult {
  let data = payload;
  for (let tolerated = 0; tolerated <= MAX_TOLERATED; tolerated++) {
    const error = validate.errors?.[0];
    if (!error) break;
    const path = parsePointer(error.instancePath);
    const value = valueAt(data, path);
    if (options.strict === false && error.keyword === 'additionalProperties') {
      data = withChange(data, path, (object) => {
        const { [error.params.additionalProperty as string]: _ignored, ...rest } = object as Record<string, unknown>;
        return rest;
      });
    } else if (
      options.allowMissingOffset === true &&
      error.keyword === 'format' &&
      error.params.format === 'date-time' &&
      typeof value === 'string' &&
      isDateTimeWithoutOffset(value)
    ) {
      data = withChange(data, path, () => `${value}Z`);
    } else {
      return { valid: false, error: describe(action, kind, error, value) };
    }
    if (validate(data)) return VALID;
  }
  const error = validate.errors?.[0];
  return {
    valid: false,
    error: error
      ? describe(action, kind, error, valueAt(data, parsePointer(error.instancePath)))
      : {
          code: 'FormationViolation',
          action,
          kind,
          path: '',
          constraint: 'tooManyDeviations',
          value: payload,
          params: { limit: MAX_TOLERATED },
          message: `${action} ${kind}: more than ${MAX_TOLERATED} unknown fields or offset-less dates`,
        },
  };
}

function describe(action: string, kind: MessageKind, error: ErrorObject, value: unknown): ValidationFailure {
  const { keyword, params } = error;
  const path = error.instancePath;
  const where = path === '' ? 'the payload' : path;
  let code: ErrorCode = 'PropertyConstraintViolation';
  let sentence: string;
  switch (keyword) {
    case 'required':
      code = 'OccurenceConstraintViolation';
      sentence = `${where} is missing the required field "${String(params.missingProperty)}"`;
      break;
    case 'additionalProperties':
      code = 'FormationViolation';
      sentence =
        `${where} has the field "${String(params.additionalProperty)}", which the message does not define ` +
        '(validate with strict: false to ignore unknown fields)';
      break;
    case 'type':
      // A payload that is not even an object does not have the structure of the PDU at all.
      code = path === '' ? 'FormationViolation' : 'TypeConstraintViolation';
      sentence = `${where} must be ${article(String(params.type))}, got ${show(value)}`;
      break;
    case 'minItems':
    case 'maxItems':
      code = 'OccurenceConstraintViolation';
      sentence = `${where} must have ${keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} item(s), got ${(value as unknown[]).length}`;
      break;
    case 'enum':
      sentence = `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}; got ${show(value)}`;
      break;
    case 'maxLength':
      sentence = `${where} must be at most ${String(params.limit)} characters long, got ${[...String(value)].length}`;
      break;
    case 'multipleOf':
      sentence = `${where} must be a multiple of ${String(params.multipleOf)}, got ${show(value)}`;
      break;
    case 'format':
      sentence =
        params.format === 'date-time'
          ? `${where} must be an RFC 3339 date-time with offset such as 2025-01-31T10:00:00Z, got ${show(value)}`
          : `${where} must be an absolute URI such as ftp://host/file, got ${show(value)}`;
      break;
    default:
      sentence = `${where} violates "${keyword}" ${JSON.stringify(params)}, got ${show(value)}`;
  }
  return { code, action, kind, path, constraint: keyword, value, params, message: `${action} ${kind}: ${sentence}` };
}

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return typeof value === 'string' ? `the string ${shown}` : `${typeof value} ${shown}`;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

// Copy-on-write along the path, so the caller's payload is never modified.
function withChange(data: unknown, path: readonly string[], change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(data);
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(data)) {
    const copy = [...data];
    copy[Number(head)] = withChange(copy[Number(head)], rest, change);
    return copy;
  }
  const object = data as Record<string, unknown>;
  return { ...object, [head]: withChange(object[head], rest, change) };
}
