import type { ActionTypes } from './generated/actions.js';

/** Any OCPP 1.6 action name, core or Security White Paper: `'BootNotification'`, `'Reset'`, ... */
export type Action = keyof ActionTypes;

/** The request payload of an action: `Request<'BootNotification'>` is `BootNotificationRequest`. */
export type Request<A extends Action> = ActionTypes[A]['request'];

/** The response payload of an action: `Response<'BootNotification'>` is `BootNotificationResponse`. */
export type Response<A extends Action> = ActionTypes[A]['response'];

/** The actions a charge point may send (and a central system receives). */
export type ChargePointAction = {
  [A in Action]: ActionTypes[A]['sentBy'] extends 'CentralSystem' ? never : A;
}[Action];

/** The actions a central system may send (and a charge point receives). */
export type CentralSystemAction = {
  [A in Action]: ActionTypes[A]['sentBy'] extends 'ChargePoint' ? never : A;
}[Action];

/** The actions of one feature profile: `ProfileAction<'SmartCharging'>`. */
export type ProfileAction<P extends ActionTypes[Action]['profile']> = {
  [A in Action]: ActionTypes[A]['profile'] extends P ? A : never;
}[Action];
