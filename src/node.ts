/**
 * ocppkit for Node: everything of the isomorphic entry, plus what needs a server platform
 * (files, listening sockets).
 *
 * @packageDocumentation
 */
export * from './index.js';
export { readServiceDescription } from './ocpp16/service-description.js';
export type { SoapServiceName } from './ocpp16/service-description.js';
