/**
 * The first violation a precompiled validator found, in Ajv's shape (messages are not
 * generated; {@link validateRequest} writes its own).
 */
export interface ErrorObject {
  /** JSON Pointer to the offending value, `""` for the payload itself. */
  instancePath: string;
  /** Where in the schema the violated keyword is. */
  schemaPath: string;
  /** The violated JSON Schema keyword: `type`, `required`, `maxLength`, `enum`, ... */
  keyword: string;
  /** The keyword's parameters: `{ missingProperty }`, `{ limit }`, `{ allowedValues }`, ... */
  params: Record<string, unknown>;
}
