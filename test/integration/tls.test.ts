// Security profiles 2 and 3 over real TLS on 127.0.0.1, with a throwaway CA and certificates
// made by the `openssl` command for this run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandshakeRequest } from '../../src/node.js';
import { findTool, requireTool } from '../system-tool.js';
import { record, useHarness } from './harness.js';

const h = useHarness();
const hasOpenssl = requireTool('openssl', 'openssl');

const KEY = 'correct-horse-16';

// A minimal configuration, so the system's openssl.cnf does not matter.
const OPENSSL_CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
`;

interface Pem {
  readonly key: string;
  readonly cert: string;
}

/** A CA, a server certificate for 127.0.0.1 signed by it, a client certificate signed by it, and a self-signed client certificate. */
interface Pki {
  readonly ca: Pem;
  readonly server: Pem;
  readonly client: Pem;
  readonly stranger: Pem;
}

function makePki(directory: string): Pki {
  const openssl = findTool('openssl')!;
  const run = (...args: string[]) => execFileSync(openssl, args, { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'] });
  const config = join(directory, 'openssl.cnf');
  writeFileSync(config, OPENSSL_CONFIG);
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const selfSigned = (name: string, cn: string, extensions: string) =>
    run('req', '-x509', ...newKey, '-config', config, '-extensions', extensions, '-subj', `/CN=${cn}`, '-days', '1', '-keyout', `${name}.key`, '-out', `${name}.crt`);
  const signed = (name: string, cn: string, extensions: string) => {
    run('req', '-new', ...newKey, '-config', config, '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    run('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${Date.now().toString(16)}`, '-days', '1', '-extfile', config, '-extensions', extensions, '-out', `${name}.crt`);
  };
  selfSigned('ca', 'ocppkit test CA', 'ca');
  signed('server', '127.0.0.1', 'server');
  signed('client', 'CP-TLS', 'client');
  selfSigned('stranger', 'CP-TLS', 'client');
  const pem = (name: string): Pem => ({
    key: readFileSync(join(directory, `${name}.key`), 'utf8'),
    cert: readFileSync(join(directory, `${name}.crt`), 'utf8'),
  });
  return { ca: pem('ca'), server: pem('server'), client: pem('client'), stranger: pem('stranger') };
}

describe.skipIf(!hasOpenssl)('TLS (security profiles 2 and 3)', () => {
  let directory: string;
  let pki: Pki;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'ocppkit-tls-'));
    pki = makePki(directory);
  });
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  // Requires a client certificate signed by the CA, as profile 3 does.
  async function profile3Server(authenticate?: (handshake: HandshakeRequest) => boolean) {
    return h.centralSystem({
      listener: {
        tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true },
        ...(authenticate ? { authenticate } : {}),
      },
    });
  }

  it('profile 3: a charge point with a certificate signed by the CA connects; the hook sees the certificate', async () => {
    const handshakes: HandshakeRequest[] = [];
    const server = await profile3Server((handshake) => {
      handshakes.push(handshake);
      return handshake.certificate?.subject.CN === handshake.identity;
    });
    expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ocpp$/);
    server.cs.handle('Heartbeat', () => ({ currentTime: '2025-01-31T10:00:00Z' }));
    const cp = h.chargePoint({
      identity: 'CP-TLS',
      endpoint: server.url,
      tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
    });
    await cp.connect();
    const session = await server.events.nth('session');
    expect(session.info.securityProfile).toBe(3);
    expect(handshakes).toHaveLength(1);
    expect(handshakes[0]!.secure).toBe(true);
    expect(handshakes[0]!.certificate?.subject.CN).toBe('CP-TLS');
    expect(handshakes[0]!.certificate?.issuer.CN).toBe('ocppkit test CA');
    expect(handshakes[0]!.basic).toBeUndefined();
    await expect(cp.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2025-01-31T10:00:00Z' });
  });

  it('profile 3: a charge point without a certificate is refused', async () => {
    let hookCalls = 0;
    const server = await profile3Server(() => {
      hookCalls++;
      return true;
    });
    const cp = h.chargePoint({ identity: 'CP-TLS', endpoint: server.url, tls: { ca: pki.ca.cert } });
    const log = record(cp, ['open']);
    await expect(cp.connect()).rejects.toThrow(/could not be opened/);
    expect(log.all('open')).toEqual([]);
    expect(hookCalls).toBe(0);
    expect(server.events.all('session')).toEqual([]);
  });

  it('profile 3: a charge point with a certificate the CA did not sign is refused', async () => {
    const server = await profile3Server();
    const cp = h.chargePoint({
      identity: 'CP-TLS',
      endpoint: server.url,
      tls: { ca: pki.ca.cert, cert: pki.stranger.cert, key: pki.stranger.key },
    });
    await expect(cp.connect()).rejects.toThrow(/could not be opened/);
    expect(server.events.all('session')).toEqual([]);
  });

  it('an unverified client certificate never counts as profile 3', async () => {
    const handshakes: HandshakeRequest[] = [];
    const server = await h.centralSystem({
      listener: {
        // Asks for a certificate but lets the handshake through without a valid one.
        tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: false },
        authenticate: (handshake) => {
          handshakes.push(handshake);
          return true;
        },
      },
    });
    const cp = h.chargePoint({
      identity: 'CP-TLS',
      endpoint: server.url,
      tls: { ca: pki.ca.cert, cert: pki.stranger.cert, key: pki.stranger.key },
    });
    await cp.connect();
    expect((await server.events.nth('session')).info.securityProfile).toBe(0);
    expect(handshakes[0]!.certificate).toBeUndefined();
  });

  it('a charge point refuses a central system whose certificate it cannot verify', async () => {
    const server = await h.centralSystem({ listener: { tls: { key: pki.server.key, cert: pki.server.cert } } });
    const cp = h.chargePoint({ identity: 'CP1', endpoint: server.url }); // no CA given
    await expect(cp.connect()).rejects.toThrow(/could not be opened/);
    expect(server.events.all('session')).toEqual([]);
  });

  it('profile 2: TLS plus Basic auth', async () => {
    const server = await h.centralSystem({
      listener: {
        tls: { key: pki.server.key, cert: pki.server.cert },
        authenticate: ({ identity, basic, secure }) => secure && basic?.username === identity && basic.matches(KEY),
      },
    });
    const cp = h.chargePoint({ identity: 'CP2', endpoint: server.url, authorizationKey: KEY, tls: { ca: pki.ca.cert } });
    await cp.connect();
    const session = await server.events.nth('session');
    expect(session.info.securityProfile).toBe(2);

    const wrong = h.chargePoint({ identity: 'CP3', endpoint: server.url, authorizationKey: 'not-the-key-0000', tls: { ca: pki.ca.cert } });
    const log = record(wrong, ['problem']);
    await expect(wrong.connect()).rejects.toThrow();
    expect(await log.nth('problem')).toMatchObject({ status: 401 });
  });
});
