// The official OCPP 1.6 files the bench compares against, read in place beside the project
// (../shared/reference), wherever the project is checked out.
import { fileURLToPath } from 'node:url';

/** Absolute path of a file or folder under ../shared/reference/ocpp16/. */
export function referencePath(relative) {
  return fileURLToPath(new URL(`../../../shared/reference/ocpp16/${relative}`, import.meta.url));
}
