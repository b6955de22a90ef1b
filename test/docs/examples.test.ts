// The examples in README.md and docs/ are real files that npm run check compiles; here they
// run, and what they print is what their comments promise.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

async function printed(module: string): Promise<unknown[][]> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.resetModules();
  await import(module);
  return log.mock.calls;
}

afterEach(() => vi.restoreAllMocks());

describe('documentation examples', () => {
  it('README.md shows docs/examples/first-example.ts verbatim', () => {
    expect(read('README.md')).toContain('```ts\n' + read('docs/examples/first-example.ts') + '```');
  });

  it('the first example prints what its comments say', async () => {
    expect(await printed('../../docs/examples/first-example.ts')).toEqual([
      [true],
      ['TypeConstraintViolation'],
      ['StatusNotification request: /connectorId must be an integer, got the string "1"'],
    ]);
  });

  it('docs/message-model.md shows docs/examples/validation-options.ts verbatim', () => {
    expect(read('docs/message-model.md')).toContain(read('docs/examples/validation-options.ts'));
  });

  it('the validation-options example prints what its comments say', async () => {
    expect(await printed('../../docs/examples/validation-options.ts')).toEqual([
      [true],
      ['/status', 'enum', 'Later'],
      [['ClearChargingProfile', 'GetCompositeSchedule', 'SetChargingProfile']],
    ]);
  });
});
