// The intended differences between ocppkit's validators and validators compiled from the
// official 2019-12 files. Every difference the conformance corpus finds must be explained by
// exactly these rows, and every row must explain at least one difference.
import type { CaseKind } from './corpus.js';

/** A case on which our verdict and the official schema's verdict differ. */
export interface Difference {
  /** `Action.request` or `Action.response`. */
  readonly message: string;
  readonly kind: CaseKind;
  readonly label: string;
  readonly oursValid: boolean;
  readonly officialValid: boolean;
  /** The keyword the official validator failed on, if it failed. */
  readonly officialKeyword?: string;
}

/** One intended difference, with the reason it exists. */
export interface ErratumRow {
  readonly id: string;
  readonly messages: readonly string[];
  readonly reason: string;
  readonly explains: (difference: Difference) => boolean;
}

/** The errata table. */
export const ERRATA: readonly ErratumRow[] = [
  {
    id: 'multipleOf-0.1-tolerance',
    messages: ['SetChargingProfile.request', 'RemoteStartTransaction.request', 'GetCompositeSchedule.response'],
    reason:
      'limit and minChargingRate are multiples of 0.1, but 8.1 / 0.1 = 80.99999999999999 in binary floating ' +
      'point, so a naive check rejects valid limits such as 8.1 and 0.3 (OCA errata; OCPP-S DecimalOne). ' +
      'ocppkit compares with a tolerance of 1e-9.',
    explains: (d) => d.kind === 'multipleOf' && d.oursValid && !d.officialValid && d.officialKeyword === 'multipleOf',
  },
  {
    id: 'stop-transaction-celsius',
    messages: ['StopTransaction.request'],
    reason:
      'The 2019-12 StopTransaction schema knows only the misspelling "Celcius"; the 2025-04 errata add ' +
      '"Celsius" (as MeterValues already had) and tell a central system to accept both.',
    explains: (d) =>
      d.message === 'StopTransaction.request' && d.label.endsWith('/unit = Celsius') && d.oursValid && !d.officialValid,
  },
];
