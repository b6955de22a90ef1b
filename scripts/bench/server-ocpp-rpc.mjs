// ocpp-rpc 2.2.1's RPCServer with strictMode: true (its schema validation of calls and
// responses), otherwise default options.
import { createRequire } from 'node:module';
import { GET_CONFIGURATION, HEARTBEAT_CONF, METER_VALUES_CONF } from './payloads.mjs';

const require = createRequire(import.meta.url);
const { RPCServer } = require('ocpp-rpc');

export async function createServer(counters, { host }) {
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
  const clients = new Set();
  let calling = null;

  async function callLoop(client) {
    while (calling && clients.has(client) && Date.now() < calling.deadlineAt && counters.calls < calling.maxCalls) {
      try {
        await client.call('GetConfiguration', GET_CONFIGURATION);
        counters.calls++;
      } catch {
        counters.errors++;
        return;
      }
    }
  }

  server.on('client', (client) => {
    clients.add(client);
    client.once('close', () => clients.delete(client));
    client.handle('MeterValues', () => {
      counters.calls++;
      return METER_VALUES_CONF;
    });
    client.handle('Heartbeat', () => {
      counters.calls++;
      return HEARTBEAT_CONF;
    });
  });
  const http = await server.listen(0, host);
  return {
    port: http.address().port,
    sessions: () => clients.size,
    startServerCalls(limits) {
      calling = limits;
      for (const client of clients) void callLoop(client);
    },
    stopServerCalls() {
      calling = null;
    },
    close: () => server.close({ force: true }),
  };
}
