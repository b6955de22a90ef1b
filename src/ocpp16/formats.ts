// The string formats the OCPP 1.6 schemas use, checked by the precompiled validators.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// `n` decimal digits at `at`, or -1. Hand-written rather than a regular expression: every
// timestamp of every message goes through here.
function digits(text: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Parses an RFC 3339 date-time into its parts, or undefined when it is not one. Fractional
 * seconds of any length and offsets (`Z`, `+01:00`, `+0100`, `+01`) are accepted; the offset may
 * be missing here, and {@link isDateTime} decides whether that is allowed.
 */
function dateTimeParts(text: string): { hasOffset: boolean } | undefined {
  const length = text.length;
  if (length < 19) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const separator = text.charCodeAt(10);
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
    second < 0 || second > 60 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 ||
    text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 ||
    (separator !== 84 /* T */ && separator !== 116 /* t */ && separator !== 32)
  ) {
    return undefined;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  // Second 60 exists only as a leap second at 23:59 UTC; accept it at 23:59 local time too.
  if (second === 60 && (hour !== 23 || minute !== 59)) return undefined;
  let i = 19;
  if (text.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < length && digits(text, i, 1) >= 0) i++;
    if (i === start) return undefined;
  }
  if (i === length) return { hasOffset: false };
  const zone = text.charCodeAt(i);
  if (zone === 90 /* Z */ || zone === 122 /* z */) return i + 1 === length ? { hasOffset: true } : undefined;
  if (zone !== 43 /* + */ && zone !== 45 /* - */) return undefined;
  const offsetHours = digits(text, i + 1, 2);
  if (offsetHours < 0 || offsetHours > 23) return undefined;
  const rest = length - (i + 3);
  const minutesAt = rest === 3 && text.charCodeAt(i + 3) === 58 ? i + 4 : rest === 2 ? i + 3 : -1;
  if (rest === 0) return { hasOffset: true };
  if (minutesAt < 0) return undefined;
  const offsetMinutes = digits(text, minutesAt, 2);
  return offsetMinutes >= 0 && offsetMinutes <= 59 ? { hasOffset: true } : undefined;
}

/** True for an RFC 3339 date-time with an offset (what the OCPP schemas require). */
export function isDateTime(text: string): boolean {
  return dateTimeParts(text)?.hasOffset === true;
}

/** True for a date-time that is valid except that it has no offset (`2025-01-01T10:00:00`). */
export function isDateTimeWithoutOffset(text: string): boolean {
  return dateTimeParts(text)?.hasOffset === false;
}

// RFC 3986: a scheme, then only characters a URI may hold, with well-formed percent escapes.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/** True for an absolute URI (`ftp://host/fw.bin`, `https://...`, `urn:...`). */
export function isUri(text: string): boolean {
  return URI.test(text);
}

/** The format checks the generated validators call, by JSON Schema format name. */
export const formats: { readonly [name: string]: (text: string) => boolean } = {
  'date-time': isDateTime,
  uri: isUri,
};
