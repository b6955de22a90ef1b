// maxPayload: a message bigger than the listener accepts closes the connection with 1009, and
// every call waiting on that connection, on both sides, fails at once.
import { describe, expect, it } from 'vitest';
import { NotConnectedError } from '../../src/index.js';
import { record, useHarness } from './harness.js';

const h = useHarness();
const MAX_PAYLOAD = 1024;

describe('maxPayload', () => {
  it('lets a message under the limit through', async () => {
    const server = await h.centralSystem({ listener: { maxPayload: MAX_PAYLOAD } });
    server.cs.handle('DataTransfer', ({ data }) => ({ status: 'Accepted', data: String(data?.length) }));
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    await cp.connect();
    const data = 'x'.repeat(MAX_PAYLOAD - 200); // leaves room for the frame around it
    await expect(cp.call('DataTransfer', { vendorId: 'ACME', data })).resolves.toEqual({ status: 'Accepted', data: String(data.length) });
  });

  it('closes with 1009 on a bigger message; pending calls on both sides reject with NotConnectedError', async () => {
    const server = await h.centralSystem({ listener: { maxPayload: MAX_PAYLOAD } });
    server.cs.handle('DataTransfer', () => ({ status: 'Accepted' }));
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url });
    let aborted: unknown;
    cp.handle('GetConfiguration', (_request, context) => {
      context.signal.addEventListener('abort', () => (aborted = context.signal.reason));
      return new Promise(() => {}); // answers never
    });
    const log = record(cp, ['call', 'close']);
    await cp.connect();
    const session = await server.events.nth('session');

    // A call of the central system waits on the charge point's handler...
    const waiting = session.call('GetConfiguration', {});
    waiting.catch(() => {}); // inspected below
    await log.nth('call');
    // ...when the charge point sends too much.
    const tooBig = cp.call('DataTransfer', { vendorId: 'ACME', data: 'x'.repeat(MAX_PAYLOAD) });

    await expect(tooBig).rejects.toBeInstanceOf(NotConnectedError);
    await expect(waiting).rejects.toBeInstanceOf(NotConnectedError);
    expect((await log.nth('close')).code).toBe(1009);
    const closed = await server.events.nth('sessionClosed');
    expect(closed.session).toBe(session);
    expect(session.connected).toBe(false);
    expect(server.cs.session('CP1')).toBeUndefined();
    expect(aborted).toBeInstanceOf(NotConnectedError);
  });
});
