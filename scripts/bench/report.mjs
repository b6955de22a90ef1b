// Turns the raw runs into medians, ratios and target verdicts, and prints them as markdown.

export const J_IMPLS = ['ws', 'ocppkit', 'ocpp-rpc'];
export const KB = 1024;
export const MB = 1024 * 1024;

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Median, spread and samples of `field` over the successful runs. */
function stat(runs = [], field) {
  const values = runs.filter((r) => !r.error).map((r) => r[field]);
  const finite = values.filter((x) => Number.isFinite(x));
  const m = median(finite);
  const spread = finite.length > 1 ? (Math.max(...finite) - Math.min(...finite)) / 2 / Math.abs(m) : 0;
  return { median: m, spread, n: finite.length, samples: values, errors: runs.filter((r) => r.error).map((r) => r.error) };
}

/**
 * Ratio a/b of `field`, paired by round (runs of the same round ran back to back, so they
 * share the machine's state), then the median over the rounds.
 */
function pairedRatio(runsA = [], runsB = [], field) {
  const ratios = [];
  for (let i = 0; i < Math.min(runsA.length, runsB.length); i++) {
    const a = runsA[i]?.[field];
    const b = runsB[i]?.[field];
    if (!runsA[i].error && !runsB[i].error && Number.isFinite(a) && Number.isFinite(b) && b !== 0) ratios.push(a / b);
  }
  return { median: median(ratios), samples: ratios };
}

/** The summary: medians per workload, metric and implementation, and paired ratios. */
export function summarize(raw) {
  const s = {};
  const j = (workload, fields) => {
    if (!raw[workload]) return;
    s[workload] = {};
    for (const field of fields) {
      const runs = raw[workload];
      s[workload][field] = Object.fromEntries(J_IMPLS.map((impl) => [impl, stat(runs[impl], field)]));
      s[workload][field].ratios = {
        'ocppkit/ws': pairedRatio(runs.ocppkit, runs.ws, field),
        'ocpp-rpc/ws': pairedRatio(runs['ocpp-rpc'], runs.ws, field),
        'ocppkit/ocpp-rpc': pairedRatio(runs.ocppkit, runs['ocpp-rpc'], field),
      };
    }
  };
  j('capacity', ['callsPerSec', 'serverCpuPct', 'loadCpuPct', 'otherCpuPct', 'callsPerServerCpuSec']);
  j('serverCalls', ['callsPerSec', 'serverCpuPct', 'loadCpuPct', 'otherCpuPct', 'callsPerServerCpuSec']);
  j('latency', ['callsPerSec', 'p50us', 'p99us', 'otherCpuPct']);
  j('idle', ['heapPerConn', 'rssPerConn', 'externalPerConn']);
  if (raw.moduleLoad) {
    s.moduleLoad = {};
    for (const [target, runs] of Object.entries(raw.moduleLoad)) {
      s.moduleLoad[target] = { ms: stat(runs, 'ms'), heapBytes: stat(runs, 'heapBytes') };
    }
  }
  if (raw.soap) {
    s.soap = {};
    for (const impl of Object.keys(raw.soap)) {
      s.soap[impl] = {
        Heartbeat: stat(raw.soap[impl], 'heartbeatPerSec'),
        MeterValues: stat(raw.soap[impl], 'meterValuesPerSec'),
        serverCpuPct: stat(raw.soap[impl], 'serverCpuPct'),
        loadCpuPct: stat(raw.soap[impl], 'loadCpuPct'),
        otherCpuPct: stat(raw.soap[impl], 'otherCpuPct'),
      };
    }
    s.soap.ratios = {
      Heartbeat: pairedRatio(raw.soap['ocppkit-soap'], raw.soap['node-soap'], 'heartbeatPerSec'),
      MeterValues: pairedRatio(raw.soap['ocppkit-soap'], raw.soap['node-soap'], 'meterValuesPerSec'),
    };
  }
  if (raw.validation) s.validation = raw.validation;
  if (raw.bundle) s.bundle = raw.bundle;
  s.targets = targets(s);
  return s;
}

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);

