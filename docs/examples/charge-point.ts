import { ChargePoint, OcppError } from 'ocppkit';

/** Connects charge point CP-1 to `endpoint`, boots, and sends a heartbeat. */
export async function runChargePoint(endpoint = 'ws://127.0.0.1:9220/ocpp') {
  const cp = new ChargePoint({
    identity: 'CP-1',
    endpoint, // the identity is appended: ws://127.0.0.1:9220/ocpp/CP-1
    reconnect: { initialDelayMs: 1_000, maxDelayMs: 60_000 },
  });

  // Answer what the central system may ask; anything not handled is answered NotSupported.
  cp.handle('GetConfiguration', () => ({
    configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
  }));
  cp.handle('Reset', ({ type }) => {
    if (type === 'Hard') throw new OcppError('NotSupported', 'this charger only restarts its software');
    return { status: 'Accepted' };
  });

  await cp.connect(); // retries with back-off until the central system answers
  const boot = await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'AC22' });
  const heartbeat = await cp.call('Heartbeat', {});
  return { cp, boot, heartbeat };
}
