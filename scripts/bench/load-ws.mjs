// OCPP-J load generator: `node load-ws.mjs`, driven by the runner over IPC. Cheap raw `ws`
// clients (no OCPP library): CALL frames are pre-serialised into one Buffer per client and
// only the fixed-width id is patched in place; masking uses an all-zero key so ws skips it.
// Modes: capacity (sequential CALLs as fast as answers come), respond (answer the server's
// GetConfiguration with a pre-serialised CALLRESULT), idle (just stay connected), latency
// (one client, sequential Heartbeats, per-call timing).
import { Buffer } from 'node:buffer';
import WebSocket from 'ws';
import { cpuMs, nowMs, serveRequests } from './proc.mjs';
import {
  GET_CONFIGURATION_CONF,
  HEARTBEAT,
  ID_WIDTH,
  METER_VALUES,
  callFrameParts,
  idOf,
  resultFrameParts,
} from './payloads.mjs';

const lifetimeMs = Number(process.argv[2] ?? 120_000);
const TEXT = { binary: false };
const noMask = () => {}; // leaves the mask key all zero: ws then sends the payload unmasked-equivalent without copying
const clients = [];
const stats = { responses: 0, errors: 0, errorSamples: [], verified: 0 };
let load = null; // { deadlineAt, maxPerClient } while the capacity load runs

function noteError(what) {
  stats.errors++;
  if (stats.errorSamples.length < 5) stats.errorSamples.push(String(what).slice(0, 300));
}

function connectOne(url, localAddress, timeoutMs) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['ocpp1.6'], {
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
      skipUTF8Validation: true,
      generateMask: noMask,
      ...(localAddress ? { localAddress } : {}),
    });
    const fail = (error) => {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      reject(error);
    };
    ws.once('open', () => {
      ws.off('error', fail);
      ws.on('error', () => {});
      if (ws.protocol !== 'ocpp1.6') return fail(new Error(`subprotocol "${ws.protocol}" was agreed`));
      resolve(ws);
    });
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
  });
}

// ---- capacity: sequential CALLs, the next as soon as the answer came ----
function capacityClient(ws, action, payload) {
  const { prefix, suffix } = callFrameParts(action, payload);
  const frame = Buffer.from(prefix + idOf(0) + suffix);
  const at = Buffer.byteLength(prefix);
  const client = { ws, sent: 0, id: '', busy: false, verified: false };
  client.send = () => {
    client.sent++;
    client.id = idOf(client.sent);
    frame.write(client.id, at, 'latin1');
    client.busy = true;
    ws.send(frame, TEXT);
  };
  ws.on('message', (data) => {
    // A CALLRESULT for the id in flight: `[3,"<id>",...`.
    if (data[1] === 0x33 && data.latin1Slice(4, 4 + ID_WIDTH) === client.id) {
      if (!client.verified) {
        // The first answer of each client is checked in full.
        const frame = JSON.parse(data);
        if (frame.length !== 3 || frame[1] !== client.id || typeof frame[2] !== 'object') noteError(data);
        client.verified = true;
        stats.verified++;
      }
      stats.responses++;
    } else noteError(data);
    client.busy = false;
    if (load && client.sent < load.maxPerClient && Date.now() < load.deadlineAt) client.send();
  });
  return client;
}

// ---- respond: answer server-initiated CALLs with a pre-serialised CALLRESULT ----
function respondingClient(ws) {
  const { prefix, suffix } = resultFrameParts(GET_CONFIGURATION_CONF);
  ws.on('message', (data) => {
    let id;
    // `[2,"<id>",...` — the id without parsing the whole frame.
    if (data[0] === 0x5b && data[1] === 0x32 && data[2] === 0x2c && data[3] === 0x22) {
      const end = data.indexOf(0x22, 4);
      if (end > 4) id = data.latin1Slice(4, end);
    }
    if (id === undefined) {
      try {
        const frame = JSON.parse(data);
        if (frame[0] === 2 && typeof frame[1] === 'string') id = frame[1];
      } catch {
        // not JSON
      }
    }
    if (id === undefined) return noteError(data);
    if (stats.verified < 3) {
      // A few CALLs are checked in full.
      const frame = JSON.parse(data);
      if (frame.length !== 4 || frame[2] !== 'GetConfiguration') noteError(data);
      stats.verified++;
    }
    stats.responses++;
    ws.send(prefix + id + suffix);
  });
  return { ws };
}

