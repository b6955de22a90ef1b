// Oracle conformance: for every message, our precompiled validator and a validator compiled
// from the official OCA schema must give the same verdict on every corpus case, except where
// a row of the errata table explains the difference.
import { describe, expect, it } from 'vitest';
import { actionRegistry } from '../../src/index.js';
import { buildCorpus, type CaseKind, type CorpusCase } from './corpus.js';
import { ERRATA, type Difference } from './errata.js';
import { officialFile, oracle } from './oracle.js';
import { ourMessageSchema } from './our-schemas.js';

const KINDS = ['request', 'response'] as const;
const actions = Object.values(actionRegistry);

interface MessageReport {
  readonly message: string;
  readonly cases: number;
  readonly kinds: ReadonlySet<CaseKind>;
  readonly differences: Difference[];
}

function compare(action: (typeof actions)[number], kind: 'request' | 'response', file: string): MessageReport {
  const official = oracle(action.name, kind, file);
  const ours = action[kind].validate;
  const message = `${action.name}.${kind}`;
  // Cases from both documents: the official one covers every official field and constraint,
  // ours would reveal a field or constraint we added.
  const cases: CorpusCase[] = [...buildCorpus(official.schema), ...buildCorpus(ourMessageSchema(action[kind].type))];
  const differences: Difference[] = [];
  for (const c of cases) {
    const officialValid = official.validate(c.payload) as boolean;
    const oursValid = ours(c.payload);
    if (officialValid !== oursValid) {
      differences.push({
        message,
        kind: c.kind,
        label: c.label,
        oursValid,
        officialValid,
        officialKeyword: official.validate.errors?.[0]?.keyword,
      });
    }
  }
  return { message, cases: cases.length, kinds: new Set(cases.map((c) => c.kind)), differences };
}

const reports: MessageReport[] = [];
for (const action of actions) {
  for (const kind of KINDS) {
    reports.push(compare(action, kind, officialFile(action.name, kind, action.profile === 'Security')));
  }
}

describe('validators agree with the official OCPP 1.6 schemas', () => {
  it('covers all 78 messages of the 39 actions', () => {
    expect(actions).toHaveLength(39);
    expect(reports).toHaveLength(78);
  });

  for (const report of reports) {
    it(`${report.message}: ${report.cases} cases, every difference explained by the errata table`, () => {
      const unexplained = report.differences.filter((d) => !ERRATA.some((row) => row.explains(d)));
      expect(unexplained).toEqual([]);
      // The corpus is generated, so check it holds the case kinds every message must have.
      for (const kind of ['minimal', 'maximal', 'notAnObject', 'extraProperty'] as const) {
        expect(report.kinds.has(kind), kind).toBe(true);
      }
    });
  }

  it('every errata row explains at least one difference, and only in the messages it names', () => {
    const all = reports.flatMap((r) => r.differences);
    for (const row of ERRATA) {
      const explained = all.filter((d) => row.explains(d));
      expect(explained.length, row.id).toBeGreaterThan(0);
      expect(new Set(explained.map((d) => d.message))).toEqual(new Set(row.messages));
    }
  });

  it('the corpus exercises every case kind across the messages', () => {
    const kinds = new Set(reports.flatMap((r) => [...r.kinds]));
    expect([...kinds].sort()).toEqual(
      [
        'atMaxLength',
        'emptyArray',
        'enumViolation',
        'extraProperty',
        'format',
        'integerVsDecimal',
        'maximal',
        'minimal',
        'missingRequired',
        'multipleOf',
        'notAnObject',
        'overMaxLength',
        'oversizedArray',
        'wrongType',
      ].sort(),
    );
  });

  it('StopTransaction agrees with the 2025-04 errata schema without any errata row', () => {
    const action = actionRegistry.StopTransaction;
    const report = compare(action, 'request', 'json-schemas-errata-2025-04/StopTransaction.json');
    expect(report.differences).toEqual([]);
  });
});

/** Minimal and maximal payloads must be valid for both, or the corpus tests nothing. */
describe('the corpus generator', () => {
  it('builds valid minimal and maximal payloads for every message', () => {
    for (const action of actions) {
      for (const kind of KINDS) {
        const official = oracle(action.name, kind, officialFile(action.name, kind, action.profile === 'Security'));
        for (const c of buildCorpus(official.schema).filter((c) => c.kind === 'minimal' || c.kind === 'maximal')) {
          expect(official.validate(c.payload), `${action.name}.${kind} ${c.label}`).toBe(true);
          expect(action[kind].validate(c.payload), `${action.name}.${kind} ${c.label}`).toBe(true);
        }
      }
    }
  });
});
