// One server process of the benchmark: `node server.mjs <impl>`, driven by the runner over
// IPC. It counts completed calls (handled CALLs, or answered server-initiated calls) so the
// runner can read server-side throughput over a window, and reports its memory after GC.
import { cpuMs, nowMs, serveRequests, sleep } from './proc.mjs';

const IMPLS = {
  ws: async () => (await import('./server-ws.mjs')).createServer,
  ocppkit: async () => (await import('./server-ocppkit.mjs')).createServer,
  'ocpp-rpc': async () => (await import('./server-ocpp-rpc.mjs')).createServer,
  'ocppkit-soap': async () => (await import('./server-soap.mjs')).createOcppkitSoapServer,
  'node-soap': async () => (await import('./server-soap.mjs')).createNodeSoapServer,
};

const impl = process.argv[2];
const lifetimeMs = Number(process.argv[3] ?? 120_000);
if (!IMPLS[impl]) {
  console.error(`server.mjs: unknown implementation "${impl}"`);
  process.exit(2);
}
const counters = { calls: 0, errors: 0 };
let server;

async function collect(rounds) {
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    await sleep(20);
  }
  return process.memoryUsage();
}

serveRequests(
  {
    async start({ host = '127.0.0.1' }) {
      const create = await IMPLS[impl]();
      server = await create(counters, { host });
      return { port: server.port, pid: process.pid, gc: typeof globalThis.gc === 'function' };
    },
    snapshot: () => ({ calls: counters.calls, errors: counters.errors, sessions: server?.sessions() ?? 0, t: nowMs(), cpu: cpuMs() }),
    serverCalls({ durationMs, maxCalls }) {
      server.startServerCalls({ deadlineAt: Date.now() + durationMs, maxCalls: counters.calls + maxCalls });
    },
    stopServerCalls: () => server.stopServerCalls(),
    memory: ({ rounds = 4 }) => collect(rounds),
  },
  { lifetimeMs },
);
