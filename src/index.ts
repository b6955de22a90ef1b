/**
 * ocppkit — OCPP 1.6 for charge points and central systems. This entry point is isomorphic:
 * it imports no Node built-in and runs in browsers through a bundler. Node-only parts
 * (servers, files) are in `ocppkit/node`.
 *
 * @packageDocumentation
 */
export * from './ocpp16/index.js';
