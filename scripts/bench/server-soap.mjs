// OCPP-S central systems: ocppkit's SoapListener + CentralSystem, and a node-soap server of
// the official CentralSystemService WSDL (SOAP 1.2), each answering Heartbeat and MeterValues.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { HEARTBEAT_CONF, METER_VALUES_CONF } from './payloads.mjs';
import { referencePath } from './reference.mjs';
import { answerLoad } from './server-ocppkit.mjs';

export const WSDL_PATH = referencePath('wsdl/OCPP_CentralSystemService_1.6.wsdl');
export const SOAP_PATH = '/ocpp/soap';

export async function createOcppkitSoapServer(counters, { host }) {
  const { CentralSystem } = await import('../../dist/index.js');
  const { SoapListener } = await import('../../dist/node.js');
  const cs = new CentralSystem();
  const listener = new SoapListener({ host, port: 0, path: SOAP_PATH });
  cs.serve(listener);
  answerLoad(cs, counters);
  const { port } = await listener.listen();
  let count = 0;
  cs.on('session', () => count++);
  return { port, sessions: () => count, close: () => cs.close() };
}

export async function createNodeSoapServer(counters, { host }) {
  const require = createRequire(import.meta.url);
  const soap = require('soap');
  const http = createHttpServer();
  const identities = new Set();
  const services = {
    CentralSystemService: {
      CentralSystemServiceSoap12: {
        Heartbeat(_args, _callback, headers) {
          counters.calls++;
          if (headers?.chargeBoxIdentity) identities.add(String(headers.chargeBoxIdentity));
          return HEARTBEAT_CONF;
        },
        MeterValues(_args, _callback, headers) {
          counters.calls++;
          if (headers?.chargeBoxIdentity) identities.add(String(headers.chargeBoxIdentity));
          return METER_VALUES_CONF;
        },
      },
    },
  };
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, host, resolve);
  });
  // The WSDL is read in place and processed asynchronously: wait until the service is bound.
  await new Promise((resolve, reject) =>
    soap.listen(http, {
      path: SOAP_PATH,
      services,
      xml: readFileSync(WSDL_PATH, 'utf8'),
      uri: WSDL_PATH,
      forceSoap12Headers: true,
      callback: (error) => (error ? reject(error) : resolve()),
    }),
  );
  return {
    port: http.address().port,
    sessions: () => identities.size,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
