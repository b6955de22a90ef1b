// Generates a corpus of payloads for one message from a JSON schema (the official one): a
// minimal and a maximal valid payload, then one mutation of the maximal payload per field and
// constraint. Every case is judged by both validators; the corpus itself asserts nothing.

/** The kinds of case the corpus holds. */
export type CaseKind =
  | 'minimal'
  | 'maximal'
  | 'notAnObject'
  | 'missingRequired'
  | 'wrongType'
  | 'integerVsDecimal'
  | 'enumViolation'
  | 'atMaxLength'
  | 'overMaxLength'
  | 'format'
  | 'multipleOf'
  | 'extraProperty'
  | 'emptyArray'
  | 'oversizedArray';

/** One payload to validate. */
export interface CorpusCase {
  readonly kind: CaseKind;
  /** Where the mutation is, and what it is. */
  readonly label: string;
  readonly payload: unknown;
}

type Schema = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  maxLength?: number;
  minItems?: number;
  format?: string;
  multipleOf?: number;
  $ref?: string;
};

const OVERSIZED = 200;

/** Builds the corpus of one message from its schema document (refs resolved within it). */
export function buildCorpus(document: Schema): CorpusCase[] {
  const resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const path = schema.$ref.replace(/^#\//, '').split('/');
    let node: unknown = document;
    for (const segment of path) node = (node as Record<string, unknown>)[segment];
    return resolve(node as Schema);
  };
  const cases: CorpusCase[] = [];
  const add = (kind: CaseKind, label: string, payload: unknown) => cases.push({ kind, label, payload });

  const minimal = build(document, resolve, false);
  const maximal = build(document, resolve, true);
  add('minimal', 'minimal payload', minimal);
  add('maximal', 'maximal payload', maximal);
  for (const [label, payload] of [['null', null], ['array', []], ['string', 'x'], ['number', 1]] as const) {
    add('notAnObject', `payload is ${label}`, payload);
  }

  const visit = (schema: Schema, path: (string | number)[]) => {
    const s = resolve(schema);
    const at = `/${path.join('/')}`;
    const set = (value: unknown) => setAt(maximal, path, value);
    if (s.type === 'object') {
      add('extraProperty', `extra property at ${at}`, set({ ...(getAt(maximal, path) as object), vendorExtra: 1 }));
      for (const name of s.required ?? []) {
        const { [name]: _removed, ...rest } = getAt(maximal, path) as Record<string, unknown>;
        add('missingRequired', `${at} without ${name}`, set(rest));
      }
      if (path.length > 0) {
        add('wrongType', `${at} as string`, set('x'));
        add('wrongType', `${at} as array`, set([]));
      }
      for (const [name, sub] of Object.entries(s.properties ?? {})) visit(sub, [...path, name]);
      return;
    }
    if (s.type === 'array') {
      const item = getAt(maximal, [...path, 0]);
      add('emptyArray', `${at} empty`, set([]));
      add('oversizedArray', `${at} with ${OVERSIZED} items`, set(Array.from({ length: OVERSIZED }, () => item)));
      add('wrongType', `${at} as object`, set({}));
      add('wrongType', `${at} as string`, set('x'));
      visit(s.items as Schema, [...path, 0]);
      return;
    }
    if (s.type === 'string') {
      add('wrongType', `${at} as number`, set(42));
      add('wrongType', `${at} as null`, set(null));
      if (s.enum) {
        add('enumViolation', `${at} not in enum`, set('NotAnOcppValue'));
        add('enumViolation', `${at} in wrong case`, set(String(s.enum[0]).toUpperCase()));
        for (const value of s.enum) add('enumViolation', `${at} = ${String(value)}`, set(value));
      }
      if (s.maxLength !== undefined) {
        add('atMaxLength', `${at} at ${s.maxLength} characters`, set('x'.repeat(s.maxLength)));
        add('atMaxLength', `${at} at ${s.maxLength} astral characters`, set('\u{1F50C}'.repeat(s.maxLength)));
        add('overMaxLength', `${at} at ${s.maxLength + 1} characters`, set('x'.repeat(s.maxLength + 1)));
      }
      if (s.format === 'date-time') {
        for (const value of DATE_TIMES) add('format', `${at} = ${value}`, set(value));
      }
      if (s.format === 'uri') {
        for (const value of URIS) add('format', `${at} = ${value}`, set(value));
      }
      return;
    }
    if (s.type === 'integer') {
      add('wrongType', `${at} as string`, set('1'));
      add('wrongType', `${at} as boolean`, set(true));
      add('integerVsDecimal', `${at} = 1.5`, set(1.5));
      add('integerVsDecimal', `${at} = 2.0`, set(2.0));
      add('integerVsDecimal', `${at} = -7`, set(-7));
      return;
    }
    if (s.type === 'number') {
      add('wrongType', `${at} as string`, set('1.5'));
      add('integerVsDecimal', `${at} = 16 (an integer)`, set(16));
      if (s.multipleOf !== undefined) {
        for (const value of [8.1, 0.3, 7.4, 32.7, 8.15, 0.05]) add('multipleOf', `${at} = ${value}`, set(value));
      }
      return;
    }
    if (s.type === 'boolean') {
      add('wrongType', `${at} as string`, set('true'));
      add('wrongType', `${at} as number`, set(1));
    }
  };
  visit(document, []);
  return cases;
}

const DATE_TIMES = [
  '2025-01-31T10:00:00Z',
  '2025-01-31T10:00:00.123Z',
  '2025-01-31T10:00:00.123456789+01:00',
  '2025-01-31t10:00:00z',
  '2025-01-31T10:00:00-05:30',
  '2025-01-31T10:00:00',
  '2025-02-30T10:00:00Z',
  '2024-02-29T23:59:59Z',
  '2025-01-31T24:00:00Z',
  '2025-01-31',
  'yesterday',
  '',
];

const URIS = ['ftp://user:pass@files.example.com/fw/2.1.bin', 'https://example.com/upload?id=1', 'not a uri', '/relative/path', ''];

// The payload a schema describes: minimal has required fields only, maximal every field with
// arrays of two items and strings at their maximum length.
function build(schema: Schema, resolve: (s: Schema) => Schema, full: boolean): unknown {
  const s = resolve(schema);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        if (full || required.has(name)) out[name] = build(sub, resolve, full);
      }
      return out;
    }
    case 'array': {
      const count = full ? 2 : (s.minItems ?? 0);
      return Array.from({ length: count }, () => build(s.items as Schema, resolve, full));
    }
    case 'string':
      if (s.enum) return s.enum[full ? s.enum.length - 1 : 0];
      if (s.format === 'date-time') return '2025-01-31T10:00:00Z';
      if (s.format === 'uri') return 'https://example.com/file';
      return full && s.maxLength !== undefined ? 'm'.repeat(s.maxLength) : 'value';
    case 'integer':
      return full ? 2147483647 : 1;
    case 'number':
      return full ? 12.5 : 16;
    case 'boolean':
      return full;
    default:
      throw new Error(`corpus: no example for ${JSON.stringify(s)}`);
  }
}

function getAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], data);
}

function setAt(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(data)) {
    const copy = [...data];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const object = data as Record<string, unknown>;
  return { ...object, [head]: setAt(object[head], rest, value) };
}
