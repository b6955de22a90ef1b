// Module load cost, in a fresh process: `node --expose-gc module-load.mjs <target>` prints
// {ms, heapBytes} for loading one library — wall time of the import/require, and heapUsed
// after GC minus heapUsed after GC before it.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TARGETS = {
  // The built package's main (ESM) entry — what `import('ocppkit')` resolves to.
  ocppkit: { kind: 'import', specifier: pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href },
  'ocppkit/node': { kind: 'import', specifier: pathToFileURL(fileURLToPath(new URL('../../dist/node.js', import.meta.url))).href },
  'ocpp-rpc': { kind: 'require', specifier: 'ocpp-rpc' },
};

const target = TARGETS[process.argv[2]];
const gc = globalThis.gc;
if (!target || typeof gc !== 'function') {
  console.error('usage: node --expose-gc module-load.mjs <ocppkit|ocppkit/node|ocpp-rpc>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
gc();
gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const loaded = target.kind === 'import' ? await import(target.specifier) : require(target.specifier);
const ms = performance.now() - t0;
gc();
gc();
const heapBytes = process.memoryUsage().heapUsed - heapBefore;
if (!loaded || Object.keys(loaded).length === 0) throw new Error('nothing was loaded');
process.stdout.write(JSON.stringify({ ms, heapBytes, exports: Object.keys(loaded).length }));
