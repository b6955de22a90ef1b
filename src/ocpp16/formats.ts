// The string formats the OCPP 1.6 schemas use, checked by the precompiled validators.

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an RFC 3339 date-time into its parts, or undefined when it is not one. Fractional
 * seconds of any length and offsets (`Z`, `+01:00`, `+0100`, `+01`) are accepted; the offset may
 * be missing here, and {@link isDateTime} decides whether that is allowed.
 */
function dateTimeParts(text: string): { hasOffset: boolean } | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (days === undefined || day < 1 || day > days) return undefined;
  // Second 60 exists only as a leap second at 23:59 UTC; accept it at 23:59 local time too.
  const second = Number(s);
  if (Number(h) > 23 || Number(mi) > 59 || second > 60 || (second === 60 && (h !== '23' || mi !== '59'))) {
    return undefined;
  }
  if (sign !== undefined && (Number(oh) > 23 || Number(om ?? 0) > 59)) return undefined;
  const hasOffset = sign !== undefined || /[Zz]$/.test(text);
  return { hasOffset };
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
