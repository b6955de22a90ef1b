// Type-level tests: misuse of the typed maps must not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Action,
  BootNotificationRequest,
  CentralSystemAction,
  ChargePointAction,
  ProfileAction,
  Request,
  Response,
} from '../../src/index.js';

/** A stand-in for a role's `call`: only actions the sender may send compile. */
declare function centralSystemCall<A extends CentralSystemAction>(action: A, request: Request<A>): Promise<Response<A>>;
declare function chargePointCall<A extends ChargePointAction>(action: A, request: Request<A>): Promise<Response<A>>;

describe('typed action maps', () => {
  it('maps an action to its request and response types', () => {
    expectTypeOf<Request<'BootNotification'>>().toEqualTypeOf<BootNotificationRequest>();
    expectTypeOf<Response<'BootNotification'>['status']>().toEqualTypeOf<'Accepted' | 'Pending' | 'Rejected'>();
    expectTypeOf<Response<'Heartbeat'>>().toHaveProperty('currentTime').toEqualTypeOf<string>();
  });

  it('knows which side sends which action', () => {
    expectTypeOf<'BootNotification'>().toExtend<ChargePointAction>();
    expectTypeOf<'BootNotification'>().not.toExtend<CentralSystemAction>();
    expectTypeOf<'Reset'>().toExtend<CentralSystemAction>();
    expectTypeOf<'Reset'>().not.toExtend<ChargePointAction>();
    expectTypeOf<'DataTransfer'>().toExtend<ChargePointAction & CentralSystemAction>();
    expectTypeOf<ProfileAction<'Reservation'>>().toEqualTypeOf<'CancelReservation' | 'ReserveNow'>();
  });

  it('rejects a central system sending BootNotification', () => {
    // @ts-expect-error BootNotification is sent by the charge point only
    void centralSystemCall('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'X' });
    void centralSystemCall('Reset', { type: 'Soft' });
  });

  it('rejects a wrong field type and an unknown enum value', () => {
    // @ts-expect-error connectorId is a number
    void chargePointCall('StatusNotification', { connectorId: '1', status: 'Available', errorCode: 'NoError' });
    // @ts-expect-error "Charged" is not a ChargePointStatus
    void chargePointCall('StatusNotification', { connectorId: 1, status: 'Charged', errorCode: 'NoError' });
    // @ts-expect-error chargePointModel is required
    const missing: Request<'BootNotification'> = { chargePointVendor: 'ACME' };
    void missing;
  });

  it('rejects an action OCPP 1.6 does not define', () => {
    // @ts-expect-error names are case-sensitive
    const wrong: Action = 'bootNotification';
    void wrong;
  });
});
