import { describe, expect, it } from 'vitest';
import { isDateTime, isUri } from '../../src/index.js';
import { isDateTimeWithoutOffset } from '../../src/ocpp16/formats.js';
import { ucs2length } from '../../src/ocpp16/ucs2length.js';

describe('date-time', () => {
  it.each([
    '2025-01-31T10:00:00Z',
    '2025-01-31T10:00:00.1Z',
    '2025-01-31T10:00:00.123456789Z',
    '2025-01-31T10:00:00+01:00',
    '2025-01-31T10:00:00-0530',
    '2025-01-31t10:00:00z',
    '2024-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
  ])('accepts %s', (text) => expect(isDateTime(text)).toBe(true));

  it.each([
    '2025-01-31T10:00:00',
    '2025-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-01-31T24:00:00Z',
    '2025-01-31T10:60:00Z',
    '2025-01-31T10:00:60Z',
    '2025-01-31T10:00:00+25:00',
    '2025-01-31',
    '31/01/2025 10:00',
    '',
  ])('rejects %s', (text) => expect(isDateTime(text)).toBe(false));

  it('tells a date-time that only lacks its offset', () => {
    expect(isDateTimeWithoutOffset('2025-01-31T10:00:00.5')).toBe(true);
    expect(isDateTimeWithoutOffset('2025-01-31T10:00:00Z')).toBe(false);
    expect(isDateTimeWithoutOffset('2025-02-30T10:00:00')).toBe(false);
  });
});

describe('uri', () => {
  it.each(['ftp://user:pw@host/fw.bin', 'https://example.com/a?b=c#d', 'urn:isbn:123', 'http://h/%20x'])(
    'accepts %s',
    (text) => expect(isUri(text)).toBe(true),
  );
  it.each(['not a uri', '/relative', 'http://h/%zz', '', '1http://x'])('rejects %s', (text) =>
    expect(isUri(text)).toBe(false),
  );
});

describe('ucs2length', () => {
  it('counts code points, so an emoji is one character and a lone surrogate is one too', () => {
    expect(ucs2length('abc')).toBe(3);
    expect(ucs2length('\u{1F50C}\u{1F50C}')).toBe(2);
    expect(ucs2length('\uD83D')).toBe(1);
  });
});
