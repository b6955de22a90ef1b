// npm run demo is the main job: it must run to the end and show the exchanges.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('npm run demo', () => {
  it('runs boot, heartbeat, authorize and a transaction for charge points over OCPP-J and OCPP-S and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'examples/demo.ts'], {
      cwd: ROOT,
      timeout: 60_000,
    });
    for (const [identity, transport] of [['CP-1', 'OCPP-J'], ['CP 2', 'OCPP-J'], ['CP-3', 'OCPP-S']]) {
      expect(stdout).toMatch(new RegExp(`CS +<-> ${identity} +connected over ${transport}`));
      for (const action of ['BootNotification', 'Heartbeat', 'Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction']) {
        expect(stdout).toMatch(new RegExp(`${identity} +<-> CS +<- CALLRESULT ${action} `));
      }
      expect(stdout).toMatch(new RegExp(`CS +<-> ${identity} +<- CALLRESULT GetConfiguration `));
    }
    expect(stdout).toContain('done: 3 charge points booted');
  }, 90_000);
});
