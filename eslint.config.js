import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'coverage/', 'node_modules/', 'src/ocpp16/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The isomorphic entry must stay browser-safe.
    files: ['src/**/*.ts'],
    ignores: ['src/node.ts', 'src/ocpp16/service-description.ts', 'src/transports/json/websocket-server.ts', 'src/transports/soap/http-server.ts', 'src/transports/soap/soap-listener.ts', 'src/transports/node-server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'ws', 'fs', 'http', 'https', 'net', 'tls', 'path', 'crypto'], message: 'ocppkit (isomorphic) must not import Node built-ins or ws; put Node-only code behind ocppkit/node.' }] },
      ],
    },
  },
);
