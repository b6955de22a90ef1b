// SoapPeer on fake time: a request whose handler never answers gets a fault when its time is up.
import { describe, expect, it } from 'vitest';
import { RpcEndpoint } from '../../../src/index.js';
import { SoapPeer, buildMessageEnvelope, parseEnvelope } from '../../../src/soap.js';
import { FakeClock } from '../../fake-clock.js';

describe('SoapPeer', () => {
  it('answers a request its handler never finishes with an InternalError fault after requestTimeoutMs', async () => {
    const clock = new FakeClock();
    const peer = new SoapPeer({ identity: 'CP1', localService: 'CentralSystemService', requestTimeoutMs: 5_000, clock });
    const endpoint = new RpcEndpoint({ clock });
    endpoint.handle('Heartbeat', () => new Promise(() => {}));
    peer.attach(endpoint);
    const request = buildMessageEnvelope(
      { namespace: 'urn://Ocpp/Cs/2015/10/', action: '/Heartbeat', messageId: 'urn:uuid:7', chargeBoxIdentity: 'CP1' },
      'heartbeatRequest',
      'HeartbeatRequest',
      {},
    );
    const reply = peer.answer(parseEnvelope(request));
    clock.advance(4_999);
    let settled = false;
    void reply.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advance(1);
    const { status, body } = await reply;
    expect(status).toBe(500);
    expect(parseEnvelope(body)).toMatchObject({
      headers: { relatesTo: 'urn:uuid:7' },
      content: { kind: 'fault', fault: { subcode: 'InternalError', reason: 'the request was not answered in time' } },
    });
  });
});
