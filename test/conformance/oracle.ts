// Validators compiled at test time from the official OCA schemas, the way a careful peer would
// compile them: Ajv for the schema's own draft, formats enabled, strict mode off (the official
// files put additionalProperties on strings, which strict Ajv refuses).
import { Ajv, type ValidateFunction } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { readReference } from '../reference.js';

/** One official message schema and its compiled validator. */
export interface OracleMessage {
  readonly action: string;
  readonly kind: 'request' | 'response';
  readonly file: string;
  readonly schema: Record<string, unknown>;
  readonly validate: ValidateFunction;
}

// These packages are CommonJS with a `default` export; NodeNext typing sees the module object.
const AjvDraft04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

const draft04 = new AjvDraft04({ strict: false, allErrors: false });
addFormats(draft04);
const draft06Ajv = new Ajv({ strict: false, allErrors: false });
draft06Ajv.addMetaSchema(draft06);
addFormats(draft06Ajv);

/** Loads and compiles one official file: `json-schemas/BootNotification.json`, ... */
export function oracle(action: string, kind: 'request' | 'response', file: string): OracleMessage {
  const schema = JSON.parse(readReference(`ocpp16/${file}`)) as Record<string, unknown>;
  const ajv = file.startsWith('security-schemas/') ? draft06Ajv : draft04;
  const validate = ajv.getSchema(String(schema.id ?? schema.$id)) ?? ajv.compile(schema);
  return { action, kind, file, schema, validate };
}

/** The official file of a message: core 1.6 or Security White Paper. */
export function officialFile(action: string, kind: 'request' | 'response', security: boolean): string {
  const name = kind === 'request' ? action : `${action}Response`;
  return `${security ? 'security-schemas' : 'json-schemas'}/${name}.json`;
}