serveRequests(
  {
    /** Opens `n` connections to `${url}/CP-<offset+i>`, `concurrency` handshakes at a time. */
    async connect({ url, n, offset = 0, mode, concurrency = 100, timeoutMs = 15_000, addressSpan = 20_000 }) {
      const started = nowMs();
      const deadline = started + timeoutMs;
      let next = 0;
      let failed = 0;
      let firstError;
      const worker = async () => {
        while (next < n && nowMs() < deadline) {
          const i = next++;
          const index = offset + i;
          // Past `addressSpan` connections per source address, use the next loopback address.
          const localAddress = index >= addressSpan ? `127.0.0.${1 + Math.floor(index / addressSpan)}` : undefined;
          try {
            const ws = await connectOne(`${url}/CP-${String(index).padStart(5, '0')}`, localAddress, Math.max(1, deadline - nowMs()));
            if (mode === 'capacity') clients.push(capacityClient(ws, 'MeterValues', METER_VALUES));
            else if (mode === 'respond') clients.push(respondingClient(ws));
            else clients.push({ ws });
          } catch (error) {
            failed++;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
      return { connected: clients.length, failed, firstError, ms: nowMs() - started };
    },
    /** Capacity mode: every client starts its sequential CALL loop. */
    startLoad({ durationMs, maxPerClient }) {
      load = { deadlineAt: Date.now() + durationMs, maxPerClient };
      for (const client of clients) if (!client.busy) client.send();
    },
    stopLoad() {
      load = null;
    },
    stats: () => ({ ...stats, t: nowMs(), cpu: cpuMs(), open: clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length }),
    /** Latency mode: one client, sequential Heartbeats, each timed. */
    latency({ warmupMs, windowMs, maxCalls }) {
      const client = clients[0];
      if (!client) throw new Error('no client connected');
      const samples = new Float64Array(maxCalls);
      return new Promise((resolve) => {
        const start = nowMs();
        const windowStart = start + warmupMs;
        const end = windowStart + windowMs;
        let count = 0;
        let warm = 0;
        let sentAt = 0;
        let cpuStart = 0;
        let measuredStart = 0;
        const ws = client.ws;
        const { prefix, suffix } = callFrameParts('Heartbeat', HEARTBEAT);
        const frame = Buffer.from(prefix + idOf(0) + suffix);
        const at = Buffer.byteLength(prefix);
        let sent = 0;
        let id = '';
        const send = () => {
          id = idOf(++sent);
          frame.write(id, at, 'latin1');
          sentAt = nowMs();
          ws.send(frame, TEXT);
        };
        ws.on('message', (data) => {
          const t = nowMs();
          if (data[1] !== 0x33 || data.latin1Slice(4, 4 + ID_WIDTH) !== id) noteError(data);
          else if (sent === 1) {
            const full = JSON.parse(data);
            if (full.length !== 3 || typeof full[2]?.currentTime !== 'string') noteError(data);
          }
          if (t >= windowStart) {
            if (count === 0) {
              measuredStart = sentAt;
              cpuStart = cpuMs();
            }
            samples[count++] = (t - sentAt) * 1000; // µs
          } else warm++;
          if (t < end && count < maxCalls) return send();
          const measured = samples.subarray(0, count).sort();
          const pick = (q) => (count ? measured[Math.min(count - 1, Math.floor(q * count))] : NaN);
          resolve({
            calls: count,
            warmupCalls: warm,
            callsPerSec: count / ((t - measuredStart) / 1000),
            p50us: pick(0.5),
            p90us: pick(0.9),
            p99us: pick(0.99),
            maxUs: count ? measured[count - 1] : NaN,
            clientCpuPct: ((cpuMs() - cpuStart) / (t - measuredStart)) * 100,
            errors: stats.errors,
            errorSamples: stats.errorSamples,
          });
        });
        send();
      });
    },
    closeAll() {
      for (const { ws } of clients) ws.terminate();
      clients.length = 0;
    },
  },
  { lifetimeMs },
);
