// A central system served over OCPP-S on 127.0.0.1 for tests that talk to it with plain fetch,
// and what they need to read its answers.
import { afterEach } from 'vitest';
import { CentralSystem } from '../../../src/index.js';
import { parseEnvelope, SOAP_CONTENT_TYPE, type ParsedEnvelope } from '../../../src/soap.js';
import { SoapListener, type SoapListenerOptions } from '../../../src/node.js';

type Task = () => unknown;

/** Registers an afterEach that runs the returned function's tasks, last first. */
export function useCleanup(): (task: Task) => void {
  const tasks: Task[] = [];
  afterEach(async () => {
    while (tasks.length > 0) await tasks.pop()!();
  });
  return (task) => void tasks.push(task);
}

const NOW = '2025-01-31T10:00:00Z';

/** A central system answering every charge point action, served by a SoapListener on 127.0.0.1. */
export async function startCentralSystem(defer: (task: Task) => void, options: SoapListenerOptions = {}) {
  const cs = new CentralSystem();
  cs.handle('BootNotification', () => ({ status: 'Accepted', currentTime: NOW, interval: 300 }))
    .handle('Heartbeat', () => ({ currentTime: NOW }))
    .handle('Authorize', () => ({ idTagInfo: { status: 'Accepted' } }))
    .handle('StartTransaction', () => ({ transactionId: 1, idTagInfo: { status: 'Accepted' } }))
    .handle('StopTransaction', () => ({}))
    .handle('StatusNotification', () => ({}))
    .handle('MeterValues', () => ({}))
    .handle('DataTransfer', () => ({ status: 'Accepted' }))
    .handle('FirmwareStatusNotification', () => ({}))
    .handle('DiagnosticsStatusNotification', () => ({}));
  const listener = new SoapListener({ host: '127.0.0.1', port: 0, path: '/ocpp/soap', ...options });
  cs.serve(listener);
  await listener.listen();
  defer(() => cs.close());
  return { cs, listener, url: listener.url };
}

/** An HTTP exchange as the tests look at it. */
export interface Exchange {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** POSTs a body (SOAP 1.2 content type unless told otherwise) and reads the whole answer. */
export async function post(url: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Exchange> {
  const response = await fetch(url, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'Content-Type': SOAP_CONTENT_TYPE, ...headers },
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The fault an answer holds; fails when it is not a SOAP fault. */
export function faultOf(text: string) {
  const { content, headers } = parseEnvelope(text);
  if (content.kind !== 'fault') throw new Error(`expected a fault, got a ${content.kind}: ${text}`);
  return { ...content.fault, relatesTo: headers.relatesTo };
}

/** The answer's envelope, parsed. */
export function envelopeIn(exchange: Exchange): ParsedEnvelope {
  return parseEnvelope(exchange.text);
}
