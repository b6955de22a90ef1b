import { actionRegistry } from '../../ocpp16/generated/actions.js';
import { decodeBody, encodeBody } from './body-codec.js';
import { errorCodeOfFault, type SoapFault } from './faults.js';
import { escapeXml, parseXml, type XmlElement, type XmlLimits } from './xml.js';

/** SOAP 1.2 envelope namespace. */
export const SOAP_ENVELOPE = 'http://www.w3.org/2003/05/soap-envelope';
/** WS-Addressing 1.0 namespace (what OCPP-S 1.6 uses). */
export const WS_ADDRESSING = 'http://www.w3.org/2005/08/addressing';
/** The older WS-Addressing namespace some peers still send; accepted on input. */
export const WS_ADDRESSING_2004 = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
/** ReplyTo address meaning "answer in the HTTP response". */
export const ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';
/** The OCPP-S 1.6 service namespaces. */
export const OCPP16_NAMESPACES = {
  CentralSystemService: 'urn://Ocpp/Cs/2015/10/',
  ChargePointService: 'urn://Ocpp/Cp/2015/10/',
} as const;
const OLDER_VERSIONS: Readonly<Record<string, string>> = {
  'urn://Ocpp/Cs/2012/06/': '1.5',
  'urn://Ocpp/Cp/2012/06/': '1.5',
  'urn://Ocpp/Cs/2010/08/': '1.2',
  'urn://Ocpp/Cp/2010/08/': '1.2',
};

/** Which OCPP-S 1.6 service a namespace belongs to. */
export type SoapService = keyof typeof OCPP16_NAMESPACES;

/** The WS-Addressing and OCPP headers of an envelope. */
export interface SoapHeaders {
  readonly action?: string;
  readonly messageId?: string;
  readonly relatesTo?: string;
  readonly to?: string;
  /** `From/Address`, or From's text for peers that write it plainly. */
  readonly from?: string;
  readonly replyTo?: string;
  readonly chargeBoxIdentity?: string;
}

/** What an envelope holds, decoded to the JSON model. */
export type SoapContent =
  | { readonly kind: 'request' | 'response'; readonly action: string; readonly service: SoapService; readonly payload: Record<string, unknown> }
  | { readonly kind: 'fault'; readonly fault: { code: string; subcode?: string; reason: string; errorCode: string; details: Record<string, unknown> } };

/** A parsed envelope. */
export interface ParsedEnvelope {
  readonly headers: SoapHeaders;
  readonly content: SoapContent;
}

/** An envelope that cannot be handled, with the fault to answer and why. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
  constructor(
    readonly errorCode: string,
    message: string,
    /** The request's MessageID, when it could be read (for RelatesTo on the fault). */
    readonly messageId?: string,
  ) {
    super(message);
  }
}

interface BodyElement {
  readonly action: string;
  readonly kind: 'request' | 'response';
  readonly type: string;
}

// bootNotificationRequest -> BootNotification request, for every action with a SOAP binding.
const BODY_ELEMENTS: ReadonlyMap<string, BodyElement> = new Map(
  Object.values(actionRegistry).flatMap((action): [string, BodyElement][] =>
    action.soap
      ? [
          [action.soap.requestElement, { action: action.name, kind: 'request', type: action.request.type }],
          [action.soap.responseElement, { action: action.name, kind: 'response', type: action.response.type }],
        ]
      : [],
  ),
);

const child = (element: XmlElement | undefined, name: string) => element?.children.find((c) => c.name === name);
const isAddressing = (ns: string) => ns === WS_ADDRESSING || ns === WS_ADDRESSING_2004 || ns === '';

/**
 * Parses an OCPP-S envelope: SOAP 1.2, WS-Addressing headers (2005/08 or 2004/08, From as
 * `Address` or plain text), `chargeBoxIdentity` matched without regard to case, the body
 * element's namespace telling the OCPP version. Throws {@link EnvelopeError} with the OCPP error
 * code of the fault to answer.
 */
export function parseEnvelope(text: string, limits?: XmlLimits): ParsedEnvelope {
  let root: XmlElement;
  try {
    root = parseXml(text, limits);
  } catch (error) {
    throw new EnvelopeError('FormationViolation', error instanceof Error ? error.message : String(error));
  }
  if (root.name !== 'Envelope' || root.ns !== SOAP_ENVELOPE) {
    throw new EnvelopeError(
      'FormationViolation',
      root.name === 'Envelope'
        ? `the envelope is not SOAP 1.2 (namespace "${root.ns}"); OCPP-S 1.6 uses ${SOAP_ENVELOPE}`
        : `the document is a <${root.name}>, not a SOAP envelope`,
    );
  }
  const headers = readHeaders(child(root, 'Header'));
  const body = child(root, 'Body');
  const content = body?.children[0];
  if (!content) throw new EnvelopeError('FormationViolation', 'the SOAP Body is empty', headers.messageId);
  if (content.name === 'Fault' && content.ns === SOAP_ENVELOPE) return { headers, content: readFault(content) };

  const version = OLDER_VERSIONS[content.ns];
  if (version) {
    throw new EnvelopeError('NotSupported', `this endpoint speaks OCPP-S 1.6; the message is OCPP ${version} (${content.ns})`, headers.messageId);
  }
  const service = (Object.keys(OCPP16_NAMESPACES) as SoapService[]).find((s) => OCPP16_NAMESPACES[s] === content.ns);
  const element = BODY_ELEMENTS.get(content.name);
  if (!service || !element) {
    throw new EnvelopeError(
      'NotImplemented',
      `<${content.name}> in namespace "${content.ns}" is not an OCPP 1.6 message`,
      headers.messageId,
    );
  }
  return { headers, content: { kind: element.kind, action: element.action, service, payload: decodeBody(element.type, content) } };
}

