// Size of the browser entry: esbuild bundle of src/index.ts for the browser, minified, then
// gzip (level 9) — the same measurement as test/package/browser-bundle.test.ts. Returns bytes.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function browserBundleSize() {
  const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await browserBundleSize()));
}
