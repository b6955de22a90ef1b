// Summarises a V8 .cpuprofile (node --cpu-prof): the top self-time frames.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Top `n` frames by self time, idle excluded: [{ fn, where, selfMs, pct (of busy time) }]. */
export function topSelfFrames(file, n = 10) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the next delta to this sample.
    const dt = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const frames = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)') continue; // waiting, not working: out of the total
    const url = callFrame.url.startsWith('file://') ? relative(ROOT, fileURLToPath(callFrame.url)) : callFrame.url;
    const fn = callFrame.functionName || '(anonymous)';
    const where = url ? `${url}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}` : '';
    const key = `${fn} ${where}`;
    const entry = frames.get(key) ?? { fn, where, selfUs: 0 };
    entry.selfUs += us;
    frames.set(key, entry);
    total += us;
  }
  return [...frames.values()]
    .sort((a, b) => b.selfUs - a.selfUs)
    .slice(0, n)
    .map(({ fn, where, selfUs }) => ({ fn, where, selfMs: selfUs / 1000, pct: (selfUs / total) * 100 }));
}

export function formatFrames(frames) {
  const lines = ['| # | self % (of busy) | self ms | function | location |', '| ---: | ---: | ---: | --- | --- |'];
  frames.forEach((f, i) => lines.push(`| ${i + 1} | ${f.pct.toFixed(1)} | ${f.selfMs.toFixed(0)} | \`${f.fn}\` | ${f.where || '(native)'} |`));
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatFrames(topSelfFrames(process.argv[2], Number(process.argv[3] ?? 10))));
}
