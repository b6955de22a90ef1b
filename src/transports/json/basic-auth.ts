/**
 * How an AuthorizationKey is written: `plain` text is sent as its UTF-8 bytes; `hex` (32..40
 * hex digits, as many central systems configure it) is sent as the 16..20 bytes it encodes.
 */
export type AuthorizationKeyEncoding = 'plain' | 'hex';

/** The bytes of an AuthorizationKey written in `encoding`. Throws for malformed hex. */
export function authorizationKeyBytes(key: string, encoding: AuthorizationKeyEncoding): Uint8Array {
  if (encoding === 'plain') return new TextEncoder().encode(key);
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(key)) {
    throw new TypeError('authorizationKey: hex encoding needs an even number of hex digits');
  }
  return Uint8Array.from(key.match(/../g)!, (pair) => parseInt(pair, 16));
}

/** The `Authorization` header of security profiles 1 and 2: Basic, identity as username. */
export function basicAuthorization(identity: string, key: string, encoding: AuthorizationKeyEncoding): string {
  const user = new TextEncoder().encode(`${identity}:`);
  const password = authorizationKeyBytes(key, encoding);
  let binary = '';
  for (const byte of user) binary += String.fromCharCode(byte);
  for (const byte of password) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Username and password bytes of a Basic `Authorization` header, or undefined if it is not one. */
export function parseBasicAuthorization(header: string | undefined): { username: string; password: Uint8Array } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  let binary: string;
  try {
    binary = atob(match[1]!);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const colon = bytes.indexOf(0x3a);
  if (colon < 0) return undefined;
  return { username: new TextDecoder().decode(bytes.subarray(0, colon)), password: bytes.slice(colon + 1) };
}
