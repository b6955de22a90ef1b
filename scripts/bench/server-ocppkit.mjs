// ocppkit's OCPP-J central system as a user would write it: CentralSystem + WebSocketListener
// from the built package, default options — validation on, strict, in every direction.
import { CentralSystem } from '../../dist/index.js';
import { WebSocketListener } from '../../dist/node.js';
import { GET_CONFIGURATION, HEARTBEAT_CONF, METER_VALUES_CONF } from './payloads.mjs';

/** The handlers every ocppkit bench server runs: count and answer MeterValues and Heartbeat. */
export function answerLoad(cs, counters) {
  cs.handle('MeterValues', () => {
    counters.calls++;
    return METER_VALUES_CONF;
  });
  cs.handle('Heartbeat', () => {
    counters.calls++;
    return HEARTBEAT_CONF;
  });
}

export async function createServer(counters, { host }) {
  const cs = new CentralSystem();
  const listener = new WebSocketListener({ host, port: 0, path: '/ocpp' });
  cs.serve(listener);
  answerLoad(cs, counters);
  const { port } = await listener.listen();
  let calling = null;

  async function callLoop(session) {
    while (calling && session.connected && Date.now() < calling.deadlineAt && counters.calls < calling.maxCalls) {
      try {
        await session.call('GetConfiguration', GET_CONFIGURATION);
        counters.calls++;
      } catch {
        counters.errors++;
        return;
      }
    }
  }

  let count = 0;
  cs.on('session', () => count++);
  cs.on('sessionClosed', () => count--);

  return {
    port,
    sessions: () => count,
    startServerCalls(limits) {
      calling = limits;
      for (const session of cs.sessions()) void callLoop(session);
    },
    stopServerCalls() {
      calling = null;
    },
    close: () => cs.close(),
  };
}
