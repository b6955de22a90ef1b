// The isomorphic entry bundles for browsers: no Node built-in, no ws, and the size the README
// states.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);

async function bundle() {
  const result = await build({
    entryPoints: [new URL('src/index.ts', ROOT).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.contents, inputs: Object.keys(result.metafile.inputs) };
}

describe('the ocppkit entry bundled for the browser', () => {
  it('contains no Node built-in and not ws', async () => {
    const { inputs } = await bundle();
    expect(inputs.filter((input) => /(^|\/)node:|node_modules\/ws\//.test(input))).toEqual([]);
    expect(inputs.some((input) => input.includes('src/ocpp16/generated/validators.ts'))).toBe(true);
  });

  it('is the minified+gzip size the README states (within 10%)', async () => {
    const { code } = await bundle();
    const kilobytes = gzipSync(code, { level: 9 }).length / 1024;
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    const stated = /minified \+ gzip: ([\d.]+) KB/.exec(readme);
    expect(stated, 'README.md states "minified + gzip: N KB"').not.toBeNull();
    const claimed = Number(stated![1]);
    expect(Math.abs(kilobytes - claimed) / claimed, `measured ${kilobytes.toFixed(1)} KB`).toBeLessThan(0.1);
  });
});
