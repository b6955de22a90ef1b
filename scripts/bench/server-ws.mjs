// Baseline: a bare `ws` responder with minimal correct OCPP-J framing — parse the array,
// answer CALLs with a fixed valid payload, match CALLRESULTs to the call in flight — and no
// validation. What a hand-written server costs; the ceiling the libraries are compared to.
import { WebSocketServer } from 'ws';
import { GET_CONFIGURATION, HEARTBEAT_CONF, METER_VALUES_CONF } from './payloads.mjs';

const ANSWERS = {
  MeterValues: `,${JSON.stringify(METER_VALUES_CONF)}]`,
  Heartbeat: `,${JSON.stringify(HEARTBEAT_CONF)}]`,
};
const GET_CONFIGURATION_JSON = JSON.stringify(GET_CONFIGURATION);

export async function createServer(counters, { host }) {
  const sockets = new Set();
  let calling = null; // { deadlineAt, maxCalls } while server-initiated calls run
  const wss = new WebSocketServer({
    host,
    port: 0,
    clientTracking: false,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has('ocpp1.6') ? 'ocpp1.6' : false),
  });
  await new Promise((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });

  wss.on('connection', (ws) => {
    const state = { ws, pending: null, next: 0 };
    sockets.add(state);
    ws.on('close', () => sockets.delete(state));
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let frame;
      try {
        frame = JSON.parse(data);
      } catch {
        counters.errors++;
        return;
      }
      if (!Array.isArray(frame) || typeof frame[1] !== 'string') {
        counters.errors++;
        return;
      }
      const [type, id] = frame;
      if (type === 2) {
        const answer = ANSWERS[frame[2]];
        if (answer === undefined) {
          ws.send(`[4,${JSON.stringify(id)},"NotImplemented","",{}]`);
          counters.errors++;
          return;
        }
        counters.calls++;
        ws.send(`[3,${JSON.stringify(id)}${answer}`);
      } else if (type === 3 || type === 4) {
        if (id !== state.pending) {
          counters.errors++;
          return;
        }
        state.pending = null;
        if (type === 3) counters.calls++;
        else counters.errors++;
        callNext(state);
      }
    });
  });

  function callNext(state) {
    if (!calling || Date.now() >= calling.deadlineAt || counters.calls >= calling.maxCalls) return;
    if (state.ws.readyState !== state.ws.OPEN) return;
    state.pending = `s${(state.next++).toString(36)}`;
    state.ws.send(`[2,"${state.pending}","GetConfiguration",${GET_CONFIGURATION_JSON}]`);
  }

  return {
    port: wss.address().port,
    sessions: () => sockets.size,
    startServerCalls(limits) {
      calling = limits;
      for (const state of sockets) callNext(state);
    },
    stopServerCalls() {
      calling = null;
    },
    close: () => new Promise((resolve) => wss.close(() => resolve())),
  };
}
