// Strings keep their spaces through the codec; numbers and headers tolerate spaces around them.
import { describe, expect, it } from 'vitest';
import { buildMessageEnvelope, parseEnvelope } from '../../../src/soap.js';

const parts = { namespace: 'urn://Ocpp/Cs/2015/10/', action: '/DataTransfer', messageId: 'urn:uuid:1', chargeBoxIdentity: 'CP1' };

describe('whitespace in OCPP-S bodies', () => {
  it('keeps leading and trailing spaces of string fields', () => {
    const xml = buildMessageEnvelope(parts, 'dataTransferRequest', 'DataTransferRequest', { vendorId: 'acme', data: '  padded \n' });
    expect(parseEnvelope(xml).content).toMatchObject({ payload: { vendorId: 'acme', data: '  padded \n' } });
  });

  it('reads numbers and headers written with spaces around them', () => {
    const xml = buildMessageEnvelope(parts, 'meterValuesRequest', 'MeterValuesRequest', { connectorId: 1 })
      .replace('<o:connectorId>1</o:connectorId>', '<o:connectorId>\n  1\n</o:connectorId>')
      .replace('<o:chargeBoxIdentity s:mustUnderstand="true">CP1<', '<o:chargeBoxIdentity s:mustUnderstand="true"> CP1 <');
    const parsed = parseEnvelope(xml);
    expect(parsed.headers.chargeBoxIdentity).toBe('CP1');
    expect(parsed.content).toMatchObject({ payload: { connectorId: 1 } });
  });
});