function readHeaders(header: XmlElement | undefined): SoapHeaders {
  const out: Record<string, string> = {};
  for (const h of header?.children ?? []) {
    const name = h.name.toLowerCase();
    const text = h.text.trim();
    if (name === 'chargeboxidentity') out.chargeBoxIdentity = text;
    else if (!isAddressing(h.ns)) continue;
    else if (h.name === 'Action') out.action = text;
    else if (h.name === 'MessageID') out.messageId = text;
    else if (h.name === 'RelatesTo') out.relatesTo = text;
    else if (h.name === 'To') out.to = text;
    else if (h.name === 'From') out.from = (child(h, 'Address')?.text ?? h.text).trim();
    else if (h.name === 'ReplyTo') out.replyTo = (child(h, 'Address')?.text ?? h.text).trim();
  }
  return out;
}

function readFault(fault: XmlElement): SoapContent {
  const code = child(fault, 'Code');
  const localName = (qname: string | undefined) => qname?.replace(/^[^:]*:/, '');
  const subcode = localName(child(child(code, 'Subcode'), 'Value')?.text.trim());
  const reason = child(child(fault, 'Reason'), 'Text')?.text.trim() ?? '';
  const detail = child(fault, 'Detail');
  const detailCode = child(detail, 'errorCode')?.text.trim();
  let details: Record<string, unknown> = {};
  const detailJson = child(detail, 'errorDetails')?.text;
  if (detailJson) {
    try {
      const parsed: unknown = JSON.parse(detailJson);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
    } catch {
      details = { text: detailJson };
    }
  }
  return {
    kind: 'fault',
    fault: {
      code: localName(child(code, 'Value')?.text.trim()) ?? 'Receiver',
      ...(subcode ? { subcode } : {}),
      reason,
      errorCode: errorCodeOfFault(subcode, detailCode),
      details,
    },
  };
}

/** What goes into an envelope we write. */
export interface EnvelopeParts {
  /** The namespace of the service called (the receiver's). */
  readonly namespace: string;
  readonly action: string;
  readonly messageId: string;
  readonly relatesTo?: string;
  readonly to?: string;
  /** Our address, where the peer can reach us (`From/Address`). */
  readonly from?: string;
  /** Requests carry the charge point identity. */
  readonly chargeBoxIdentity?: string;
}

/** Writes a request or response envelope with `payload` as the body element `type`. */
export function buildMessageEnvelope(parts: EnvelopeParts, element: string, type: string, payload: unknown): string {
  return envelope(parts, `<o:${element}>${encodeBody(type, payload, 'o')}</o:${element}>`);
}

/** Writes a fault envelope; OCPP's code and details ride in the Detail. */
export function buildFaultEnvelope(parts: EnvelopeParts, fault: SoapFault): string {
  const details = Object.keys(fault.details).length > 0 ? `<o:errorDetails>${escapeXml(JSON.stringify(fault.details))}</o:errorDetails>` : '';
  const body =
    `<s:Fault><s:Code><s:Value>s:${fault.code}</s:Value><s:Subcode><s:Value>o:${fault.subcode}</s:Value></s:Subcode></s:Code>` +
    `<s:Reason><s:Text xml:lang="en">${escapeXml(fault.reason || fault.errorCode)}</s:Text></s:Reason>` +
    `<s:Detail><o:errorCode>${escapeXml(fault.errorCode)}</o:errorCode>${details}</s:Detail></s:Fault>`;
  return envelope(parts, body);
}

function envelope(parts: EnvelopeParts, body: string): string {
  const must = ' s:mustUnderstand="true"';
  let header = '';
  if (parts.chargeBoxIdentity !== undefined) {
    header += `<o:chargeBoxIdentity${must}>${escapeXml(parts.chargeBoxIdentity)}</o:chargeBoxIdentity>`;
  }
  header += `<a:Action${must}>${escapeXml(parts.action)}</a:Action><a:MessageID>${escapeXml(parts.messageId)}</a:MessageID>`;
  if (parts.relatesTo) header += `<a:RelatesTo>${escapeXml(parts.relatesTo)}</a:RelatesTo>`;
  if (parts.from) header += `<a:From><a:Address>${escapeXml(parts.from)}</a:Address></a:From>`;
  if (!parts.relatesTo) header += `<a:ReplyTo><a:Address>${ANONYMOUS}</a:Address></a:ReplyTo>`;
  header += `<a:To${must}>${escapeXml(parts.to ?? ANONYMOUS)}</a:To>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP_ENVELOPE}" xmlns:a="${WS_ADDRESSING}" xmlns:o="${parts.namespace}">` +
    `<s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}
