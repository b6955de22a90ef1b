/**
 * ocppkit's OCPP-S (SOAP 1.2) parts that run on any platform: the charge point's SOAP client
 * (fetch) and the envelope codec. A separate entry point, so that OCPP-J-only users (and
 * browser bundles) do not carry an XML parser. The SOAP servers are in `ocppkit/node`.
 *
 * @packageDocumentation
 */
export { SoapClient } from './transports/soap/soap-client.js';
export type { ChargePointServiceHost, SoapClientOptions } from './transports/soap/soap-client.js';
export { SoapPeer, fetchPost, SOAP_CONTENT_TYPE } from './transports/soap/soap-peer.js';
export type { HttpPost, HttpReply, SoapPeerOptions } from './transports/soap/soap-peer.js';
export {
  EnvelopeError,
  OCPP16_NAMESPACES,
  buildFaultEnvelope,
  buildMessageEnvelope,
  parseEnvelope,
} from './transports/soap/envelope.js';
export type { EnvelopeParts, ParsedEnvelope, SoapContent, SoapHeaders, SoapService } from './transports/soap/envelope.js';
export { faultFor } from './transports/soap/faults.js';
export type { FaultSubcode, SoapFault } from './transports/soap/faults.js';
export { decodeBody, encodeBody } from './transports/soap/body-codec.js';
export { XmlRejectedError, parseXml } from './transports/soap/xml.js';
export type { XmlElement, XmlLimits } from './transports/soap/xml.js';
