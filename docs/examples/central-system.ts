import { CentralSystem, OcppError } from 'ocppkit';
import { WebSocketListener } from 'ocppkit/node';

/** Starts a central system for OCPP-J charge points at ws://host:port/ocpp/<identity>. */
export async function startCentralSystem(port = 9220) {
  const cs = new CentralSystem();
  const known = new Set(['CP-1', 'CP-2']);

  // One listener per transport and port; the authenticate hook runs on every handshake.
  const listener = new WebSocketListener({
    host: '127.0.0.1',
    port,
    path: '/ocpp',
    authenticate: ({ identity }) => (known.has(identity) ? true : { status: 404 }),
  });
  cs.serve(listener);
  await listener.listen();

  // Handlers serve every charge point; the context says which one is calling.
  cs.handle('BootNotification', (request, { identity }) => {
    console.log(`${identity} booted: ${request.chargePointVendor} ${request.chargePointModel}`);
    return { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 };
  });
  cs.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
  cs.handle('Authorize', ({ idTag }) => {
    if (idTag === 'STOLEN') throw new OcppError('SecurityError', 'this card is reported stolen');
    return { idTagInfo: { status: 'Accepted' } };
  });

  // Call a charge point by identity once it is connected.
  cs.on('session', (session) => {
    void session
      .call('GetConfiguration', { key: ['HeartbeatInterval'] })
      .then((answer) => console.log(`${session.identity} HeartbeatInterval:`, answer.configurationKey?.[0]?.value));
  });
  return { cs, listener };
}
