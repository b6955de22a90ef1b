// Starting and stopping the HTTP(S) servers ocppkit creates for its listeners (Node only).
import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Starts `server` on `port`/`host` unless it already listens; resolves with the bound address. */
export async function listenOn(server: Server | HttpsServer, port = 0, host?: string): Promise<AddressInfo> {
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }
  return server.address() as AddressInfo;
}

/** Stops `server` and cuts its idle keep-alive connections, so closing does not wait for them. */
export function stopServer(server: Server | HttpsServer): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
