// Validation throughput, in its own pinned process: `node validation.mjs <ms-per-sample> <reps>`
// prints JSON. ocppkit's validateRequest (strict, as a CentralSystem uses it) against Ajv
// compiled at run time from the official OCPP 1.6 JSON schemas (draft-04, formats, strict false).
// Every timed loop is bounded by both an iteration count and a time limit.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { validateRequest } from '../../dist/index.js';
import { METER_VALUES, SET_CHARGING_PROFILE, START_TRANSACTION } from './payloads.mjs';
import { referencePath } from './reference.mjs';

const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const SCHEMAS = referencePath('json-schemas');
const MESSAGES = { MeterValues: METER_VALUES, StartTransaction: START_TRANSACTION, SetChargingProfile: SET_CHARGING_PROFILE };
const sampleMs = Number(process.argv[2] ?? 300);
const reps = Number(process.argv[3] ?? 3);
const MAX_ITERATIONS = 20_000_000;
const BATCH = 1000;

const ajv = new (Ajv04.default ?? Ajv04)({ strict: false });
(addFormats.default ?? addFormats)(ajv);

/** ops/s of `fn(payload)`, running batches until `sampleMs` passed or MAX_ITERATIONS done. */
function measure(fn, payload) {
  let valid = 0;
  let n = 0;
  const t0 = performance.now();
  const limit = t0 + sampleMs;
  let t = t0;
  while (t < limit && n < MAX_ITERATIONS) {
    for (let i = 0; i < BATCH; i++) if (fn(payload)) valid++;
    n += BATCH;
    t = performance.now();
  }
  if (valid !== n) throw new Error('a valid payload was rejected');
  return (n / (t - t0)) * 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [action, payload] of Object.entries(MESSAGES)) {
  const validateAjv = ajv.compile(JSON.parse(readFileSync(`${SCHEMAS}/${action}.json`, 'utf8')));
  const ocppkit = (p) => validateRequest(action, p).valid;
  // Both must accept the payload before it is timed.
  if (!ocppkit(payload)) throw new Error(`ocppkit rejects the ${action} payload: ${JSON.stringify(validateRequest(action, payload))}`);
  if (!validateAjv(payload)) throw new Error(`Ajv rejects the ${action} payload: ${JSON.stringify(validateAjv.errors)}`);
  // ...and reject a broken one (so neither is a no-op).
  const broken = { ...payload, connectorId: 'one' };
  if (ocppkit(broken) || validateAjv(broken)) throw new Error(`a broken ${action} payload was accepted`);
  // Warm up both, then interleave the timed samples.
  measure(ocppkit, payload);
  measure(validateAjv, payload);
  const samples = { ocppkit: [], ajv: [] };
  for (let r = 0; r < reps; r++) {
    samples.ocppkit.push(measure(ocppkit, payload));
    samples.ajv.push(measure(validateAjv, payload));
  }
  results[action] = { ocppkit: median(samples.ocppkit), ajv: median(samples.ajv), samples };
}
process.stdout.write(JSON.stringify(results));
