import { actionRegistry, validateRequest, validateResponse, type Action } from 'ocppkit';

// A charger that sends vendor fields and dates without an offset: accept both, check the rest.
const lenient = { strict: false, allowMissingOffset: true } as const;
const meterValues = {
  connectorId: 1,
  vendorSerial: 'X-1', // unknown field, ignored with strict: false
  meterValue: [{ timestamp: '2025-01-31T10:00:00', sampledValue: [{ value: '1520', measurand: 'Energy.Active.Import.Register' }] }],
};
const outcome = validateRequest('MeterValues', meterValues, lenient);
console.log(outcome.valid); // true

// Responses are validated the same way.
const reset = validateResponse('Reset', { status: 'Later' });
if (!reset.valid) console.log(reset.error.path, reset.error.constraint, reset.error.value); // '/status' 'enum' 'Later'

// The registry says who sends an action and which feature profile it belongs to.
const smartCharging = (Object.keys(actionRegistry) as Action[]).filter((a) => actionRegistry[a].profile === 'SmartCharging');
console.log(smartCharging); // ['ClearChargingProfile', 'GetCompositeSchedule', 'SetChargingProfile']
