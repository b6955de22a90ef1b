// Replays the OCPP-J frames captured from real chargers and other stacks
// (../shared/reference/ocpp16-captures, read in place): each is decoded and fed to an RPC
// endpoint, and the answer is what the standard asks for.
import { describe, expect, it } from 'vitest';
import { decodeFrame, validateRequest, validateResponse, type RpcMessage } from '../../../src/index.js';
import { readReference } from '../../reference.js';
import { scriptedPeer, settle } from '../../rpc/loopback.js';

interface Capture {
  readonly kind: string;
  readonly messageType: string;
  readonly action: string | null;
  readonly file: string;
  readonly schema_check?: string;
}

const captures = (JSON.parse(readReference('ocpp16-captures/index.json')) as Capture[]).filter(
  (c) => c.kind === 'ocpp-j-frame',
);

/** What ocppkit answers to the CALL frames whose source expects a rejection (file name -> answer). */
const EXPECTED_ANSWERS: Record<string, string> = {
  'steve-testValidation_Ocpp16TypoInEnum-StatusNotification.json': 'PropertyConstraintViolation',
  'steve-testValidation_Ocpp16MeterValueCascade-MeterValues.json': 'OccurenceConstraintViolation',
  'steve-testValidation_Ocpp16IdTagMissing-Authorize.json': 'TypeConstraintViolation',
  'steve-testValidation_BrokenPayload-Authorize.txt': 'FormationViolation',
  'steve-testValidation_EmptyMessageIdRejected-Heartbeat.json': 'FormationViolation',
  'steve-testValidation_NullMessageIdRejected-Heartbeat.json': 'nothing (no id to answer)',
  'newmotion-srpc-callmessage.json': 'NotImplemented',
  'newmotion-srpc-wrongelementsmessage-toofew.json': 'FormationViolation',
  'newmotion-srpc-wrongelementsmessage-toomany.json': 'FormationViolation',
  'newmotion-srpc-wrongtypemessage.json': 'nothing (unknown message type)',
};

const VALID_RESPONSES: Record<string, unknown> = {
  BootNotification: { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 },
  StatusNotification: {},
  MeterValues: {},
  StartTransaction: { transactionId: 1, idTagInfo: { status: 'Accepted' } },
  StopTransaction: {},
  Authorize: { idTagInfo: { status: 'Accepted' } },
  Heartbeat: { currentTime: '2025-01-31T10:00:00Z' },
  RemoteStartTransaction: { status: 'Accepted' },
  Reset: { status: 'Accepted' },
};

async function answerTo(text: string): Promise<string> {
  const { side, deliver } = scriptedPeer();
  for (const [action, response] of Object.entries(VALID_RESPONSES)) side.endpoint.handle(action, () => response);
  deliver(decodeFrame(text));
  await settle();
  const answer = side.sent[0] as RpcMessage | undefined;
  if (!answer) return side.sent.length === 0 && /^\s*\[\s*1\s*,/.test(text) ? 'nothing (unknown message type)' : 'nothing (no id to answer)';
  return answer.kind === 'error' ? answer.code : 'result';
}

describe('captured OCPP-J frames', () => {
  it('holds the frames the SOURCES.md lists', () => {
    expect(captures.length).toBe(44);
  });

  for (const capture of captures) {
    const name = capture.file.split('/').pop()!;
    const text = readReference(`ocpp16-captures/${capture.file}`);
    if (capture.messageType === 'CALL' || name in EXPECTED_ANSWERS) {
      const expected = EXPECTED_ANSWERS[name] ?? 'result';
      it(`${name}: answered with ${expected}`, async () => {
        expect(await answerTo(text)).toBe(expected);
      });
    } else {
      it(`${name}: decodes as a ${capture.messageType} whose payload validation agrees with the OCA check`, () => {
        const message = decodeFrame(text);
        expect(message.kind).toBe(capture.messageType === 'CALLRESULT' ? 'result' : 'error');
        if (message.kind === 'result' && capture.action) {
          const result = validateResponse(capture.action, message.payload);
          expect(result.valid).toBe(capture.schema_check?.startsWith('pass'));
        }
      });
    }
  }

  it('agrees with the OCA check on every captured request (2025-04 schema where the index names it)', () => {
    for (const capture of captures.filter((c) => c.messageType === 'CALL' && c.action && c.schema_check)) {
      const message = decodeFrame(readReference(`ocpp16-captures/${capture.file}`));
      if (message.kind !== 'call') continue;
      const official = /2025-04: pass/.test(capture.schema_check!) || capture.schema_check!.startsWith('pass');
      expect(validateRequest(capture.action!, message.payload).valid, capture.file).toBe(official);
    }
  });
});
