// The ocppkit browser bundle in real headless Chromium: a ChargePoint in the page connects to
// our Node CentralSystem over the browser's own WebSocket, boots, heartbeats, and answers a
// GetConfiguration the central system sends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CentralSystem, type Session } from '../../src/index.js';
import { WebSocketListener } from '../../src/node.js';
import { findTool, requireTool } from '../system-tool.js';

type Ocppkit = typeof import('../../src/index.js');
/** What the page keeps on `window` between evaluations. */
interface PageGlobals {
  ocppkit: Ocppkit;
  chargePoint?: InstanceType<Ocppkit['ChargePoint']>;
  getConfigurationCalls: unknown[];
}

const ROOT = new URL('../../', import.meta.url);
const hasChromium = requireTool('chromium', 'chromium');

/** The isomorphic entry, bundled for browsers as an IIFE that sets `window.ocppkit`. */
async function bundleForBrowser(): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [new URL('src/index.ts', ROOT).pathname],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'ocppkit',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

/** Serves the page and the bundle on 127.0.0.1, a free port. */
async function servePage(bundle: string): Promise<{ server: Server; url: string }> {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">' +
    '<title>ocppkit in the browser</title><script src="/ocppkit.js"></script></head><body></body></html>';
  const server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (request.url === '/ocppkit.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe.skipIf(!hasChromium)('a ChargePoint from the browser bundle, in headless Chromium', () => {
  let browser: Browser | undefined;
  let httpServer: Server | undefined;
  let pageUrl = '';
  let bundleInputs: string[] = [];
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const [bundle, launched] = await Promise.all([
      bundleForBrowser(),
      chromium.launch({
        executablePath: findTool('chromium')!,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-gpu',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
        timeout: 60_000,
      }),
    ]);
    browser = launched;
    bundleInputs = bundle.inputs;
    const served = await servePage(bundle.code);
    httpServer = served.server;
    pageUrl = served.url;
  }, 120_000);

  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (httpServer) {
      const server = httpServer;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    }
  }, 30_000);

  it('bundles without ws or any Node built-in', () => {
    expect(bundleInputs.filter((input) => /(^|\/)node:|node_modules\/ws\//.test(input))).toEqual([]);
    expect(bundleInputs.some((input) => input.endsWith('src/roles/charge-point.ts'))).toBe(true);
  });

  it('boots, heartbeats and answers a server-initiated GetConfiguration', async () => {
    // The central system, in Node.
    const cs = new CentralSystem();
    const listener = new WebSocketListener({ host: '127.0.0.1', port: 0, path: '/ocpp' });
    cs.serve(listener);
    const { port } = await listener.listen();
    cleanup.push(() => cs.close());
    const boots: { identity: string; vendor: string }[] = [];
    cs.handle('BootNotification', (request, context) => {
      boots.push({ identity: context.identity, vendor: request.chargePointVendor });
      return { status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 };
    });
    cs.handle('Heartbeat', () => ({ currentTime: '2025-01-31T10:00:01Z' }));
    const sessions: string[] = [];
    cs.on('session', (session) => sessions.push(session.identity));

    // The page, with the bundle loaded; every console error or uncaught exception is kept.
    const page: Page = await browser!.newPage();
    cleanup.push(() => page.close());
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(pageUrl, { waitUntil: 'load' });
    expect(await page.evaluate(() => typeof (window as unknown as PageGlobals).ocppkit.ChargePoint)).toBe('function');

    // The charge point, in the page: connect, boot, heartbeat.
    const endpoint = `ws://127.0.0.1:${port}/ocpp`;
    const fromPage = await page.evaluate(async (endpoint) => {
      const globals = window as unknown as PageGlobals;
      const { ChargePoint } = globals.ocppkit;
      const cp = new ChargePoint({ identity: 'browser-cp', endpoint, reconnect: false });
      globals.chargePoint = cp;
      globals.getConfigurationCalls = [];
      cp.handle('GetConfiguration', (request) => {
        globals.getConfigurationCalls.push(request);
        return {
          configurationKey: [
            { key: 'HeartbeatInterval', readonly: false, value: '300' },
            { key: 'AnsweredBy', readonly: true, value: navigator.userAgent.includes('Chrome') ? 'chromium' : 'other' },
          ],
          unknownKey: (request.key ?? []).filter((key) => key !== 'HeartbeatInterval' && key !== 'AnsweredBy'),
        };
      });
      const opened: { url: string; protocol: string }[] = [];
      cp.on('open', (event) => opened.push(event));
      await cp.connect();
      const boot = await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Browser' });
      const heartbeat = await cp.call('Heartbeat', {});
      return { opened, connected: cp.connected, boot, heartbeat, userAgent: navigator.userAgent };
    }, endpoint);

    expect(fromPage.userAgent).toMatch(/HeadlessChrome|Chrome/);
    expect(fromPage.opened).toEqual([{ url: `${endpoint}/browser-cp`, protocol: 'ocpp1.6' }]);
    expect(fromPage.connected).toBe(true);
    expect(fromPage.boot).toEqual({ status: 'Accepted', currentTime: '2025-01-31T10:00:00Z', interval: 300 });
    expect(fromPage.heartbeat).toEqual({ currentTime: '2025-01-31T10:00:01Z' });
    expect(boots).toEqual([{ identity: 'browser-cp', vendor: 'ACME' }]);
    expect(sessions).toEqual(['browser-cp']);

    // The central system calls the browser; the page's handler answers.
    const session: Session | undefined = cs.session('browser-cp');
    expect(session).toBeDefined();
    const config = await session!.call('GetConfiguration', { key: ['HeartbeatInterval', 'AnsweredBy', 'Nope'] });
    expect(config).toEqual({
      configurationKey: [
        { key: 'HeartbeatInterval', readonly: false, value: '300' },
        { key: 'AnsweredBy', readonly: true, value: 'chromium' },
      ],
      unknownKey: ['Nope'],
    });
    expect(await page.evaluate(() => (window as unknown as PageGlobals).getConfigurationCalls)).toEqual([
      { key: ['HeartbeatInterval', 'AnsweredBy', 'Nope'] },
    ]);

    // The page closes the charge point; the central system sees a normal closure.
    const closed = new Promise<{ identity: string; code: number }>((resolve) =>
      cs.once('sessionClosed', (event) => resolve({ identity: event.session.identity, code: event.code })),
    );
    await page.evaluate(() => (window as unknown as PageGlobals).chargePoint!.close());
    expect(await closed).toEqual({ identity: 'browser-cp', code: 1000 });

    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
