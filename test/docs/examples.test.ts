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

describe('getting-started guides', () => {
  it('show their example files verbatim', () => {
    expect(read('docs/central-system.md')).toContain(read('docs/examples/central-system.ts'));
    expect(read('docs/charge-point.md')).toContain(read('docs/examples/charge-point.ts'));
  });

  it('the guide charge point boots against the guide central system, which reads its configuration', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { startCentralSystem } = await import('../../docs/examples/central-system.js');
    const { runChargePoint } = await import('../../docs/examples/charge-point.js');
    const { cs, listener } = await startCentralSystem(0);
    const configured = new Promise<void>((resolve) => {
      log.mockImplementation((...args: unknown[]) => {
        if (String(args[0]).includes('HeartbeatInterval')) resolve();
      });
    });
    const { cp, boot, heartbeat } = await runChargePoint(`ws://127.0.0.1:${listener.port}/ocpp`);
    try {
      expect(boot.status).toBe('Accepted');
      expect(heartbeat.currentTime).toMatch(/^\d{4}-/);
      await configured;
      expect(log).toHaveBeenCalledWith('CP-1 HeartbeatInterval:', '300');
      await expect(cp.call('Authorize', { idTag: 'STOLEN' })).rejects.toMatchObject({ code: 'SecurityError' });
    } finally {
      await cp.close();
      await cs.close();
    }
  });
});

describe('OCPP-S guide', () => {
  it('shows its example file verbatim, and the example works', async () => {
    expect(read('docs/soap.md')).toContain(read('docs/examples/soap.ts'));
    const { createServer } = await import('node:http');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    const { runSoapExample } = await import('../../docs/examples/soap.js');
    const { cs, cp, boot, started } = await runSoapExample(server, port);
    try {
      expect(boot.status).toBe('Accepted');
      expect(started).toEqual({ status: 'Accepted' });
    } finally {
      await cp.close();
      await cs.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
