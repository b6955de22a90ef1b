import type { ErrorObject } from './validator-error.js';

/** Who may send an action's request: the charge point, the central system, or either. */
export type Sender = 'ChargePoint' | 'CentralSystem' | 'Both';

/** The OCPP 1.6 feature profiles, plus the Security White Paper extensions. */
export type FeatureProfile =
  | 'Core'
  | 'FirmwareManagement'
  | 'LocalAuthListManagement'
  | 'Reservation'
  | 'SmartCharging'
  | 'RemoteTrigger'
  | 'Security';

/**
 * A validator precompiled from schemas/. It returns true for a valid payload; otherwise it
 * leaves the first violation in `errors`. Use {@link validateRequest} / {@link validateResponse}
 * for results a user can read.
 */
export interface CompiledValidator {
  (payload: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** One message (request or response) of an action. */
export interface MessageDefinition {
  /** The name of the message's type in `src/ocpp16/generated/types.ts`, e.g. `BootNotificationRequest`. */
  readonly type: string;
  /** The precompiled validator of the message. */
  readonly validate: CompiledValidator;
}

/** The OCPP-S body elements of an action (absent for the JSON-only Security actions). */
export interface SoapBinding {
  /** Body element of the request, e.g. `bootNotificationRequest`. */
  readonly requestElement: string;
  /** Body element of the response, e.g. `bootNotificationResponse`. */
  readonly responseElement: string;
}

/** Everything the library knows about one action, as generated from schemas/. */
export interface ActionDefinition<A extends string = string> {
  /** The action name exactly as sent on the wire (case-sensitive). */
  readonly name: A;
  /** What the action is for, in one line. */
  readonly description: string;
  /** Who may send the request. */
  readonly sentBy: Sender;
  /** The feature profile the action belongs to. */
  readonly profile: FeatureProfile;
  /** The request message. */
  readonly request: MessageDefinition;
  /** The response message. */
  readonly response: MessageDefinition;
  /** The SOAP binding; absent for actions defined for OCPP-J only. */
  readonly soap?: SoapBinding;
}

/** How a field's XML text converts to and from the JSON model. */
export type SoapBaseType = 'int' | 'decimal' | 'boolean' | 'dateTime' | 'string' | 'complex';

/** One child element of an OCPP-S complex type, in xs:sequence order. */
export interface SoapField {
  /** Element name, the same as the JSON property name. */
  readonly name: string;
  /** The XSD type as the service descriptions write it (`s:int`, `tns:IdToken`, ...). */
  readonly type: string;
  /** The conversion the field needs. */
  readonly base: SoapBaseType;
  /** For `base: 'complex'`, the name of the complex type in {@link soapTypes}. */
  readonly complexType?: string;
  /** 0 for optional fields, 1 for required ones. */
  readonly minOccurs: 0 | 1;
  /** `'unbounded'` for arrays (repeated elements). */
  readonly maxOccurs: 1 | 'unbounded';
}

/** The children of an OCPP-S complex type, in xs:sequence order. */
export type SoapComplexType = readonly SoapField[];
