import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples in docs/ import the package by name, as users do.
    alias: {
      'ocppkit/node': fileURLToPath(new URL('./src/node.ts', import.meta.url)),
      'ocppkit/soap': fileURLToPath(new URL('./src/soap.ts', import.meta.url)),
      ocppkit: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
  },
});
