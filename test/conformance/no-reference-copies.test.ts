// The official files are an oracle, never part of ocppkit: no project file may equal one of
// them, byte for byte or after trivial edits (line endings, whitespace, JSON formatting).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR, readReference } from '../reference.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage']);

function projectFiles(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    // docs/api is typedoc's output, not committed.
    if (SKIP.has(name) || (name === 'api' && dir === join(ROOT, 'docs'))) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? projectFiles(path) : [path];
  });
}

function referenceFiles(dir = REFERENCE_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? referenceFiles(path) : [path];
  });
}

// What stays of a file when formatting is ignored: JSON re-serialised, whitespace removed.
function normalised(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.replace(/\s+/g, '');
  }
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('no file of the official reference set is copied into the project', () => {
  const files = projectFiles();

  it('no project file has the sha256 of a reference file', () => {
    const official = new Set(
      readReference('ocpp16/SHA256SUMS')
        .split('\n')
        .map((line) => line.split(/\s+/)[0])
        .filter(Boolean),
    );
    expect(official.size).toBeGreaterThan(80);
    expect(files.filter((f) => official.has(sha256(readFileSync(f))))).toEqual([]);
  });

  it('no project file equals a reference file after normalising formatting', () => {
    const official = new Map(referenceFiles().map((f) => [sha256(normalised(readFileSync(f, 'utf8'))), f]));
    const copies = files.filter((f) => official.has(sha256(normalised(readFileSync(f, 'utf8')))));
    expect(copies).toEqual([]);
  });
});
