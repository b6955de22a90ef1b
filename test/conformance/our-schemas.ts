// Our own schemas/ as self-contained documents, one per definition, for the corpus generator.
import { readFileSync, readdirSync } from 'node:fs';

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);

/** Every definition of schemas/, by name, with references rewritten to `#/$defs/<Name>`. */
export const ourDefinitions: Record<string, Record<string, unknown>> = (() => {
  const defs: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const text = readFileSync(new URL(file, SCHEMA_DIR), 'utf8').replace(/urn:ocppkit:ocpp1\.6:[a-z-]+#/g, '#');
    Object.assign(defs, (JSON.parse(text) as { $defs: typeof defs }).$defs);
  }
  return defs;
})();

/** One message schema of ours, with every definition it may reference beside it. */
export function ourMessageSchema(name: string): Record<string, unknown> {
  const def = ourDefinitions[name];
  if (!def) throw new Error(`schemas/ has no definition ${name}`);
  return { ...def, $defs: ourDefinitions };
}
