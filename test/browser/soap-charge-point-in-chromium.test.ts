// OCPP-S from a web page: the ocppkit/soap bundle in headless Chromium sends a charge point's
// calls to our Node SoapListener with fetch (CORS allowed for the page's origin).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralSystem } from '../../src/index.js';
import { SoapListener } from '../../src/node.js';
import { findTool, requireTool } from '../system-tool.js';

const hasChromium = requireTool('chromium', 'chromium');
const ROOT = new URL('../../', import.meta.url);

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe.skipIf(!hasChromium)('a SOAP ChargePoint in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Server | undefined;
  let pageUrl = '';
  const cs = new CentralSystem();
  let soap: SoapListener | undefined;

  beforeAll(async () => {
    const bundles = await Promise.all(
      ['src/index.ts', 'src/soap.ts'].map((entry, i) =>
        build({
          entryPoints: [new URL(entry, ROOT).pathname],
          bundle: true,
          platform: 'browser',
          format: 'iife',
          globalName: i === 0 ? 'ocppkit' : 'ocppkitSoap',
          write: false,
          logLevel: 'silent',
        }),
      ),
    );
    const scripts = bundles.map((b) => b.outputFiles[0]!.text);
    page = createServer((request, response) => {
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<!doctype html><link rel="icon" href="data:,"><script src="/a.js"></script><script src="/b.js"></script>');
      } else if (request.url === '/a.js' || request.url === '/b.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(scripts[request.url === '/a.js' ? 0 : 1]);
      } else response.writeHead(404).end();
    });
    pageUrl = `http://127.0.0.1:${await listen(page)}/`;
    soap = new SoapListener({ host: '127.0.0.1', port: 0, path: '/ocpp/soap', allowedOrigins: [pageUrl.slice(0, -1)] });
    cs.serve(soap);
    await soap.listen();
    cs.handle('BootNotification', (_req, { identity, session }) => {
      expect(identity).toBe('web-soap-cp');
      expect(session.info.transport).toBe('soap');
      return { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 };
    });
    cs.handle('Heartbeat', () => ({ currentTime: '2025-01-31T10:00:01Z' }));
    browser = await chromium.launch({
      executablePath: findTool('chromium')!,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await cs.close();
    await new Promise<void>((resolve) => (page ? page.close(() => resolve()) : resolve()));
  }, 30_000);

  it('boots and heartbeats over OCPP-S with fetch, and the central system sees a SOAP session', async () => {
    const tab = await browser!.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(pageUrl);
    const result = await tab.evaluate(async (url) => {
      const { ChargePoint } = (window as unknown as { ocppkit: typeof import('../../src/index.js') }).ocppkit;
      const { SoapClient } = (window as unknown as { ocppkitSoap: typeof import('../../src/soap.js') }).ocppkitSoap;
      const cp = new ChargePoint({ identity: 'web-soap-cp', transport: new SoapClient({ url, identity: 'web-soap-cp' }) });
      await cp.connect();
      const boot = await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Browser' });
      const heartbeat = await cp.call('Heartbeat', {});
      await cp.close();
      return { boot, heartbeat };
    }, soap!.url);
    expect(result).toEqual({
      boot: { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 },
      heartbeat: { currentTime: '2025-01-31T10:00:01Z' },
    });
    expect(cs.session('web-soap-cp')?.info.transport).toBe('soap');
    expect(errors).toEqual([]);
    await tab.close();
  }, 60_000);
});
