// Every envelope body ocppkit writes (request and response of the 56 OCPP-S messages, minimal
// and maximal) is valid against the XML schema embedded in the official OCPP 1.6 WSDLs, as
// libxml2's xmllint judges it; and the schemas of our own generated WSDLs compile and agree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessageEnvelope, OCPP16_NAMESPACES, type SoapService } from '../../../src/soap.js';
import { readReference } from '../../reference.js';
import { findTool, requireTool } from '../../system-tool.js';
import { envelopeOf, soapMessageCases, standaloneBody } from './messages.js';

const hasXmllint = requireTool('xmllint', 'libxml2-utils');

const OFFICIAL: Record<SoapService, string> = {
  CentralSystemService: 'ocpp16/wsdl/OCPP_CentralSystemService_1.6.wsdl',
  ChargePointService: 'ocpp16/wsdl/OCPP_ChargePointService_1.6.wsdl',
};
const SERVICES = Object.keys(OFFICIAL) as SoapService[];
const ourWsdl = (service: SoapService) => readFileSync(new URL(`../../../wsdl/ocpp1.6/${service}.wsdl`, import.meta.url), 'utf8');

/**
 * The `<xs:schema>` of a WSDL as a schema document of its own: the namespace declarations it
 * inherits from `<wsdl:definitions>` (the XSD prefix, `tns`) are copied onto it.
 */
