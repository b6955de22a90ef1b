import { describe, expect, it } from 'vitest';
import { validateMessage, validateRequest, validateResponse, type ValidationResult } from '../../src/index.js';

const boot = { chargePointVendor: 'ACME', chargePointModel: 'Wallbox 22' };
const profile = (limit: number) => ({
  connectorId: 1,
  csChargingProfiles: {
    chargingProfileId: 7,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
  },
});
const meterValues = (timestamp: string) => ({
  connectorId: 1,
  meterValue: [{ timestamp, sampledValue: [{ value: '12.5', unit: 'kWh' }] }],
});

function failure(result: ValidationResult) {
  if (result.valid) throw new Error('expected the payload to be rejected');
  return result.error;
}

describe('validateRequest / validateResponse', () => {
  it('accepts a valid payload', () => {
    expect(validateRequest('BootNotification', boot)).toEqual({ valid: true });
    expect(validateResponse('Heartbeat', { currentTime: '2025-01-31T10:00:00Z' })).toEqual({ valid: true });
  });

  it('names OccurenceConstraintViolation (1.6 spelling) for a missing field, with path and value', () => {
    const error = failure(validateRequest('BootNotification', { chargePointVendor: 'ACME' }));
    expect(error).toMatchObject({
      code: 'OccurenceConstraintViolation',
      action: 'BootNotification',
      kind: 'request',
      path: '',
      constraint: 'required',
      params: { missingProperty: 'chargePointModel' },
    });
    expect(error.message).toBe('BootNotification request: the payload is missing the required field "chargePointModel"');
  });

  it('names TypeConstraintViolation for a wrong type', () => {
    const error = failure(validateRequest('UnlockConnector', { connectorId: '1' }));
    expect(error).toMatchObject({ code: 'TypeConstraintViolation', path: '/connectorId', constraint: 'type', value: '1' });
    expect(error.message).toContain('/connectorId must be an integer, got the string "1"');
  });

  it('names TypeConstraintViolation for a decimal where an integer is required', () => {
    expect(failure(validateResponse('BootNotification', { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 1.5 })))
      .toMatchObject({ code: 'TypeConstraintViolation', path: '/interval' });
  });

  it('names PropertyConstraintViolation for an enum, a length and a format, with the limit', () => {
    const enumError = failure(validateResponse('Reset', { status: 'Maybe' }));
    expect(enumError).toMatchObject({ code: 'PropertyConstraintViolation', constraint: 'enum', value: 'Maybe' });
    expect(enumError.message).toContain('must be one of Accepted, Rejected; got the string "Maybe"');

    const tooLong = failure(validateRequest('Authorize', { idTag: 'X'.repeat(21) }));
    expect(tooLong).toMatchObject({ code: 'PropertyConstraintViolation', constraint: 'maxLength', params: { limit: 20 } });
    expect(tooLong.message).toContain('/idTag must be at most 20 characters long, got 21');

    const date = failure(validateRequest('MeterValues', meterValues('31/01/2025 10:00')));
    expect(date).toMatchObject({ code: 'PropertyConstraintViolation', path: '/meterValue/0/timestamp', constraint: 'format' });
  });

  it('counts characters, not UTF-16 units, against maxLength', () => {
    expect(validateRequest('Authorize', { idTag: '\u{1F50C}'.repeat(20) })).toEqual({ valid: true });
  });

  it('reports a payload that is not an object as FormationViolation', () => {
    expect(failure(validateRequest('Heartbeat', [])).code).toBe('FormationViolation');
    expect(failure(validateRequest('Heartbeat', null)).code).toBe('FormationViolation');
  });

  it('answers NotImplemented for an action OCPP 1.6 does not define, including case mistakes', () => {
    expect(failure(validateRequest('bootNotification', boot))).toMatchObject({ code: 'NotImplemented', constraint: 'unknownAction' });
    expect(failure(validateRequest('toString', {})).code).toBe('NotImplemented');
    expect(failure(validateMessage('__proto__', 'request', {})).code).toBe('NotImplemented');
  });

  it('accepts multiples of 0.1 despite floating point: 8.1, 0.3, 32.7 — and rejects 8.15', () => {
    for (const limit of [8.1, 0.3, 32.7, 16, 0.1]) {
      expect(validateRequest('SetChargingProfile', profile(limit)), String(limit)).toEqual({ valid: true });
    }
    expect(failure(validateRequest('SetChargingProfile', profile(8.15)))).toMatchObject({
      code: 'PropertyConstraintViolation',
      constraint: 'multipleOf',
      path: '/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit',
    });
  });

  it('accepts dates with fractional seconds and offsets', () => {
    for (const t of ['2025-01-31T10:00:00.123Z', '2025-01-31T10:00:00+01:00', '2025-01-31T10:00:00.5-05:30']) {
      expect(validateRequest('MeterValues', meterValues(t)), t).toEqual({ valid: true });
    }
  });

  it('rejects a date without offset unless allowMissingOffset is set', () => {
    const payload = meterValues('2025-01-31T10:00:00');
    expect(failure(validateRequest('MeterValues', payload)).constraint).toBe('format');
    expect(validateRequest('MeterValues', payload, { allowMissingOffset: true })).toEqual({ valid: true });
    // Impossible dates stay invalid either way.
    expect(validateRequest('MeterValues', meterValues('2025-02-30T10:00:00'), { allowMissingOffset: true }).valid).toBe(false);
  });

  it('rejects extra properties in strict mode (default) and ignores them in lenient mode', () => {
    const extra = { ...boot, vendorField: 'x' };
    expect(failure(validateRequest('BootNotification', extra))).toMatchObject({
      code: 'FormationViolation',
      constraint: 'additionalProperties',
      params: { additionalProperty: 'vendorField' },
    });
    expect(validateRequest('BootNotification', extra, { strict: false })).toEqual({ valid: true });
  });

  it('still reports real violations in lenient mode, and never modifies the payload', () => {
    const payload = { connectorId: 1, meterValue: [{ timestamp: '2025-01-31T10:00:00', extra: 1, sampledValue: [{ value: 1 }] }] };
    const copy = structuredClone(payload);
    const error = failure(validateRequest('MeterValues', payload, { strict: false, allowMissingOffset: true }));
    expect(error).toMatchObject({ code: 'TypeConstraintViolation', path: '/meterValue/0/sampledValue/0/value', value: 1 });
    expect(payload).toEqual(copy);
  });
});
