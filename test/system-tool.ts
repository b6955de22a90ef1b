/**
 * Tests that need a system tool (chromium, xmllint, openssl, ...) find it on the PATH.
 *
 * The project's rule: under CI (`CI=true`) a missing tool fails the run, because a CI image
 * without it would otherwise pass while testing nothing; on a developer's machine the tests that
 * need it are skipped, with a notice naming the Debian package that provides it.
 *
 * @example
 * ```ts
 * import { describe } from 'vitest';
 * import { findTool, requireTool } from '../system-tool.js';
 *
 * const hasXmllint = requireTool('xmllint', 'libxml2-utils');
 * describe.skipIf(!hasXmllint)('schema validation with xmllint', () => {
 *   const xmllint = findTool('xmllint')!; // an absolute path
 *   // ...
 * });
 * ```
 *
 * @packageDocumentation
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** True when the tests run under CI (`CI=true`), where a missing system tool is an error. */
export const underCi = process.env.CI === 'true';

/**
 * Where `command` is on the PATH, like `which`: the absolute path of the first executable
 * regular file named `command` in a PATH directory, or `undefined`. On Windows the PATHEXT
 * extensions are tried too. A `command` containing a slash is checked as a path.
 */
export function findTool(command: string, path = process.env.PATH ?? ''): string | undefined {
  if (command.includes('/')) return isExecutableFile(command) ? command : undefined;
  const extensions =
    process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const directory of path.split(delimiter)) {
    // An empty PATH entry means the current directory; like `which`, do not look there.
    if (!directory || !isAbsolute(directory)) continue;
    for (const extension of extensions) {
      const candidate = join(directory, command + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Checks that the system tool `command` is on the PATH, for tests that need it.
 *
 * Call it at the top level of a test file (while vitest collects the tests) and guard the tests
 * with the result: `describe.skipIf(!requireTool('chromium', 'chromium'))(...)`.
 *
 * @param command - The command looked up on the PATH, e.g. `chromium`, `xmllint`, `openssl`.
 * @param debianPackage - The Debian package that installs it, named in the messages
 *   (e.g. `chromium`, `libxml2-utils`, `openssl`).
 * @returns `true` when the tool is present. When it is absent: under CI (`CI=true`) it throws,
 *   which fails the test file and so the run; elsewhere it prints a notice to stderr and
 *   returns `false`, for the caller to skip the tests that need the tool.
 * @throws Error under CI when the tool is missing.
 */
export function requireTool(command: string, debianPackage: string): boolean {
  if (findTool(command) !== undefined) return true;
  const install = `apt-get install ${debianPackage}`;
  if (underCi) {
    throw new Error(
      `system tool "${command}" is not on the PATH, and CI=true requires it: install it in the CI image (${install})`,
    );
  }
  console.warn(`[system-tool] skipping the tests that need "${command}": it is not on the PATH. Install it with: ${install}`);
  return false;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
