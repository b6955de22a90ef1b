// npm run bench [-- options] — ocppkit vs ocpp-rpc (strictMode) vs a bare `ws` responder, and
// ocppkit's OCPP-S server vs node-soap, with servers and load generators in separate processes
// pinned to separate cores. See docs/performance.md.
//
//   --quick            ~30 s smoke run (1 round, short windows, 1,000 idle connections)
//   --rounds N         interleaved repetitions (default 3; the medians are reported)
//   --json FILE        write the raw runs, the summary and the machine facts to FILE
//   --only LIST        comma-separated subset: capacity,serverCalls,latency,idle,moduleLoad,soap,validation,bundle
//   --idle N           idle connections (default 5,000; 1,000 with --quick)
//   --budget S         hard time budget of the whole run in seconds (default 285; 60 with --quick)
//   --profile LIST     instead of benchmarking, profile the ocppkit server (node --cpu-prof) under
//                      each listed workload (capacity,serverCalls,latency,idle,soap) and print the
//                      top 10 self-time frames; `--profile misses` benchmarks first, then profiles
//                      each workload whose target was missed
//   --no-build         use dist/ as it is, even if older than src/
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserBundleSize } from './bundle-size.mjs';
import { formatFrames, topSelfFrames } from './profile.mjs';
import { cpuMs, machineBusyMs, nowMs, sleep, startChild, taskset } from './proc.mjs';
import { J_IMPLS, markdown, summarize } from './report.mjs';
import { SOAP_PATH } from './server-soap.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = join(HERE, 'server.mjs');
const LOAD_WS = join(HERE, 'load-ws.mjs');
const LOAD_HTTP = join(HERE, 'load-http.mjs');
const HOST = '127.0.0.1';
const SERVER_CPU = 0;
const LOAD_CPU = 1;
const WORKLOADS = ['capacity', 'serverCalls', 'latency', 'idle', 'moduleLoad', 'soap', 'validation', 'bundle'];

