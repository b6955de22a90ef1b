/**
 * ocppkit for Node: everything of the isomorphic entry, plus what needs a server platform
 * (listening sockets, files).
 *
 * @packageDocumentation
 */
export * from './index.js';
export { readServiceDescription } from './ocpp16/service-description.js';
export type { SoapServiceName } from './ocpp16/service-description.js';
export { WebSocketListener } from './transports/json/websocket-server.js';
export type {
  HandshakeDecision,
  HandshakeRequest,
  WebSocketListenerEvents,
  WebSocketListenerOptions,
} from './transports/json/websocket-server.js';
