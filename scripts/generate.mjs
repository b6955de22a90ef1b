#!/usr/bin/env node
// npm run generate: schemas/ -> src/ocpp16/generated/ and wsdl/ocpp1.6/.
// With --check it writes nothing and fails when a generated file is missing or stale.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from './lib/schema-model.mjs';
import { emitValidators } from './lib/emit-validators.mjs';
import { emitTypes } from './lib/emit-types.mjs';
import { emitRegistry } from './lib/emit-registry.mjs';
import { emitWsdl } from './lib/emit-wsdl.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const model = loadModel(root);
const outputs = {
  'src/ocpp16/generated/types.ts': await emitTypes(model),
  'src/ocpp16/generated/validators.ts': emitValidators(model),
  'src/ocpp16/generated/actions.ts': emitRegistry(model),
  ...emitWsdl(model),
};

const stale = [];
for (const [path, content] of Object.entries(outputs)) {
  const file = join(root, path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === content) continue;
  if (check) stale.push(path);
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    console.log(`wrote ${path}`);
  }
}
if (stale.length > 0) {
  console.error(`generated files are out of date; run npm run generate:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'generated files are up to date' : `${model.actions.length} actions, ${model.actions.length * 2} messages`);
