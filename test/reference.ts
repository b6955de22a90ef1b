// Where the official OCPP 1.6 files live: beside the project, never inside it. Tests read them
// as an oracle; nothing from there is copied into ocppkit.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared reference folder (`../shared/reference` from the project root). */
export const REFERENCE_DIR = fileURLToPath(new URL('../../shared/reference/', import.meta.url));

/** Reads a file of the reference set, relative to {@link REFERENCE_DIR}. */
export function readReference(path: string): string {
  return readFileSync(REFERENCE_DIR + path, 'utf8');
}

/** Lists a folder of the reference set. */
export function listReference(path: string): string[] {
  return readdirSync(REFERENCE_DIR + path).sort();
}