/** Every target of the issue with its measured value and PASS/MISS. */
export function targets(s) {
  const out = [];
  const add = (workload, name, value, pass, shown) =>
    out.push({ workload, name, value, shown, status: Number.isFinite(value) ? (pass ? 'PASS' : 'MISS') : 'n/a' });
  const vsWs = (workload, label, min) => {
    const m = s[workload]?.callsPerSec;
    if (!m) return;
    const r1 = m.ratios['ocppkit/ws'].median;
    add(workload, `${label}: ocppkit >= ${min.toFixed(2)}x ws`, r1, r1 >= min, `${r1.toFixed(2)}x`);
    const r2 = m.ratios['ocppkit/ocpp-rpc'].median;
    add(workload, `${label}: ocppkit >= 2x ocpp-rpc`, r2, r2 >= 2, `${r2.toFixed(2)}x`);
  };
  vsWs('capacity', 'server capacity', 0.9);
  vsWs('serverCalls', 'server-initiated calls', 0.8);
  vsWs('latency', 'single-client calls/s', 0.8);
  if (s.idle) {
    const h = s.idle.heapPerConn.ocppkit.median;
    add('idle', 'heap per idle connection <= 5 KB', h, h <= 5 * KB, `${(h / KB).toFixed(2)} KB`);
  }
  if (s.moduleLoad?.ocppkit) {
    const { ms, heapBytes } = s.moduleLoad.ocppkit;
    add('moduleLoad', "import('ocppkit') <= 50 ms", ms.median, ms.median <= 50, `${ms.median.toFixed(1)} ms`);
    add('moduleLoad', "import('ocppkit') <= 3 MB heap", heapBytes.median, heapBytes.median <= 3 * MB, `${(heapBytes.median / MB).toFixed(2)} MB`);
  }
  if (s.soap?.['ocppkit-soap'] && s.soap['node-soap']) {
    for (const action of ['Heartbeat', 'MeterValues']) {
      const r = s.soap.ratios[action].median;
      add('soap', `OCPP-S ${action}: ocppkit >= 3x node-soap`, r, r >= 3, `${r.toFixed(2)}x`);
    }
  }
  if (s.bundle) {
    const g = s.bundle.gzipBytes;
    add('bundle', 'browser entry <= 40 KB min+gzip', g, g <= 40 * KB, `${(g / KB).toFixed(1)} KB`);
  }
  return out;
}

// ---- formatting ----
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const fixed = (d) => (x) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const x2 = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '—');
const withSpread = (fmt) => (st) => {
  if (typeof st?.median === 'string') return st.median;
  if (!st || !Number.isFinite(st.median)) return st?.errors?.length ? 'error' : '—';
  return st.n > 1 ? `${fmt(st.median)} ±${(st.spread * 100).toFixed(0)}%` : fmt(st.median);
};

