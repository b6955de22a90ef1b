import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, type RpcMessage } from '../../../src/index.js';

const id = fc.string({ minLength: 1, maxLength: 36 });
const payload = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 });
const message: fc.Arbitrary<RpcMessage> = fc.oneof(
  fc.record({ kind: fc.constant('call' as const), id, action: fc.string({ minLength: 1, maxLength: 30 }), payload }),
  fc.record({ kind: fc.constant('result' as const), id, payload }),
  fc.record({ kind: fc.constant('error' as const), id, code: fc.string(), description: fc.string(), details: payload }),
);

describe('OCPP-J frames', () => {
  it('encodes the three message types as the standard lays them out', () => {
    expect(encodeFrame({ kind: 'call', id: '1', action: 'Heartbeat', payload: {} })).toBe('[2,"1","Heartbeat",{}]');
    expect(encodeFrame({ kind: 'result', id: '1', payload: { a: 1 } })).toBe('[3,"1",{"a":1}]');
    expect(encodeFrame({ kind: 'error', id: '1', code: 'NotSupported', description: '', details: {} })).toBe(
      '[4,"1","NotSupported","",{}]',
    );
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeFrame(encodeFrame(m))).toEqual(JSON.parse(JSON.stringify(m)));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary input, and always says why a frame is bad', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const decoded = decodeFrame(text);
        if (decoded.kind === 'bad') expect(decoded.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a 37-character id', '[2,"' + 'x'.repeat(37) + '","Heartbeat",{}]', 'the message id is longer than 36 characters'],
    ['a payload that is an array', '[2,"1","Heartbeat",[]]', 'the payload is not a JSON object'],
    ['an empty action', '[2,"1","",{}]', 'the action is not a non-empty string'],
    ['a CALLERROR without details', '[4,"1","NotSupported",""]', 'a CALLERROR has 5 elements, this one 4'],
    ['a type that is a string', '["2","1","Heartbeat",{}]', 'the message type id is not a number'],
  ])('rejects %s', (_name, text, reason) => {
    expect(decodeFrame(text)).toMatchObject({ kind: 'bad', reason });
  });

  it('accepts a null payload and null error details', () => {
    expect(decodeFrame('[2,"1","Heartbeat",null]')).toEqual({ kind: 'call', id: '1', action: 'Heartbeat', payload: null });
    expect(decodeFrame('[4,"1","GenericError","",null]')).toMatchObject({ kind: 'error', details: {} });
  });
});
