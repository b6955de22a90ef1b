// The OCPP-J server on a user's own HTTP server: ocppkit adds only an upgrade handler, the
// user's routes keep working, and closing the listener leaves the user's server running.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralSystem, ChargePoint } from '../../src/index.js';
import { WebSocketListener } from '../../src/node.js';

let server: Server;
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('WebSocketListener on an existing HTTP server', () => {
  it('serves OCPP-J beside the server’s own routes and leaves the server running when closed', async () => {
    server = createServer((_req, res) => res.end('dashboard'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const cs = new CentralSystem();
    cs.handle('Heartbeat', () => ({ currentTime: '2025-01-31T10:00:00Z' }));
    const listener = new WebSocketListener({ server, path: '/ocpp' });
    cs.serve(listener);
    expect((await listener.listen()).port).toBe(port);

    const cp = new ChargePoint({ identity: 'CP-1', endpoint: `ws://127.0.0.1:${port}/ocpp`, reconnect: false });
    await cp.connect();
    await expect(cp.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2025-01-31T10:00:00Z' });
    expect(await get(port, '/status')).toEqual({ status: 200, body: 'dashboard' });

    const closed = new Promise<number>((resolve) => cp.once('close', (e) => resolve(e.code)));
    await cs.close();
    expect(await closed).toBe(1001);
    await cp.close();
    expect(server.listening).toBe(true);
    expect(await get(port, '/status')).toEqual({ status: 200, body: 'dashboard' });
  });
});
