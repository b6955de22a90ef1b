/**
 * Makes message ids: a UUID from `crypto.randomUUID` where the platform has it (Node, browsers
 * in secure contexts), otherwise a random prefix plus a counter — unique per connection, which
 * is all OCPP asks, and at most 36 characters either way.
 */
export function createIdGenerator(): () => string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID === 'function') return () => crypto.randomUUID!();
  const prefix = Math.random().toString(36).slice(2, 12);
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(36)}`;
}
