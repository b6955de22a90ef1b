// OCPP-S load generator: `node load-http.mjs`, driven by the runner over IPC. `concurrency`
// workers, each with its own charge point identity and keep-alive connection (node:http Agent),
// POST pre-built SOAP 1.2 envelopes back to back; only the fixed-width MessageID changes.
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { cpuMs, nowMs, serveRequests } from './proc.mjs';
import { SOAP_CONTENT_TYPE, SOAP_ID_WIDTH, SOAP_RESPONSE_ELEMENT, soapEnvelopeParts } from './payloads.mjs';

const lifetimeMs = Number(process.argv[2] ?? 120_000);
const stats = { responses: 0, errors: 0, errorSamples: [], verified: 0 };
let run = null; // { action, deadlineAt, maxPerWorker, workers: Promise[] }
let agent;
let target;

function noteError(what) {
  stats.errors++;
  if (stats.errorSamples.length < 5) stats.errorSamples.push(String(what).slice(0, 400));
}

function post(body, headers, verify, element) {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers },
      (res) => {
        let text = verify ? '' : null;
        res.on('data', (chunk) => {
          if (text !== null) text += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) noteError(`HTTP ${res.statusCode}: ${text ?? ''}`);
          else if (text !== null && !text.includes(element)) noteError(`no <${element}> in ${text}`);
          else stats.responses++;
          if (verify) stats.verified++;
          resolve();
        });
        res.on('error', (error) => {
          noteError(error.message);
          resolve();
        });
      },
    );
    req.on('error', (error) => {
      noteError(error.message);
      resolve();
    });
    req.end(body);
  });
}

async function worker(index, current) {
  const identity = `CP-S${String(index).padStart(3, '0')}`;
  const { prefix, suffix } = soapEnvelopeParts(current.action, identity, target.href);
  const headers = {
    'Content-Type': SOAP_CONTENT_TYPE(current.action),
    'Content-Length': Buffer.byteLength(prefix) + SOAP_ID_WIDTH + Buffer.byteLength(suffix),
  };
  const element = SOAP_RESPONSE_ELEMENT[current.action];
  for (let i = 0; run === current && i < current.maxPerWorker && Date.now() < current.deadlineAt; i++) {
    const id = String(current.base + index * current.maxPerWorker + i).padStart(SOAP_ID_WIDTH, '0');
    // The first answers of each run are read in full and checked.
    await post(prefix + id + suffix, headers, i < 2, element);
  }
}

serveRequests(
  {
    setup({ url, concurrency }) {
      target = new URL(url);
      agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
      return null;
    },
    start({ action, concurrency, durationMs, maxPerWorker, base }) {
      const current = { action, deadlineAt: Date.now() + durationMs, maxPerWorker, base };
      run = current;
      current.workers = Array.from({ length: concurrency }, (_, i) => worker(i, current));
      return null;
    },
    async stop() {
      const current = run;
      run = null;
      if (current) await Promise.all(current.workers);
      return null;
    },
    stats: () => ({ ...stats, t: nowMs(), cpu: cpuMs() }),
  },
  { lifetimeMs },
);