// ---- options ----
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const KNOWN = { '--quick': 0, '--rounds': 1, '--json': 1, '--only': 1, '--idle': 1, '--budget': 1, '--profile': 1, '--no-build': 0, '--help': 0 };
for (let i = 0; i < argv.length; i++) {
  if (!(argv[i] in KNOWN)) fail(`unknown option "${argv[i]}" (see the top of scripts/bench/run.mjs, or --help)`);
  i += KNOWN[argv[i]];
}
if (flag('--help')) {
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  console.log(source.split('\nimport ')[0].replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const quick = flag('--quick');
const config = {
  rounds: Number(option('--rounds', quick ? 1 : 3)),
  capacityClients: 200,
  serverCallClients: 200,
  warmupMs: quick ? 500 : 1_000,
  windowMs: quick ? 1_000 : 3_000,
  latencyWarmupMs: quick ? 300 : 700,
  latencyWindowMs: quick ? 800 : 2_500,
  idleConnections: Number(option('--idle', quick ? 1_000 : 5_000)),
  idleWarmConnections: 50,
  idlePerProcess: 4_000,
  moduleLoadRuns: quick ? 3 : 7,
  soapConcurrency: 32,
  // node-soap and ocppkit's XML path take ~2 s of load to reach steady speed (JIT).
  soapWarmupMs: quick ? 800 : 2_500,
  soapWindowMs: quick ? 700 : 2_000,
  validationSampleMs: quick ? 100 : 300,
  validationReps: quick ? 3 : 5,
  budgetS: Number(option('--budget', quick ? 60 : 285)),
};
const only = option('--only', null)?.split(',').map((w) => w.trim());
for (const w of only ?? []) if (!WORKLOADS.includes(w)) fail(`--only: unknown workload "${w}" (${WORKLOADS.join(', ')})`);
const enabled = (w) => !only || only.includes(w);
const profileArg = option('--profile', null);
const jsonFile = option('--json', null);

const started = nowMs();
const deadline = started + config.budgetS * 1000;
const remainingMs = () => deadline - nowMs();
const log = (...args) => console.error(`[bench ${((nowMs() - started) / 1000).toFixed(1).padStart(5)}s]`, ...args);

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---- build ----
function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function ensureBuilt() {
  const outputs = ['index.js', 'node.js', 'soap.js'].map((f) => join(ROOT, 'dist', f));
  let oldestOutput = Infinity;
  try {
    for (const f of outputs) oldestOutput = Math.min(oldestOutput, statSync(f).mtimeMs);
  } catch {
    oldestOutput = -Infinity; // missing
  }
  const inputs = Math.max(...['src', 'tsup.config.ts', 'tsconfig.json'].map((p) => newestMtime(join(ROOT, p))));
  if (oldestOutput >= inputs) return log('dist/ is up to date');
  if (flag('--no-build')) return log('dist/ is older than src/, but --no-build: using it as it is');
  log('dist/ is missing or older than src/: npm run build');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  } catch (error) {
    console.error(String(error.stdout ?? ''), String(error.stderr ?? ''));
    fail('npm run build failed');
  }
  log('built');
}

// ---- one measured run per workload and implementation ----
async function waitFor(what, check, timeoutMs) {
  const until = nowMs() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (nowMs() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const waitSessions = (server, n, timeoutMs) =>
  waitFor(`${n} sessions`, async () => (await server.request('snapshot')).sessions >= n, timeoutMs);

/** Starts a server process of `impl` pinned to the server core; resolves with it and its port. */
async function startServer(track, impl, { nodeArgs = [], lifetimeMs = 90_000 } = {}) {
  const server = track(startChild(SERVER, { args: [impl, String(lifetimeMs)], nodeArgs, cpu: SERVER_CPU, name: `server(${impl})` }));
  const { port } = await server.request('start', { host: HOST }, 20_000);
  return { server, port };
}

const startLoad = (script, lifetimeMs = 90_000) =>
  startChild(script, { args: [String(lifetimeMs)], cpu: LOAD_CPU, name: script.endsWith('http.mjs') ? 'load-http' : 'load-ws' });

/** Reads the server's counters, the load generator's and the machine's CPU at one moment. */
async function snapshot(server, load) {
  const machine = { busy: machineBusyMs(), self: cpuMs(), t: nowMs() };
  const [s, l] = await Promise.all([server.request('snapshot'), load.request('stats')]);
  return { s, l, machine };
}

function window(a, b) {
  const { s: s1, l: l1 } = a;
  const { s: s2, l: l2 } = b;
  const ms = s2.t - s1.t;
  const calls = s2.calls - s1.calls;
  const serverCpu = s2.cpu - s1.cpu;
  const loadCpu = l2.cpu - l1.cpu;
  // Busy CPU of the machine that is neither the server, the load generator nor the runner.
  const machineMs = b.machine.t - a.machine.t;
  const otherCpu = b.machine.busy - a.machine.busy - serverCpu - loadCpu - (b.machine.self - a.machine.self);
  return {
    calls,
    windowMs: ms,
    callsPerSec: (calls / ms) * 1000,
    serverCpuPct: (serverCpu / ms) * 100,
    loadCpuPct: (loadCpu / (l2.t - l1.t)) * 100,
    otherCpuPct: Math.max(0, (otherCpu / machineMs) * 100),
    callsPerServerCpuSec: (calls / serverCpu) * 1000,
  };
}

function checkErrors(result, server, load) {
  const errors = (server?.errors ?? 0) + (load?.errors ?? 0);
  if (errors > 0) {
    result.errors = errors;
    result.errorSamples = load?.errorSamples ?? [];
    log(`  !! ${errors} errors`, result.errorSamples.slice(0, 2).join(' | '));
  }
  return result;
}

async function withProcesses(fn) {
  const children = [];
  const track = (child) => (children.push(child), child);
  try {
    return await fn(track);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

// 1. Server capacity: clients send sequential MeterValues as fast as answers come.
function runCapacity(impl, extra = {}) {
  return withProcesses(async (track) => {
    const { server, port } = await startServer(track, impl, extra);
    const load = track(startLoad(LOAD_WS));
    const n = config.capacityClients;
    const c = await load.request('connect', { url: `ws://${HOST}:${port}/ocpp`, n, mode: 'capacity' }, 30_000);
    if (c.connected !== n) throw new Error(`${c.connected}/${n} clients connected (${c.firstError})`);
    await waitSessions(server, n, 10_000);
    await load.request('startLoad', { durationMs: config.warmupMs + config.windowMs + 3_000, maxPerClient: 50_000_000 });
    await sleep(config.warmupMs);
    const a = await snapshot(server, load);
    await sleep(config.windowMs);
    const b = await snapshot(server, load);
    await load.request('stopLoad');
    const w = window(a, b);
    if (w.calls <= 0) throw new Error('no call was answered in the window');
    return checkErrors({ ...w, verifiedClients: b.l.verified }, b.s, b.l);
  });
}

// 2. Server-initiated calls: the server calls GetConfiguration on every client, sequentially per client.
function runServerCalls(impl, extra = {}) {
  return withProcesses(async (track) => {
    const { server, port } = await startServer(track, impl, extra);
    const load = track(startLoad(LOAD_WS));
    const n = config.serverCallClients;
    const c = await load.request('connect', { url: `ws://${HOST}:${port}/ocpp`, n, mode: 'respond' }, 30_000);
    if (c.connected !== n) throw new Error(`${c.connected}/${n} clients connected (${c.firstError})`);
    await waitSessions(server, n, 10_000);
    await server.request('serverCalls', { durationMs: config.warmupMs + config.windowMs + 3_000, maxCalls: 500_000_000 });
    await sleep(config.warmupMs);
    const a = await snapshot(server, load);
    await sleep(config.windowMs);
    const b = await snapshot(server, load);
    await server.request('stopServerCalls');
    const w = window(a, b);
    if (w.calls <= 0) throw new Error('no call was answered in the window');
    return checkErrors(w, b.s, b.l);
  });
}

// 3. Latency: one client, sequential Heartbeats.
function runLatency(impl, extra = {}) {
  return withProcesses(async (track) => {
    const { server, port } = await startServer(track, impl, extra);
    const load = track(startLoad(LOAD_WS));
    const c = await load.request('connect', { url: `ws://${HOST}:${port}/ocpp`, n: 1, mode: 'latency' }, 10_000);
    if (c.connected !== 1) throw new Error(`the client did not connect (${c.firstError})`);
    await waitSessions(server, 1, 10_000);
    const a = await snapshot(server, load);
    const r = await load.request(
      'latency',
      { warmupMs: config.latencyWarmupMs, windowMs: config.latencyWindowMs, maxCalls: 1_000_000 },
      config.latencyWarmupMs + config.latencyWindowMs + 15_000,
    );
    const b = await snapshot(server, load);
    const { otherCpuPct, serverCpuPct } = window(a, b);
    return checkErrors({ ...r, errorSamples: undefined, serverCpuPct, otherCpuPct }, b.s, r);
  });
}

// 4. Idle connections: server memory per connection, after GC.
function runIdle(impl, extra = {}) {
  return withProcesses(async (track) => {
    const { server, port } = await startServer(track, impl, { ...extra, nodeArgs: ['--expose-gc', ...(extra.nodeArgs ?? [])], lifetimeMs: 120_000 });
    const url = `ws://${HOST}:${port}/ocpp`;
    const n = config.idleConnections;
    const processes = Math.max(1, Math.ceil(n / config.idlePerProcess));
    const loads = Array.from({ length: processes }, () => track(startLoad(LOAD_WS, 120_000)));
    // A few connections first, so that code loaded and compiled on first use is in the baseline.
    const warm = config.idleWarmConnections;
    const w = await loads[0].request('connect', { url, n: warm, offset: 0, mode: 'idle' }, 20_000);
    if (w.connected !== warm) throw new Error(`${w.connected}/${warm} warm-up connections (${w.firstError})`);
    await waitSessions(server, warm, 10_000);
    const before = await server.request('memory', { rounds: 4 }, 20_000);
    const t0 = nowMs();
    const per = Math.ceil(n / processes);
    const results = await Promise.all(
      loads.map((load, i) =>
        load.request(
          'connect',
          { url, n: Math.min(per, n - i * per), offset: warm + i * per, mode: 'idle', concurrency: 50, timeoutMs: 60_000 },
          70_000,
        ),
      ),
    );
    const connected = results.reduce((sum, r) => sum + r.connected, 0) - warm;
    if (connected !== n) throw new Error(`${connected}/${n} connections (${results.map((r) => r.firstError).filter(Boolean)[0]})`);
    await waitSessions(server, n + warm, 30_000);
    const connectMs = nowMs() - t0;
    const after = await server.request('memory', { rounds: 4 }, 20_000);
    const ext = (m) => m.external + m.arrayBuffers;
    return {
      connections: n,
      connectMs,
      heapPerConn: (after.heapUsed - before.heapUsed) / n,
      rssPerConn: (after.rss - before.rss) / n,
      externalPerConn: (ext(after) - ext(before)) / n,
      before,
      after,
    };
  });
}

// 6. OCPP-S: keep-alive HTTP load, Heartbeat then MeterValues.
function runSoap(impl, extra = {}) {
  return withProcesses(async (track) => {
    const { server, port } = await startServer(track, impl, extra);
    const load = track(startLoad(LOAD_HTTP));
    const concurrency = config.soapConcurrency;
    await load.request('setup', { url: `http://${HOST}:${port}${SOAP_PATH}`, concurrency });
    const result = {};
    let base = 0;
    let warm = config.soapWarmupMs;
    for (const action of ['Heartbeat', 'MeterValues']) {
      base += 1e9;
      await load.request('start', { action, concurrency, durationMs: warm + config.soapWindowMs + 3_000, maxPerWorker: 10_000_000, base });
      await sleep(warm);
      const a = await snapshot(server, load);
      await sleep(config.soapWindowMs);
      const b = await snapshot(server, load);
      await load.request('stop', {}, 20_000);
      const w = window(a, b);
      if (w.calls <= 0) throw new Error(`no ${action} was answered in the window`);
      const key = action === 'Heartbeat' ? 'heartbeat' : 'meterValues';
      result[`${key}PerSec`] = w.callsPerSec;
      result[`${key}ServerCpuPct`] = w.serverCpuPct;
      result.serverCpuPct = Math.max(result.serverCpuPct ?? 0, w.serverCpuPct);
      result.loadCpuPct = Math.max(result.loadCpuPct ?? 0, w.loadCpuPct);
      result.otherCpuPct = Math.max(result.otherCpuPct ?? 0, w.otherCpuPct);
      checkErrors(result, b.s, b.l);
      warm = Math.min(warm, 1_000); // mostly warm after the first action; the second's own code paths still need a moment
    }
    return result;
  });
}

// 5. Module load, each in a fresh pinned process.
function runNodeScript(args, timeoutMs) {
  const pin = taskset();
  const [cmd, cmdArgs] = pin ? [pin, ['-c', String(SERVER_CPU), process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) =>
    execFile(cmd, cmdArgs, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')}: ${error.message} ${stderr}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

async function runModuleLoad() {
  const out = { ocppkit: [], 'ocpp-rpc': [], 'ocppkit/node': [] };
  for (let i = 0; i < config.moduleLoadRuns; i++) {
    for (const target of Object.keys(out)) {
      try {
        out[target].push(await runNodeScript(['--expose-gc', join(HERE, 'module-load.mjs'), target], 20_000));
      } catch (error) {
        out[target].push({ error: error.message });
      }
    }
  }
  return out;
}

// ---- orchestration ----
const J_RUNNERS = { capacity: runCapacity, serverCalls: runServerCalls, latency: runLatency, idle: runIdle };
// Rough time one run takes, to skip what no longer fits in the budget.
const estimateMs = (workload) =>
  ({
    capacity: config.warmupMs + config.windowMs + 2_000,
    serverCalls: config.warmupMs + config.windowMs + 2_000,
    latency: config.latencyWarmupMs + config.latencyWindowMs + 1_500,
    idle: 2_000 + config.idleConnections * 1.2,
    soap: config.soapWarmupMs + Math.min(config.soapWarmupMs, 1_000) + 2 * config.soapWindowMs + 2_500,
  })[workload];

async function measure(label, fn, estimate) {
  if (remainingMs() < estimate) {
    log(`${label}: skipped (the time budget is spent)`);
    return { error: 'skipped: time budget' };
  }
  const t0 = nowMs();
  try {
    const result = await fn();
    log(`${label}: ${brief(result)} (${((nowMs() - t0) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    log(`${label}: FAILED ${error.message}`);
    return { error: error.message };
  }
}

function brief(r) {
  if (r.callsPerSec !== undefined && r.p50us !== undefined) return `${Math.round(r.callsPerSec)} calls/s, p50 ${r.p50us.toFixed(0)} µs, p99 ${r.p99us.toFixed(0)} µs, other CPU ${r.otherCpuPct.toFixed(0)}%`;
  if (r.callsPerSec !== undefined) return `${Math.round(r.callsPerSec)} calls/s, server CPU ${r.serverCpuPct.toFixed(0)}%, load CPU ${r.loadCpuPct.toFixed(0)}%, other CPU ${r.otherCpuPct.toFixed(0)}%`;
  if (r.heapPerConn !== undefined) return `heap ${Math.round(r.heapPerConn)} B/conn, RSS ${Math.round(r.rssPerConn)} B/conn`;
  if (r.heartbeatPerSec !== undefined) return `Heartbeat ${Math.round(r.heartbeatPerSec)} req/s, MeterValues ${Math.round(r.meterValuesPerSec)} req/s, server CPU ${r.serverCpuPct.toFixed(0)}%, other CPU ${r.otherCpuPct.toFixed(0)}%`;
  return JSON.stringify(r).slice(0, 120);
}

function machine() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // no nproc
  }
  const version = (name) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return 'missing';
    }
  };
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    // Uncommitted changes under src/ mean the figures are of a work tree, not of the commit.
    srcChanges: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length,
    node: process.version,
    nproc,
    cpuModel,
    taskset: Boolean(taskset()),
    versions: { ocppkit: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version, 'ocpp-rpc': version('ocpp-rpc'), ws: version('ws'), soap: version('soap'), ajv: version('ajv'), esbuild: version('esbuild') },
  };
}

async function benchmark() {
  const raw = {};
  for (const workload of ['capacity', 'serverCalls', 'latency', 'idle']) {
    if (!enabled(workload)) continue;
    raw[workload] = Object.fromEntries(J_IMPLS.map((impl) => [impl, []]));
    for (let round = 1; round <= config.rounds; round++) {
      for (const impl of J_IMPLS) {
        raw[workload][impl].push(await measure(`${workload} r${round} ${impl}`, () => J_RUNNERS[workload](impl), estimateMs(workload)));
      }
    }
  }
  if (enabled('moduleLoad')) {
    raw.moduleLoad = await measure('module load', runModuleLoad, 5_000);
    if (raw.moduleLoad.error) delete raw.moduleLoad;
  }
  if (enabled('soap')) {
    raw.soap = { 'ocppkit-soap': [], 'node-soap': [] };
    for (let round = 1; round <= config.rounds; round++) {
      for (const impl of Object.keys(raw.soap)) {
        raw.soap[impl].push(await measure(`soap r${round} ${impl}`, () => runSoap(impl), estimateMs('soap')));
      }
    }
  }
  if (enabled('validation')) {
    const v = await measure(
      'validation',
      () => runNodeScript([join(HERE, 'validation.mjs'), String(config.validationSampleMs), String(config.validationReps)], 120_000),
      config.validationSampleMs * config.validationReps * 8 + 2_000,
    );
    if (!v.error) raw.validation = v;
  }
  if (enabled('bundle')) {
    const b = await measure('browser bundle', browserBundleSize, 2_000);
    if (!b.error) raw.bundle = b;
  }
  return raw;
}

// ---- profiling ----
const PROFILED = { capacity: ['ocppkit', runCapacity], serverCalls: ['ocppkit', runServerCalls], latency: ['ocppkit', runLatency], idle: ['ocppkit', runIdle], soap: ['ocppkit-soap', runSoap] };

async function profile(workloads) {
  const root = join(tmpdir(), `ocppkit-bench-profiles-${Date.now()}`);
  const out = {};
  for (const workload of workloads) {
    const [impl, run] = PROFILED[workload] ?? [];
    if (!run) {
      log(`--profile: nothing to profile for "${workload}" (${Object.keys(PROFILED).join(', ')})`);
      continue;
    }
    const dir = join(root, workload);
    mkdirSync(dir, { recursive: true });
    log(`profiling ${impl} under ${workload} (node --cpu-prof) ...`);
    const result = await run(impl, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) {
      log(`no profile was written for ${workload}`);
      continue;
    }
    const frames = topSelfFrames(join(dir, file), 10);
    out[workload] = { impl, result, profile: join(dir, file), frames };
    console.log(`\n#### ${impl} server under ${workload}: top 10 self-time frames (${brief(result)})\n`);
    console.log(formatFrames(frames));
    console.log(`\nprofile: ${join(dir, file)}`);
  }
  return out;
}

// ---- main ----
async function main() {
  ensureBuilt();
  const meta = { date: new Date().toISOString(), ...machine(), argv, quick, rounds: config.rounds, config };
  log(`node ${meta.node}, ${meta.nproc} cores (${meta.cpuModel}), taskset ${meta.taskset ? 'on: servers on CPU 0, load generators on CPU 1' : 'not available: processes are not pinned'}`);
  // Is anything else running? A benchmark on a busy machine measures the other load.
  const b0 = machineBusyMs();
  const c0 = cpuMs();
  await sleep(500);
  meta.otherCpuPctBefore = Math.max(0, ((machineBusyMs() - b0 - (cpuMs() - c0)) / 500) * 100);
  if (meta.otherCpuPctBefore > 15) {
    log(`WARNING: other processes are using ${meta.otherCpuPctBefore.toFixed(0)}% of a core right now; the figures will be disturbed`);
  }
  if (profileArg && profileArg !== 'misses') {
    const profiles = await profile(profileArg.split(','));
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ meta, profiles }, null, 2));
    return;
  }
  const raw = await benchmark();
  const summary = summarize(raw);
  meta.durationS = (nowMs() - started) / 1000;
  console.log('');
  console.log(markdown(summary, meta));
  console.log('');
  console.log(
    `ocppkit ${meta.commit}${meta.srcChanges ? ` + ${meta.srcChanges} uncommitted change(s) in src/` : ''} · node ${meta.node} · ${meta.nproc} × ${meta.cpuModel} · ocpp-rpc ${meta.versions['ocpp-rpc']} (strictMode) · ws ${meta.versions.ws} · soap ${meta.versions.soap} · ` +
      `${config.rounds} round(s) · ${meta.durationS.toFixed(0)} s${quick ? ' · --quick' : ''}`,
  );
  const misses = summary.targets.filter((t) => t.status === 'MISS');
  if (misses.length) {
    console.log(`\n${misses.length} target(s) missed. Profile with: npm run bench -- --profile ${[...new Set(misses.map((m) => m.workload))].filter((w) => PROFILED[w]).join(',') || '<workload>'}`);
  }
  let profiles;
  if (profileArg === 'misses') profiles = await profile([...new Set(misses.map((m) => m.workload))].filter((w) => PROFILED[w]));
  if (jsonFile) {
    writeFileSync(jsonFile, JSON.stringify({ meta, summary, raw, ...(profiles ? { profiles } : {}) }, null, 2));
    log(`raw data written to ${jsonFile}`);
  }
}

// The whole run is bounded: past the budget (plus a margin for the last run) it is stopped.
setTimeout(() => {
  console.error(`bench: the run exceeded its budget of ${config.budgetS} s by 60 s; stopping`);
  process.exit(3);
}, (config.budgetS + 60) * 1000 + (profileArg ? 300_000 : 0)).unref();

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
