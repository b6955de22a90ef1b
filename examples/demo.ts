// npm run demo — a central system with two charge points over OCPP-J and one over OCPP-S on
// this machine, running boot -> heartbeat -> authorize -> start/stop transaction, with a
// server-initiated call to each, and printing every exchange. Exits 0 when all went as OCPP
// 1.6 says, 1 otherwise.
import { CentralSystem, ChargePoint, type ChargePointAction, type Request } from '../src/index.js';
import { ChargePointServiceServer, SoapListener, WebSocketListener } from '../src/node.js';
import { SoapClient } from '../src/soap.js';

const CHARGE_POINTS = [
  { identity: 'CP-1', transport: 'json' },
  { identity: 'CP 2', transport: 'json' },
  { identity: 'CP-3', transport: 'soap' },
] as const;
const now = () => new Date().toISOString();
const colour = process.stdout.isTTY ? (code: number, text: string) => `\x1b[${code}m${text}\x1b[0m` : (_: number, t: string) => t;
const show = (payload: unknown) => {
  const text = JSON.stringify(payload);
  return text.length > 110 ? `${text.slice(0, 107)}...` : text;
};

async function main(): Promise<void> {
  // The central system: a listener per transport on free ports, shared handlers for every
  // charge point whatever it speaks.
  const cs = new CentralSystem();
  const listener = new WebSocketListener({ host: '127.0.0.1', port: 0, path: '/ocpp' });
  const soapListener = new SoapListener({ host: '127.0.0.1', port: 0, path: '/ocpp/soap' });
  cs.serve(listener);
  cs.serve(soapListener);
  const { port } = await listener.listen();
  await soapListener.listen();
  const endpoint = `ws://127.0.0.1:${port}/ocpp`;
  console.log(colour(1, `central system listening at ${endpoint}/<identity> (OCPP-J) and ${soapListener.url} (OCPP-S)\n`));

  let nextTransactionId = 1;
  cs.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: 300 }));
  cs.handle('Heartbeat', () => ({ currentTime: now() }));
  cs.handle('StatusNotification', () => ({}));
  cs.handle('Authorize', (req) => ({ idTagInfo: { status: req.idTag.startsWith('BLOCKED') ? 'Blocked' : 'Accepted' } }));
  cs.handle('StartTransaction', () => ({ transactionId: nextTransactionId++, idTagInfo: { status: 'Accepted' } }));
  cs.handle('MeterValues', () => ({}));
  cs.handle('StopTransaction', () => ({ idTagInfo: { status: 'Accepted' } }));
  cs.on('session', (session) => {
    const tag = colour(36, `CS    <-> ${session.identity.padEnd(5)}`);
    console.log(`${tag} ${colour(1, `connected over ${session.info.transport === 'json' ? 'OCPP-J' : 'OCPP-S'}`)}`);
    session.on('call', (e) => e.direction === 'out' && console.log(`${tag} ${colour(33, '-> CALL')}       ${e.action} ${show(e.payload)}`));
    session.on('result', (e) => e.direction === 'out' && console.log(`${tag} ${colour(32, '<- CALLRESULT')} ${e.action} ${show(e.payload)} (${e.durationMs} ms)`));
  });

  // Two charge points, each printing what it sends and what comes back.
  const chargePoints = CHARGE_POINTS.map(({ identity, transport }) => {
    const cp =
      transport === 'json'
        ? new ChargePoint({ identity, endpoint, reconnect: false })
        : new ChargePoint({
            identity,
            transport: new SoapClient({
              url: soapListener.url,
              identity,
              server: new ChargePointServiceServer({ host: '127.0.0.1', port: 0, path: '/ocpp/cp' }),
            }),
          });
    const tag = colour(35, `${identity.padEnd(5)} <-> CS   `);
    cp.on('call', (e) => e.direction === 'out' && console.log(`${tag} ${colour(33, '-> CALL')}       ${e.action} ${show(e.payload)}`));
    cp.on('result', (e) => e.direction === 'out' && console.log(`${tag} ${colour(32, '<- CALLRESULT')} ${e.action} ${show(e.payload)} (${e.durationMs} ms)`));
    cp.on('error', (e) => console.log(`${tag} ${colour(31, '<> CALLERROR')}  ${e.action} ${e.error.message}`));
    cp.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }));
    return cp;
  });

  const call = <A extends ChargePointAction>(cp: ChargePoint, action: A, request: Request<A>) => cp.call(action, request);
  await Promise.all(
    chargePoints.map(async (cp, index) => {
      await cp.connect();
      const boot = await call(cp, 'BootNotification', { chargePointVendor: 'ocppkit', chargePointModel: 'Demo AC22' });
      if (boot.status !== 'Accepted') throw new Error(`${cp.identity} was not accepted`);
      await call(cp, 'StatusNotification', { connectorId: 0, status: 'Available', errorCode: 'NoError' });
      await call(cp, 'Heartbeat', {});
      const idTag = `TAG-${index + 1}`;
      const auth = await call(cp, 'Authorize', { idTag });
      if (auth.idTagInfo.status !== 'Accepted') throw new Error(`${idTag} not accepted`);
      await call(cp, 'StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
      const start = await call(cp, 'StartTransaction', { connectorId: 1, idTag, meterStart: 1000, timestamp: now() });
      await call(cp, 'MeterValues', {
        connectorId: 1,
        transactionId: start.transactionId,
        meterValue: [{ timestamp: now(), sampledValue: [{ value: '3500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
      });
      await call(cp, 'StopTransaction', { transactionId: start.transactionId, meterStop: 7400, timestamp: now(), reason: 'Local', idTag });
      await call(cp, 'StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    }),
  );

  // The central system calls each charge point by identity.
  for (const { identity } of CHARGE_POINTS) {
    const answer = await cs.session(identity)!.call('GetConfiguration', { key: ['HeartbeatInterval'] });
    if (answer.configurationKey?.[0]?.value !== '300') throw new Error(`${identity}: unexpected configuration`);
  }

  await Promise.all(chargePoints.map((cp) => cp.close()));
  await cs.close();
  console.log(colour(1, `\ndone: ${CHARGE_POINTS.length} charge points booted, charged and answered the central system over OCPP-J and OCPP-S`));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
