import { describe, expect, it } from 'vitest';
import { readServiceDescription, type SoapServiceName } from '../../src/node.js';

describe('readServiceDescription', () => {
  it('reads the generated WSDL of each OCPP-S service', async () => {
    const cs = await readServiceDescription('CentralSystemService');
    expect(cs).toContain('targetNamespace="urn://Ocpp/Cs/2015/10/"');
    expect(cs).toContain('<wsdl:operation name="BootNotification">');
    const cp = await readServiceDescription('ChargePointService');
    expect(cp).toContain('targetNamespace="urn://Ocpp/Cp/2015/10/"');
  });

  it('refuses an unknown service by name instead of reading an arbitrary file', async () => {
    await expect(readServiceDescription('../../package' as SoapServiceName)).rejects.toThrow(
      'unknown OCPP-S service "../../package"',
    );
  });
});
