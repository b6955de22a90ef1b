// The messages every benchmark sends, shared by servers, load generators and validators so
// that every implementation sees byte-identical input. All payloads are valid OCPP 1.6.

/** Fixed timestamp: answers and requests never call Date, so every implementation does the same work. */
export const TIMESTAMP = '2025-01-01T00:00:00.000Z';

/** Width of the message ids the load generators write into pre-serialised frames. */
export const ID_WIDTH = 8;

const SAMPLES = [
  { measurand: 'Energy.Active.Import.Register', unit: 'Wh', value: '12345.6' },
  { measurand: 'Power.Active.Import', unit: 'W', value: '7360' },
  { measurand: 'Current.Import', phase: 'L1', unit: 'A', value: '32.0' },
  { measurand: 'Current.Import', phase: 'L2', unit: 'A', value: '31.8' },
  { measurand: 'Current.Import', phase: 'L3', unit: 'A', value: '31.9' },
  { measurand: 'Voltage', phase: 'L1-N', unit: 'V', value: '230.1' },
  { measurand: 'Voltage', phase: 'L2-N', unit: 'V', value: '229.8' },
  { measurand: 'Voltage', phase: 'L3-N', unit: 'V', value: '230.4' },
  { measurand: 'SoC', unit: 'Percent', value: '57' },
  { measurand: 'Temperature', location: 'Body', unit: 'Celsius', value: '38.5' },
];

/** MeterValues.req with 10 sampled values (workloads 1, 6 and 7). */
export const METER_VALUES = {
  connectorId: 1,
  transactionId: 42,
  meterValue: [
    {
      timestamp: TIMESTAMP,
      sampledValue: SAMPLES.map(({ value, measurand, phase, location, unit }) => ({
        value,
        context: 'Sample.Periodic',
        format: 'Raw',
        measurand,
        ...(phase ? { phase } : {}),
        location: location ?? 'Outlet',
        unit,
      })),
    },
  ],
};

export const HEARTBEAT = {};
export const HEARTBEAT_CONF = { currentTime: TIMESTAMP };
export const METER_VALUES_CONF = {};

/** Server-initiated call of workload 2 and the charge point's fixed answer. */
export const GET_CONFIGURATION = { key: ['HeartbeatInterval'] };
export const GET_CONFIGURATION_CONF = {
  configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
  unknownKey: [],
};

export const START_TRANSACTION = {
  connectorId: 1,
  idTag: 'TAG-0001',
  meterStart: 12345,
  reservationId: 7,
  timestamp: TIMESTAMP,
};

export const SET_CHARGING_PROFILE = {
  connectorId: 1,
  csChargingProfiles: {
    chargingProfileId: 100,
    transactionId: 42,
    stackLevel: 1,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Absolute',
    validFrom: TIMESTAMP,
    validTo: '2025-01-02T00:00:00.000Z',
    chargingSchedule: {
      duration: 86400,
      startSchedule: TIMESTAMP,
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 32.0, numberPhases: 3 },
        { startPeriod: 3600, limit: 16.0, numberPhases: 3 },
        { startPeriod: 7200, limit: 24.5 },
        { startPeriod: 10800, limit: 6.0, numberPhases: 1 },
      ],
      minChargingRate: 6.0,
    },
  },
};

/** The id written into frame number `n` (fixed width, so frames can be patched in place). */
export const idOf = (n) => String(n % 10 ** ID_WIDTH).padStart(ID_WIDTH, '0');

/**
 * A CALL frame split around its id: `prefix + id + suffix` is the frame. The id starts at
 * byte `prefix.length`, so a Buffer of the frame can be patched in place.
 */
export function callFrameParts(action, payload) {
  const marker = '@@ID@@';
  const text = JSON.stringify([2, marker, action, payload]);
  const at = text.indexOf(marker);
  return { prefix: text.slice(0, at), suffix: text.slice(at + marker.length) };
}

/** `[3,"<id>",<payload>]` split around the id. */
export function resultFrameParts(payload) {
  return { prefix: '[3,"', suffix: `",${JSON.stringify(payload)}]` };
}

// ---- OCPP-S (SOAP 1.2) envelopes, written as a charge point would send them ----

const SOAP_NS = 'http://www.w3.org/2003/05/soap-envelope';
const WSA_NS = 'http://www.w3.org/2005/08/addressing';
const CS_NS = 'urn://Ocpp/Cs/2015/10/';
/** Width of the MessageID counter in the envelopes. */
export const SOAP_ID_WIDTH = 12;

function meterValuesXml() {
  const sv = METER_VALUES.meterValue[0].sampledValue
    .map(
      (s) =>
        `<o:sampledValue><o:value>${s.value}</o:value><o:context>${s.context}</o:context><o:format>${s.format}</o:format>` +
        `<o:measurand>${s.measurand}</o:measurand>${s.phase ? `<o:phase>${s.phase}</o:phase>` : ''}` +
        `<o:location>${s.location}</o:location><o:unit>${s.unit}</o:unit></o:sampledValue>`,
    )
    .join('');
  return (
    `<o:meterValuesRequest><o:connectorId>${METER_VALUES.connectorId}</o:connectorId>` +
    `<o:transactionId>${METER_VALUES.transactionId}</o:transactionId>` +
    `<o:meterValue><o:timestamp>${TIMESTAMP}</o:timestamp>${sv}</o:meterValue></o:meterValuesRequest>`
  );
}

const SOAP_BODIES = {
  Heartbeat: '<o:heartbeatRequest/>',
  MeterValues: meterValuesXml(),
};

/** The OCPP-S request envelope for `action`, split around its MessageID counter. */
export function soapEnvelopeParts(action, identity, to) {
  const prefix =
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP_NS}" xmlns:a="${WSA_NS}" xmlns:o="${CS_NS}"><s:Header>` +
    `<o:chargeBoxIdentity s:mustUnderstand="true">${identity}</o:chargeBoxIdentity>` +
    `<a:Action s:mustUnderstand="true">/${action}</a:Action>` +
    `<a:MessageID>urn:uuid:00000000-0000-4000-8000-`;
  const suffix =
    `</a:MessageID><a:ReplyTo><a:Address>${WSA_NS}/anonymous</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="true">${to}</a:To></s:Header><s:Body>${SOAP_BODIES[action]}</s:Body></s:Envelope>`;
  return { prefix, suffix };
}

export const SOAP_CONTENT_TYPE = (action) => `application/soap+xml; charset=utf-8; action="/${action}"`;
/** The body element of the response each action must get. */
export const SOAP_RESPONSE_ELEMENT = { Heartbeat: 'heartbeatResponse', MeterValues: 'meterValuesResponse' };
