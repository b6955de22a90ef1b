// The RPC core on fake time: correlation, queueing, crossing calls, timeouts, aborts, late
// responses, duplicate ids, every error-mapping row and bad frames.
import { describe, expect, it } from 'vitest';
import {
  CallTimeoutError,
  InvalidMessageError,
  NotConnectedError,
  OcppError,
  QueueFullError,
  RpcEndpoint,
  decodeFrame,
} from '../../src/index.js';
import { connectedPair, scriptedPeer, settle } from './loopback.js';

const boot = { chargePointVendor: 'ACME', chargePointModel: 'AC22' };
const bootAnswer = { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 };

describe('correlation', () => {
  it('matches responses by id, not by arrival order', async () => {
    const { side, deliver } = scriptedPeer({ maxCallsInFlight: 2 });
    const first = side.endpoint.call('Heartbeat', {});
    const second = side.endpoint.call('BootNotification', boot);
    expect(side.sent.map((m) => m.id)).toEqual(['id-1', 'id-2']);
    deliver({ kind: 'result', id: 'id-2', payload: bootAnswer });
    deliver({ kind: 'result', id: 'id-1', payload: { currentTime: '2025-01-31T10:00:01Z' } });
    await expect(second).resolves.toEqual(bootAnswer);
    await expect(first).resolves.toEqual({ currentTime: '2025-01-31T10:00:01Z' });
  });

  it('registers a call before sending it, so an immediate answer is matched', async () => {
    // A transport that answers synchronously, inside send().
    const endpoint = new RpcEndpoint();
    endpoint.attach({
      send: (m) => endpoint.receive({ kind: 'result', id: m.id, payload: { currentTime: '2025-01-31T10:00:00Z' } }),
      close: () => {},
    });
    await expect(endpoint.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2025-01-31T10:00:00Z' });
  });

  it('drops and reports a response with an unknown id', () => {
    const { endpoint, deliver } = scriptedPeer();
    const unmatched: unknown[] = [];
    endpoint.on('unmatchedResponse', (e) => unmatched.push(e));
    deliver({ kind: 'result', id: 'never-sent', payload: {} });
    expect(unmatched).toEqual([{ id: 'never-sent', kind: 'result' }]);
  });

  it('sends {} for a missing payload and accepts null payloads', async () => {
    const { side, deliver } = scriptedPeer();
    const call = side.endpoint.call('ClearCache', undefined as never, {});
    expect(side.sent[0]).toMatchObject({ kind: 'call', payload: {} });
    // A null response payload is read as {}: here that lacks ClearCacheResponse.status.
    deliver({ kind: 'result', id: 'id-1', payload: null });
    await expect(call).rejects.toMatchObject({ failure: { code: 'OccurenceConstraintViolation' } });
    const { side: cp, deliver: toCp } = scriptedPeer();
    cp.endpoint.handle('ClearCache', () => ({ status: 'Accepted' }));
    toCp({ kind: 'call', id: 'x', action: 'ClearCache', payload: null });
    await settle();
    expect(cp.sent).toEqual([{ kind: 'result', id: 'x', payload: { status: 'Accepted' } }]);
  });
});

describe('one call in flight, and a bounded queue', () => {
  it('sends the next call only when the previous one is answered', async () => {
    const { side, deliver } = scriptedPeer();
    const calls = [side.endpoint.call('Heartbeat', {}), side.endpoint.call('Heartbeat', {}), side.endpoint.call('Heartbeat', {})];
    expect(side.sent).toHaveLength(1);
    expect(side.endpoint.callsQueued).toBe(2);
    for (let i = 1; i <= 3; i++) {
      deliver({ kind: 'result', id: `id-${i}`, payload: { currentTime: '2025-01-31T10:00:00Z' } });
      expect(side.sent).toHaveLength(Math.min(3, i + 1));
    }
    await Promise.all(calls);
  });

  it('honours a higher maxCallsInFlight', () => {
    const { side } = scriptedPeer({ maxCallsInFlight: 3 });
    for (let i = 0; i < 5; i++) void side.endpoint.call('Heartbeat', {}).catch(() => {});
    expect(side.sent).toHaveLength(3);
    expect(side.endpoint.callsInFlight).toBe(3);
  });

  it('rejects a call when the queue is full, with a clear error', async () => {
    const { side } = scriptedPeer({ maxQueuedCalls: 2 });
    for (let i = 0; i < 3; i++) void side.endpoint.call('Heartbeat', {}).catch(() => {});
    const overflow = side.endpoint.call('Heartbeat', {});
    await expect(overflow).rejects.toBeInstanceOf(QueueFullError);
    await expect(overflow).rejects.toThrow('cannot queue Heartbeat: 2 calls are already waiting');
  });

  it('keeps handling incoming calls while its own call is pending (no deadlock)', async () => {
    const { a, b, log } = connectedPair();
    // b answers a's Heartbeat only after having called a itself: the calls cross.
    b.handle('Heartbeat', async () => {
      const reset = await b.call('Reset', { type: 'Soft' });
      expect(reset).toEqual({ status: 'Accepted' });
      return { currentTime: '2025-01-31T10:00:00Z' };
    });
    a.handle('Reset', () => ({ status: 'Accepted' }));
    await expect(a.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2025-01-31T10:00:00Z' });
    expect(log.map((l) => `${l.from}:${l.message.kind}`)).toEqual(['a:call', 'b:call', 'a:result', 'b:result']);
  });
});

describe('timeouts and aborts', () => {
  it('times out, frees the slot, and reports the late response instead of matching it', async () => {
    const { clock, side, deliver } = scriptedPeer({ callTimeoutMs: 30_000 });
    const timeouts: unknown[] = [];
    const unmatched: unknown[] = [];
    side.endpoint.on('timeout', (e) => timeouts.push(e));
    side.endpoint.on('unmatchedResponse', (e) => unmatched.push(e));
    const first = side.endpoint.call('Heartbeat', {});
    const second = side.endpoint.call('Heartbeat', {});
    clock.advance(29_999);
    expect(side.sent).toHaveLength(1);
    clock.advance(1);
    await expect(first).rejects.toBeInstanceOf(CallTimeoutError);
    await expect(first).rejects.toThrow('no response to Heartbeat within 30000 ms');
    expect(timeouts).toEqual([{ id: 'id-1', action: 'Heartbeat', timeoutMs: 30_000 }]);
    // The slot is free: the queued call goes out; the late answer to id-1 is not taken for it.
    expect(side.sent.map((m) => m.id)).toEqual(['id-1', 'id-2']);
    deliver({ kind: 'result', id: 'id-1', payload: { currentTime: '2025-01-31T10:00:00Z' } });
    expect(unmatched).toEqual([{ id: 'id-1', kind: 'result' }]);
    deliver({ kind: 'result', id: 'id-2', payload: { currentTime: '2025-01-31T10:00:02Z' } });
    await expect(second).resolves.toEqual({ currentTime: '2025-01-31T10:00:02Z' });
  });

  it('takes a per-call timeout', async () => {
    const { clock, side } = scriptedPeer();
    const call = side.endpoint.call('Heartbeat', {}, { timeoutMs: 500 });
    clock.advance(500);
    await expect(call).rejects.toMatchObject({ timeoutMs: 500 });
  });

  it('aborts a sent call, freeing the slot, and a queued call, which is never sent', async () => {
    const { side } = scriptedPeer();
    const sent = new AbortController();
    const queued = new AbortController();
    const first = side.endpoint.call('Heartbeat', {}, { signal: sent.signal });
    const second = side.endpoint.call('Heartbeat', {}, { signal: queued.signal });
    const third = side.endpoint.call('Heartbeat', {});
    queued.abort(new Error('user gave up'));
    await expect(second).rejects.toThrow('user gave up');
    sent.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(side.sent.map((m) => m.id)).toEqual(['id-1', 'id-3']);
    void third.catch(() => {});
  });

  it('rejects at once with an already aborted signal', async () => {
    const { side } = scriptedPeer();
    await expect(side.endpoint.call('Heartbeat', {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(side.sent).toEqual([]);
  });

  it('rejects pending and queued calls with NotConnectedError when the connection goes', async () => {
    const { side } = scriptedPeer();
    const calls = [side.endpoint.call('Heartbeat', {}), side.endpoint.call('Heartbeat', {})];
    side.endpoint.detach('the socket dropped');
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(NotConnectedError);
    await expect(side.endpoint.call('Heartbeat', {})).rejects.toThrow('Heartbeat not answered: not connected');
  });
});

describe('validation', () => {
  it('refuses to send an invalid request, naming the violation', async () => {
    const { side } = scriptedPeer();
    const call = side.endpoint.call('Authorize', { idTag: 'X'.repeat(21) });
    await expect(call).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(call).rejects.toThrow('our Authorize request: /idTag must be at most 20 characters long, got 21');
    expect(side.sent).toEqual([]);
  });

  it('rejects a call whose response is invalid', async () => {
    const { side, deliver } = scriptedPeer();
    const call = side.endpoint.call('BootNotification', boot);
    deliver({ kind: 'result', id: 'id-1', payload: { ...bootAnswer, interval: '300' } });
    await expect(call).rejects.toMatchObject({ failure: { code: 'TypeConstraintViolation', path: '/interval' } });
  });

  it('can be switched off per direction and per action, or relaxed per action', async () => {
    const { side, deliver } = scriptedPeer({
      validation: {
        directions: { outgoingRequest: false },
        actions: { BootNotification: { incomingResponse: { strict: false } }, Heartbeat: { incomingResponse: false } },
      },
    });
    const invalidRequest = side.endpoint.call('Authorize', { idTag: 'X'.repeat(21) });
    expect(side.sent).toHaveLength(1);
    deliver({ kind: 'result', id: 'id-1', payload: { idTagInfo: { status: 'Accepted' } } });
    await expect(invalidRequest).resolves.toEqual({ idTagInfo: { status: 'Accepted' } });
    const lenient = side.endpoint.call('BootNotification', boot);
    deliver({ kind: 'result', id: 'id-2', payload: { ...bootAnswer, vendorExtra: 1 } });
    await expect(lenient).resolves.toMatchObject({ vendorExtra: 1 });
    const unchecked = side.endpoint.call('Heartbeat', {});
    deliver({ kind: 'result', id: 'id-3', payload: { whatever: true } });
    await expect(unchecked).resolves.toEqual({ whatever: true });
  });
});

describe('error mapping of incoming calls (exact 1.6 spellings)', () => {
  async function answer(call: { action: string; payload: unknown; id?: string }, setup?: (e: RpcEndpoint) => void) {
    const { side, deliver } = scriptedPeer();
    setup?.(side.endpoint);
    deliver({ kind: 'call', id: call.id ?? 'in-1', action: call.action, payload: call.payload });
    await settle();
    return side.sent;
  }

  it('unknown action -> NotImplemented', async () => {
    expect(await answer({ action: 'FlyToTheMoon', payload: {} })).toEqual([
      { kind: 'error', id: 'in-1', code: 'NotImplemented', description: '"FlyToTheMoon" is not an OCPP 1.6 action', details: {} },
    ]);
  });

  it('known action without handler -> NotSupported', async () => {
    expect(await answer({ action: 'Reset', payload: { type: 'Soft' } })).toMatchObject([{ code: 'NotSupported' }]);
  });

  it.each([
    [{ type: 'Sideways' }, 'PropertyConstraintViolation'],
    [{}, 'OccurenceConstraintViolation'],
    [{ type: 1 }, 'TypeConstraintViolation'],
    [{ type: 'Soft', extra: 1 }, 'FormationViolation'],
  ])('invalid payload %j -> %s', async (payload, code) => {
    const sent = await answer({ action: 'Reset', payload }, (e) => e.handle('Reset', () => ({ status: 'Accepted' })));
    expect(sent).toMatchObject([{ kind: 'error', code }]);
  });

  it('handler throws OcppError -> its code, description and details; 2.x spellings become 1.6', async () => {
    const sent = await answer({ action: 'Reset', payload: { type: 'Soft' } }, (e) =>
      e.handle('Reset', () => {
        throw new OcppError('SecurityError', 'not yet', { retry: 60 });
      }),
    );
    expect(sent).toEqual([{ kind: 'error', id: 'in-1', code: 'SecurityError', description: 'not yet', details: { retry: 60 } }]);
    const spelled = await answer({ action: 'Reset', payload: { type: 'Soft' } }, (e) =>
      e.handle('Reset', async () => {
        throw new OcppError('FormatViolation', 'bad');
      }),
    );
    expect(spelled).toMatchObject([{ code: 'FormationViolation' }]);
  });

  it('handler throws anything else -> InternalError without message or stack, reported locally', async () => {
    const reported: unknown[] = [];
    const sent = await answer({ action: 'Reset', payload: { type: 'Soft' } }, (e) => {
      e.on('handlerError', (event) => reported.push(event.error));
      e.handle('Reset', () => {
        throw new Error('database password is hunter2');
      });
    });
    expect(sent).toEqual([{ kind: 'error', id: 'in-1', code: 'InternalError', description: 'the request could not be processed', details: {} }]);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
    expect(reported).toHaveLength(1);
  });

  it('handler returns an invalid response -> InternalError, and the mistake is reported locally', async () => {
    const reported: unknown[] = [];
    const sent = await answer({ action: 'Reset', payload: { type: 'Soft' } }, (e) => {
      e.on('handlerError', (event) => reported.push(event.error));
      e.handle('Reset', () => ({ status: 'Maybe' }) as never);
    });
    expect(sent).toMatchObject([{ code: 'InternalError' }]);
    expect(reported[0]).toBeInstanceOf(InvalidMessageError);
  });

  it('a CALL whose id is already being handled -> ProtocolError; the first still gets its answer', async () => {
    const { side, deliver } = scriptedPeer();
    let release!: () => void;
    side.endpoint.handle('Reset', () => new Promise((resolve) => (release = () => resolve({ status: 'Accepted' }))));
    deliver({ kind: 'call', id: 'dup', action: 'Reset', payload: { type: 'Soft' } });
    deliver({ kind: 'call', id: 'dup', action: 'Reset', payload: { type: 'Hard' } });
    expect(side.sent).toMatchObject([{ kind: 'error', id: 'dup', code: 'ProtocolError' }]);
    release();
    await settle();
    expect(side.sent[1]).toEqual({ kind: 'result', id: 'dup', payload: { status: 'Accepted' } });
  });

  it('gives handlers the message id and a signal that aborts when the connection closes', async () => {
    const { side, deliver } = scriptedPeer();
    let signal!: AbortSignal;
    let messageId = '';
    side.endpoint.handle('Reset', (_req, ctx) => {
      signal = ctx.signal;
      messageId = ctx.messageId;
      return new Promise(() => {});
    });
    deliver({ kind: 'call', id: 'abc', action: 'Reset', payload: { type: 'Soft' } });
    expect(messageId).toBe('abc');
    expect(signal.aborted).toBe(false);
    side.endpoint.detach();
    expect(signal.aborted).toBe(true);
  });
});

describe('incoming CALLERRORs', () => {
  it.each([
    ['NotSupported', 'NotSupported'],
    ['FormatViolation', 'FormationViolation'],
    ['OccurrenceConstraintViolation', 'OccurenceConstraintViolation'],
    ['RpcFrameworkError', 'GenericError'],
    ['SomethingNew', 'GenericError'],
  ])('%s surfaces as an OcppError with the code kept and ocppCode %s', async (code, ocppCode) => {
    const { side, deliver } = scriptedPeer();
    const call = side.endpoint.call('Heartbeat', {});
    deliver({ kind: 'error', id: 'id-1', code, description: 'nope', details: { a: 1 } });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcppError);
    expect(error).toMatchObject({ code, ocppCode, description: 'nope', details: { a: 1 } });
  });
});

describe('bad frames', () => {
  it('answers FormationViolation when a CALL id can be recovered, and fails a pending call on a malformed answer', async () => {
    const { side, deliver } = scriptedPeer();
    deliver(decodeFrame('[2,"abc","Heartbeat",{]'));
    expect(side.sent).toMatchObject([{ kind: 'error', id: 'abc', code: 'FormationViolation' }]);
    const call = side.endpoint.call('Heartbeat', {});
    deliver(decodeFrame('[3,"id-1"]'));
    await expect(call).rejects.toMatchObject({ code: 'FormationViolation' });
  });

  it('drops what has no id, ignores unknown message types, and reports both', () => {
    const { side, deliver } = scriptedPeer();
    const bad: { reason: string; count: number }[] = [];
    side.endpoint.on('badMessage', (e) => bad.push(e));
    deliver(decodeFrame('hello'));
    deliver(decodeFrame('[5,"x",{}]'));
    expect(side.sent).toEqual([]);
    expect(bad).toEqual([
      expect.objectContaining({ reason: 'the frame is not valid JSON', count: 1 }),
      expect.objectContaining({ reason: 'unknown message type id 5', count: 1 }),
    ]);
  });

  it('closes the connection after maxBadMessages malformed messages', () => {
    const { side, deliver } = scriptedPeer({ maxBadMessages: 3 });
    deliver(decodeFrame('x'));
    deliver(decodeFrame('y'));
    expect(side.closed).toBeUndefined();
    deliver(decodeFrame('z'));
    expect(side.closed).toEqual({ code: 1008, reason: '3 malformed messages' });
  });
});

describe('events', () => {
  it('reports calls and results in both directions with durations from the clock', async () => {
    const { clock, side, deliver } = scriptedPeer();
    const events: string[] = [];
    side.endpoint.on('call', (e) => events.push(`call ${e.direction} ${e.action}`));
    side.endpoint.on('result', (e) => events.push(`result ${e.direction} ${e.action} ${e.durationMs}ms`));
    side.endpoint.handle('Reset', () => ({ status: 'Accepted' }));
    const call = side.endpoint.call('Heartbeat', {});
    clock.advance(120);
    deliver({ kind: 'result', id: 'id-1', payload: { currentTime: '2025-01-31T10:00:00Z' } });
    await call;
    deliver({ kind: 'call', id: 'in', action: 'Reset', payload: { type: 'Soft' } });
    await settle();
    expect(events).toEqual(['call out Heartbeat', 'result out Heartbeat 120ms', 'call in Reset', 'result in Reset 0ms']);
  });

  it('keeps working when a listener throws, and reports it', async () => {
    const { side, deliver } = scriptedPeer();
    const errors: unknown[] = [];
    side.endpoint.on('listenerError', (e) => errors.push(e.event));
    side.endpoint.on('call', () => {
      throw new Error('bad logger');
    });
    const call = side.endpoint.call('Heartbeat', {});
    deliver({ kind: 'result', id: 'id-1', payload: { currentTime: '2025-01-31T10:00:00Z' } });
    await expect(call).resolves.toBeDefined();
    expect(errors).toEqual(['call']);
  });
});
