// The published shape: both entry points, as ESM and CJS, built by tsup with the project's
// configuration, expose the same API; the Node entry also reads the shipped WSDLs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  exports: Record<string, { import: { types: string; default: string }; require: { types: string; default: string } }>;
};
let out: string;

beforeAll(() => {
  // Inside the project, so the build's own imports (ws, fast-xml-parser) resolve as for a user.
  const cache = join(ROOT.pathname, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, 'ocppkit-build-'));
  execFileSync(process.execPath, [join(ROOT.pathname, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', out], {
    cwd: ROOT.pathname,
    stdio: 'pipe',
  });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('package exports', () => {
  it('maps ocppkit and ocppkit/node to ESM, CJS and declarations that the build produces', () => {
    for (const entry of ['.', './node', './soap']) {
      const target = pkg.exports[entry]!;
      for (const file of [target.import.default, target.import.types, target.require.default, target.require.types]) {
        expect(() => readFileSync(join(out, file.replace('./dist/', ''))), file).not.toThrow();
      }
    }
  });

  it('gives the same API from ESM and CJS, for both entry points', async () => {
    const esm = (await import(pathToFileURL(join(out, 'index.js')).href)) as typeof import('../../src/index.js');
    const cjs = createRequire(import.meta.url)(join(out, 'index.cjs')) as typeof import('../../src/index.js');
    const node = (await import(pathToFileURL(join(out, 'node.js')).href)) as typeof import('../../src/node.js');
    for (const api of [esm, cjs, node]) {
      expect(Object.keys(api.actionRegistry)).toHaveLength(39);
      expect(api.validateRequest('Heartbeat', {})).toEqual({ valid: true });
    }
    // The Node entry shares the isomorphic modules rather than bundling a second copy.
    expect(node.actionRegistry).toBe(esm.actionRegistry);
  });
});
