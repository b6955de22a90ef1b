/**
 * ocppkit — OCPP 1.6 for charge points and central systems. This entry point is isomorphic:
 * it imports no Node built-in and runs in browsers through a bundler. Node-only parts
 * (servers, files) are in `ocppkit/node`.
 *
 * @packageDocumentation
 */
export * from './ocpp16/index.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { Emitter } from './events.js';
export type { Listener } from './events.js';
export { RpcEndpoint } from './rpc/endpoint.js';
export type {
  CallOptions,
  EndpointEvents,
  EndpointOptions,
  Handler,
  HandlerContext,
  RpcConnection,
} from './rpc/endpoint.js';
export { CallTimeoutError, InvalidMessageError, NotConnectedError, OcppError, QueueFullError } from './rpc/errors.js';
export type { BadMessage, CallMessage, ErrorMessage, IncomingMessage, ResultMessage, RpcMessage } from './rpc/messages.js';
export { ValidationPolicy } from './rpc/validation-policy.js';
export type { ValidationDirection, ValidationSettings } from './rpc/validation-policy.js';
export type { ChargePointTransport, ConnectionInfo, ConnectionListener, IncomingConnection } from './rpc/transport.js';
export { decodeFrame, encodeFrame } from './transports/json/frames.js';
export { WebSocketClient, backoffDelay } from './transports/json/websocket-client.js';
export type {
  ClientTlsOptions,
  ReconnectOptions,
  WebSocketClientEvents,
  WebSocketClientOptions,
  WebSocketConstructor,
  WebSocketLike,
} from './transports/json/websocket-client.js';
export type { AuthorizationKeyEncoding } from './transports/json/basic-auth.js';
export { ChargePoint } from './roles/charge-point.js';
export type { ChargePointEvents, ChargePointHandlerContext, ChargePointOptions } from './roles/charge-point.js';
export { CentralSystem } from './roles/central-system.js';
export type { CentralSystemEvents, CentralSystemOptions } from './roles/central-system.js';
export { Session } from './roles/session.js';
export type { SessionHandler, SessionHandlerContext } from './roles/session.js';
