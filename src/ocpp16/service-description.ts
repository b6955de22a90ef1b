import { readFile } from 'node:fs/promises';

/** The two OCPP-S 1.6 services: the central system's and the charge point's. */
export type SoapServiceName = 'CentralSystemService' | 'ChargePointService';

// wsdl/ sits at the package root; from src/ocpp16 (tests) and from dist/ (built) alike.
const candidates = ['../../wsdl/ocpp1.6/', '../wsdl/ocpp1.6/'];

/**
 * Reads ocppkit's OCPP-S 1.6 service description (WSDL) of one service, as shipped in the
 * package's `wsdl/` folder — what a SOAP server serves at `?wsdl`.
 */
export async function readServiceDescription(service: SoapServiceName): Promise<string> {
  if (service !== 'CentralSystemService' && service !== 'ChargePointService') {
    throw new TypeError(`unknown OCPP-S service "${String(service)}"; use CentralSystemService or ChargePointService`);
  }
  let lastError: unknown;
  for (const folder of candidates) {
    try {
      return await readFile(new URL(`${folder}${service}.wsdl`, import.meta.url), 'utf8');
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`ocppkit's ${service}.wsdl was not found next to the package`, { cause: lastError });
}