export function markdown(s, meta) {
  const lines = [];
  const row = (cells) => lines.push(`| ${cells.join(' | ')} |`);
  const rounds = meta?.rounds ?? 1;

  lines.push(
    `### OCPP-J: ocppkit vs ocpp-rpc vs bare ws (median of ${rounds} round${rounds > 1 ? 's' : ''} ±half-range; ratios: median of the per-round ratios)`,
  );
  lines.push('');
  row(['workload', 'metric', 'ws', 'ocppkit', 'ocpp-rpc', 'ocppkit/ws', 'ocpp-rpc/ws', 'ocppkit/ocpp-rpc']);
  row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:']);
  const jRow = (label, metric, st, fmt, ratios = true) => {
    if (!st) return;
    row([
      label,
      metric,
      ...J_IMPLS.map((impl) => withSpread(fmt)(st[impl])),
      ...(ratios ? ['ocppkit/ws', 'ocpp-rpc/ws', 'ocppkit/ocpp-rpc'].map((key) => x2(st.ratios[key].median)) : ['', '', '']),
    ]);
  };
  const c = meta?.config ?? {};
  if (s.capacity) {
    jRow(`1. server capacity (${c.capacityClients ?? 200} clients, MeterValues ×10 values)`, 'calls/s', s.capacity.callsPerSec, int);
    jRow('', 'calls per server CPU-second', s.capacity.callsPerServerCpuSec, int);
    jRow('', 'CPU %: server / load-gen / other', mergeCpu(s.capacity), (x) => x, false);
  }
  if (s.serverCalls) {
    jRow(`2. server-initiated (${c.serverCallClients ?? 200} clients, GetConfiguration)`, 'calls/s', s.serverCalls.callsPerSec, int);
    jRow('', 'calls per server CPU-second', s.serverCalls.callsPerServerCpuSec, int);
    jRow('', 'CPU %: server / load-gen / other', mergeCpu(s.serverCalls), (x) => x, false);
  }
  if (s.latency) {
    jRow('3. latency (1 client, sequential Heartbeat)', 'calls/s', s.latency.callsPerSec, int);
    jRow('', 'p50 µs', s.latency.p50us, fixed(0));
    jRow('', 'p99 µs', s.latency.p99us, fixed(0));
  }
  if (s.idle) {
    jRow(`4. idle connections (${int(c.idleConnections ?? 5000)})`, 'server heap B/conn', s.idle.heapPerConn, int);
    jRow('', 'server RSS B/conn', s.idle.rssPerConn, int);
    jRow('', 'server external+arrayBuffers B/conn', s.idle.externalPerConn, int, false);
  }

  const other = [];
  if (s.moduleLoad?.ocppkit) {
    const k = s.moduleLoad.ocppkit;
    const r = s.moduleLoad['ocpp-rpc'];
    other.push(["5. module load (fresh process)", "import('ocppkit') ms vs require('ocpp-rpc')", withSpread(fixed(1))(k.ms), withSpread(fixed(1))(r?.ms), 'ocpp-rpc', x2(ratio(k.ms.median, r?.ms.median))]);
    other.push(['', 'heap KB', withSpread((b) => int(b / KB))(k.heapBytes), withSpread((b) => int(b / KB))(r?.heapBytes), 'ocpp-rpc', x2(ratio(k.heapBytes.median, r?.heapBytes.median))]);
    const n = s.moduleLoad['ocppkit/node'];
    if (n) other.push(['', "import('ocppkit/node') ms / heap KB (info)", `${fixed(1)(n.ms.median)} / ${int(n.heapBytes.median / KB)}`, '', '', '']);
  }
  if (s.soap) {
    const k = s.soap['ocppkit-soap'];
    const n = s.soap['node-soap'];
    for (const action of ['Heartbeat', 'MeterValues']) {
      other.push([
        action === 'Heartbeat' ? `6. OCPP-S server (${c.soapConcurrency ?? 32} keep-alive connections)` : '',
        `${action} req/s`,
        withSpread(int)(k?.[action]),
        withSpread(int)(n?.[action]),
        'node-soap',
        x2(s.soap.ratios[action].median),
      ]);
    }
    other.push(['', 'CPU %: server / load-gen / other', cpuPair(k), cpuPair(n), 'node-soap', '']);
  }
  if (s.validation) {
    let first = true;
    for (const [action, v] of Object.entries(s.validation)) {
      other.push([first ? '7. validation (in-process, one core)' : '', `${action} ops/s`, int(v.ocppkit), int(v.ajv), 'Ajv (official schema)', x2(ratio(v.ocppkit, v.ajv))]);
      first = false;
    }
  }
  if (s.bundle) {
    other.push(['8. browser entry (esbuild, minified)', 'gzip KB (raw minified KB)', `${fixed(1)(s.bundle.gzipBytes / KB)} (${fixed(1)(s.bundle.minifiedBytes / KB)})`, '', '', '']);
  }
  if (other.length) {
    lines.push('');
    lines.push('### Other comparisons');
    lines.push('');
    row(['workload', 'metric', 'ocppkit', 'other', 'other is', 'ocppkit/other']);
    row(['---', '---', '---:', '---:', '---', '---:']);
    for (const cells of other) row(cells);
  }

  const unsaturated = [];
  for (const [workload, label] of [['capacity', 'server capacity'], ['serverCalls', 'server-initiated']]) {
    for (const impl of J_IMPLS) {
      const cpu = s[workload]?.serverCpuPct[impl].median;
      if (cpu < 90) unsaturated.push(`${label} ${impl} (${cpu.toFixed(0)}%)`);
    }
  }
  for (const impl of ['ocppkit-soap', 'node-soap']) if (s.soap?.[impl]?.serverCpuPct.median < 90) unsaturated.push(`OCPP-S ${impl} (${s.soap[impl].serverCpuPct.median.toFixed(0)}%)`);
  const busy = [];
  for (const [workload, label] of [['capacity', 'server capacity'], ['serverCalls', 'server-initiated'], ['latency', 'latency']]) {
    for (const impl of J_IMPLS) {
      const samples = s[workload]?.otherCpuPct[impl].samples ?? [];
      const worst = Math.max(...samples.filter(Number.isFinite));
      if (worst > 10) busy.push(`${label} ${impl} (up to ${worst.toFixed(0)}%)`);
    }
  }
  for (const impl of ['ocppkit-soap', 'node-soap']) {
    if (!s.soap?.[impl]) continue;
    const worst = Math.max(...s.soap[impl].otherCpuPct.samples.filter(Number.isFinite));
    if (worst > 10) busy.push(`OCPP-S ${impl} (up to ${worst.toFixed(0)}%)`);
  }
  if (busy.length) {
    lines.push('');
    lines.push(`> Warning: other processes used CPU during ${busy.join(', ')} (% of one core): those figures are disturbed.`);
  }
  if (unsaturated.length) {
    lines.push('');
    lines.push(
      `> Warning: server not CPU-bound (< 90% of its core) in ${unsaturated.join(', ')}: that figure is limited by the load ` +
        'generator or by other load on the machine, not by the server. Re-run on an idle machine.',
    );
  }

  if (s.targets.length) {
    lines.push('');
    lines.push('### Targets');
    lines.push('');
    row(['target', 'measured', 'status']);
    row(['---', '---:', '---']);
    for (const t of s.targets) row([t.name, t.shown ?? '—', t.status === 'MISS' ? '**MISS**' : t.status]);
  }
  return lines.join('\n');
}

function mergeCpu(w) {
  return Object.fromEntries(
    J_IMPLS.map((impl) => [
      impl,
      { median: `${fixed(0)(w.serverCpuPct[impl].median)} / ${fixed(0)(w.loadCpuPct[impl].median)} / ${fixed(0)(w.otherCpuPct[impl].median)}`, n: 1 },
    ]),
  );
}

function cpuPair(x) {
  return x ? `${fixed(0)(x.serverCpuPct.median)} / ${fixed(0)(x.loadCpuPct.median)} / ${fixed(0)(x.otherCpuPct.median)}` : '—';
}
