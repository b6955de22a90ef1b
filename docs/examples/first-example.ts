import { validateRequest, type Request } from 'ocppkit';

const boot: Request<'BootNotification'> = { chargePointVendor: 'ACME', chargePointModel: 'Wallbox 22' };
console.log(validateRequest('BootNotification', boot).valid); // true

const result = validateRequest('StatusNotification', { connectorId: '1', status: 'Available', errorCode: 'NoError' });
if (!result.valid) {
  console.log(result.error.code); // 'TypeConstraintViolation' — the CALLERROR code to answer with
  console.log(result.error.message); // 'StatusNotification request: /connectorId must be an integer, got the string "1"'
}