function schemaOf(wsdl: string): string {
  const root = /<(?:\w+:)?definitions\b[^>]*>/.exec(wsdl)?.[0];
  const schema = /<(\w+):schema\b[^>]*>[\s\S]*?<\/\1:schema>/.exec(wsdl)?.[0];
  if (!root || !schema) throw new Error('not a WSDL with an embedded schema');
  const start = /^<\w+:schema\b[^>]*?(?=\/?>)/.exec(schema)![0];
  const inherited = [...root.matchAll(/\s(xmlns(?::[\w.-]+)?)="([^"]*)"/g)]
    .filter(([, name]) => !new RegExp(`\\s${name}=`).test(start))
    .map(([, name, uri]) => ` ${name}="${uri}"`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n${start}${inherited}${schema.slice(start.length)}\n`;
}

interface Verdict {
  readonly valid: boolean;
  readonly errors: string[];
}

/** Validates documents (paths) against a schema in one xmllint run; the verdict of each, by path. */
function xmllint(schema: string, documents: readonly string[]): { status: number | null; output: string; verdicts: Map<string, Verdict> } {
  const run = spawnSync(findTool('xmllint')!, ['--noout', '--schema', schema, ...documents], { encoding: 'utf8', timeout: 60_000 });
  const output = `${run.stdout}${run.stderr}`;
  const verdicts = new Map<string, Verdict>();
  for (const document of documents) {
    const lines = output.split('\n');
    verdicts.set(document, {
      valid: lines.includes(`${document} validates`),
      errors: lines.filter((line) => line.startsWith(`${document}:`)),
    });
  }
  return { status: run.status, output, verdicts };
}

describe.skipIf(!hasXmllint)('envelope bodies against the official WSDL schemas (xmllint)', () => {
  const cases = soapMessageCases();
  let dir = '';
  const schemas = new Map<string, string>();
  const documents = new Map<SoapService, { path: string; label: string }[]>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocppkit-xsd-'));
    for (const service of SERVICES) {
      for (const [origin, wsdl] of [['official', readReference(OFFICIAL[service])], ['ours', ourWsdl(service)]] as const) {
        const path = join(dir, `${origin}-${service}.xsd`);
        writeFileSync(path, schemaOf(wsdl));
        schemas.set(`${origin} ${service}`, path);
      }
      documents.set(
        service,
        cases
          .filter((c) => c.service === service)
          .map((c, i) => {
            const path = join(dir, `${service}-${i}-${c.action}-${c.kind}-${c.variant}.xml`);
            writeFileSync(path, standaloneBody(envelopeOf(c), service));
            return { path, label: c.label };
          }),
      );
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has every body to validate: 116 documents (DataTransfer in both services)', () => {
    expect(cases).toHaveLength(116);
    // 10 actions of the CentralSystemService, 19 of the ChargePointService; 4 bodies each.
    expect(documents.get('CentralSystemService')).toHaveLength(40);
    expect(documents.get('ChargePointService')).toHaveLength(76);
  });

  for (const origin of ['official', 'ours'] as const) {
    for (const service of SERVICES) {
      it(`every body of the ${service} is valid against the ${origin} WSDL's schema`, () => {
        const docs = documents.get(service)!;
        const { status, output, verdicts } = xmllint(schemas.get(`${origin} ${service}`)!, docs.map((d) => d.path));
        expect(output).not.toMatch(/failed to compile/);
        const failures = docs.filter((d) => !verdicts.get(d.path)!.valid).map((d) => `${d.label}: ${verdicts.get(d.path)!.errors.join('; ')}`);
        expect(failures).toEqual([]);
        expect(status).toBe(0);
      });
    }
  }

  it("compiles the schemas of our generated WSDLs, and they are the services' namespaces", () => {
    for (const service of SERVICES) {
      const schema = schemaOf(ourWsdl(service));
      expect(schema).toContain(`targetNamespace="${OCPP16_NAMESPACES[service]}"`);
      const probe = join(dir, `probe-${service}.xml`);
      writeFileSync(probe, '<?xml version="1.0"?><nothing/>\n');
      const { output } = xmllint(schemas.get(`ours ${service}`)!, [probe]);
      expect(output).not.toMatch(/failed to compile|parser error/);
      // The schema compiled, so the probe was judged: no global element declares <nothing>.
      expect(output).toContain(`${probe} fails to validate`);
    }
  });

  it('does reject what the WSDL forbids (the check is not vacuous)', () => {
    const stop = (sampledValue: Record<string, unknown>) =>
      buildMessageEnvelope(
        { namespace: OCPP16_NAMESPACES.CentralSystemService, action: '/StopTransaction', messageId: 'urn:uuid:1' },
        'stopTransactionRequest',
        'StopTransactionRequest',
        {
          transactionId: 1,
          timestamp: '2025-01-31T10:00:00Z',
          meterStop: 0,
          transactionData: [{ timestamp: '2025-01-31T10:00:00Z', sampledValue: [sampledValue] }],
        },
      );
    const bad = {
      // Children out of the xs:sequence order.
      outOfOrder: standaloneBody(stop({ value: '1' }), 'CentralSystemService').replace(
        /(<o:transactionId>1<\/o:transactionId>)(<o:timestamp>[^<]*<\/o:timestamp>)/,
        '$2$1',
      ),
      // The JSON spelling, written as is.
      celcius: standaloneBody(stop({ value: '1', unit: 'Celsius' }), 'CentralSystemService').replace('Celsius', 'Celcius'),
      // An empty sampledValue list, which the JSON schema allows.
      noSampledValue: standaloneBody(stop({ value: '1' }), 'CentralSystemService').replace(/<o:sampledValue>.*?<\/o:sampledValue>/, ''),
      // An element in no namespace.
      unqualified: '<heartbeatRequest/>',
    };
    const paths = Object.entries(bad).map(([name, xml]) => {
      const path = join(dir, `bad-${name}.xml`);
      writeFileSync(path, xml);
      return path;
    });
    const { verdicts } = xmllint(schemas.get('official CentralSystemService')!, paths);
    for (const path of paths) {
      expect(verdicts.get(path), path).toMatchObject({ valid: false, errors: expect.arrayContaining([expect.stringContaining('validity error')]) });
    }
    // The untouched versions are fine.
    const good = join(dir, 'good-celsius.xml');
    writeFileSync(good, standaloneBody(stop({ value: '1', unit: 'Celcius' }), 'CentralSystemService'));
    expect(xmllint(schemas.get('official CentralSystemService')!, [good]).verdicts.get(good)!.valid).toBe(true);
  });
});
