import { defineConfig } from 'tsup';

// Two entry points, as ESM + CJS + declarations. They are built together with code splitting,
// so `ocppkit/node` shares the very same modules (registry, error classes) as `ocppkit`
// instead of carrying a second copy. `ocppkit` itself imports no Node built-in; the browser
// bundle test and the lint rule keep it that way.
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', soap: 'src/soap.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  target: 'es2022',
  platform: 'node',
  external: ['ws'],
  shims: true,
});
