/**
 * ocppkit for Node: everything of the isomorphic entry, plus what needs a server platform
 * (listening sockets, files).
 *
 * @packageDocumentation
 */
export * from './index.js';
export * from './soap.js';
export { readServiceDescription } from './ocpp16/service-description.js';
export type { SoapServiceName } from './ocpp16/service-description.js';
export { WebSocketListener } from './transports/json/websocket-server.js';
export type {
  HandshakeDecision,
  HandshakeRequest,
  WebSocketListenerEvents,
  WebSocketListenerOptions,
} from './transports/json/websocket-server.js';
export { SoapListener } from './transports/soap/soap-listener.js';
export type { SoapListenerOptions } from './transports/soap/soap-listener.js';
export { ChargePointServiceServer, SoapHttpServer, nodeHttpPost, readBody } from './transports/soap/http-server.js';
export type { HttpClientTlsOptions, SoapRequest, SoapServerOptions } from './transports/soap/http-server.js';
