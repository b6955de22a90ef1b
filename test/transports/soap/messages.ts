// The 56 OCPP-S 1.6 messages (28 actions with a SOAP binding, request and response) as minimal
// and maximal payloads, built by the conformance corpus from the official JSON schemas (read in
// place), and the envelopes ocppkit writes for them.
import { actionRegistry } from '../../../src/ocpp16/generated/actions.js';
import { buildMessageEnvelope, OCPP16_NAMESPACES, type SoapService } from '../../../src/soap.js';
import { buildCorpus } from '../../conformance/corpus.js';
import { readReference } from '../../reference.js';

/** One message of one action in one of the two payload variants. */
export interface SoapMessageCase {
  readonly action: string;
  readonly kind: 'request' | 'response';
  readonly variant: 'minimal' | 'maximal';
  /** The service the request is addressed to (which also answers it). */
  readonly service: SoapService;
  /** Body element, e.g. `bootNotificationRequest`. */
  readonly element: string;
  /** OCPP-S complex type, e.g. `BootNotificationRequest`. */
  readonly type: string;
  readonly payload: Record<string, unknown>;
  /** `BootNotification request (maximal, CentralSystemService)`. */
  readonly label: string;
}

type Schema = { [key: string]: unknown };

/**
 * The WSDL requires at least one `sampledValue` and one `chargingSchedulePeriod`, while the JSON
 * schemas allow empty arrays; an empty array also has no XML form (it reads back as absent).
 * So every array of the corpus gets at least one item.
 */
function withNonEmptyArrays(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNonEmptyArrays);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = withNonEmptyArrays(value);
  if (out.type === 'array') out.minItems = Math.max(Number(out.minItems ?? 0), 1);
  return out;
}

/** The actions that have an OCPP-S binding (the Security extensions have none). */
export const soapActions = Object.values(actionRegistry).filter((a) => a.soap !== undefined);

/** The services an action is part of: the receiver's; DataTransfer is part of both. */
export function servicesOf(action: string): SoapService[] {
  const { sentBy } = actionRegistry[action as keyof typeof actionRegistry];
  if (sentBy === 'Both') return ['CentralSystemService', 'ChargePointService'];
  return [sentBy === 'ChargePoint' ? 'CentralSystemService' : 'ChargePointService'];
}

/** Minimal and maximal payload of every message, once per service the action belongs to. */
export function soapMessageCases(): SoapMessageCase[] {
  const cases: SoapMessageCase[] = [];
  for (const action of soapActions) {
    for (const kind of ['request', 'response'] as const) {
      const file = `ocpp16/json-schemas/${action.name}${kind === 'response' ? 'Response' : ''}.json`;
      const corpus = buildCorpus(withNonEmptyArrays(JSON.parse(readReference(file))) as Schema);
      for (const variant of ['minimal', 'maximal'] as const) {
        const payload = corpus.find((c) => c.kind === variant)!.payload as Record<string, unknown>;
        for (const service of servicesOf(action.name)) {
          cases.push({
            action: action.name,
            kind,
            variant,
            service,
            element: kind === 'request' ? action.soap!.requestElement : action.soap!.responseElement,
            type: action[kind].type,
            payload,
            label: `${action.name} ${kind} (${variant}, ${service})`,
          });
        }
      }
    }
  }
  return cases;
}

/** The envelope ocppkit writes for a case: a request with chargeBoxIdentity, or a response. */
export function envelopeOf(c: Pick<SoapMessageCase, 'action' | 'kind' | 'service' | 'element' | 'type' | 'payload'>): string {
  const namespace = OCPP16_NAMESPACES[c.service];
  return c.kind === 'request'
    ? buildMessageEnvelope(
        { namespace, action: `/${c.action}`, messageId: 'urn:uuid:1', chargeBoxIdentity: 'CP-1', from: 'http://127.0.0.1:9000/' },
        c.element,
        c.type,
        c.payload,
      )
    : buildMessageEnvelope(
        { namespace, action: `/${c.action}Response`, messageId: 'urn:uuid:2', relatesTo: 'urn:uuid:1' },
        c.element,
        c.type,
        c.payload,
      );
}

/**
 * The body element of an envelope ocppkit wrote, as a document of its own: the OCPP namespace
 * (declared on the envelope) is declared on the element itself.
 */
export function standaloneBody(envelope: string, service: SoapService): string {
  const body = /<s:Body>([\s\S]*)<\/s:Body>/.exec(envelope)?.[1];
  if (!body) throw new Error('the envelope has no body');
  const declared = body.replace(/^<o:([A-Za-z]+)/, `<o:$1 xmlns:o="${OCPP16_NAMESPACES[service]}"`);
  return `<?xml version="1.0" encoding="utf-8"?>\n${declared}\n`;
}
