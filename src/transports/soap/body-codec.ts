import type { SoapComplexType, SoapField } from '../../ocpp16/action-definition.js';
import { soapTypes } from '../../ocpp16/generated/actions.js';
import { escapeXml, type XmlElement } from './xml.js';

/**
 * Writes the children of a complex type in the WSDL's xs:sequence order: optional fields
 * omitted, arrays as repeated elements, numbers, booleans and dates as XSD text.
 */
export function encodeBody(typeName: string, value: unknown, prefix: string): string {
  return encodeFields(fieldsOf(typeName), value as Record<string, unknown>, prefix);
}

function encodeFields(fields: SoapComplexType, object: Record<string, unknown>, prefix: string): string {
  let xml = '';
  for (const field of fields) {
    const value = object?.[field.name];
    if (value === undefined || value === null) continue;
    const items = field.maxOccurs === 'unbounded' && Array.isArray(value) ? value : [value];
    for (const item of items) {
      const tag = `${prefix}:${field.name}`;
      xml +=
        field.base === 'complex'
          ? `<${tag}>${encodeFields(fieldsOf(field.complexType!), item as Record<string, unknown>, prefix)}</${tag}>`
          : `<${tag}>${escapeXml(encodeSimple(field, item))}</${tag}>`;
    }
  }
  return xml;
}

function encodeSimple(field: SoapField, value: unknown): string {
  // OCPP-S knows only the correct spelling of the unit (2019-12 errata); JSON allows both.
  if (field.type === 'tns:UnitOfMeasure' && value === 'Celcius') return 'Celsius';
  return String(value);
}

/**
 * Reads the children of a complex type into the JSON model. Children are matched by name, not
 * position (real chargers send them out of order); text is converted by the field's XSD type.
 * A value that does not convert (`"abc"` for an xs:int) is kept as text so validation names it;
 * an element the type does not define is kept too, so strict validation reports it.
 */
export function decodeBody(typeName: string, element: XmlElement): Record<string, unknown> {
  return decodeFields(fieldsOf(typeName), element);
}

function decodeFields(fields: SoapComplexType, element: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of element.children) {
    const field = fields.find((f) => f.name === child.name);
    if (!field) {
      out[child.name] = child.children.length > 0 ? child.children.map((c) => c.name) : child.text;
      continue;
    }
    const value = field.base === 'complex' ? decodeFields(fieldsOf(field.complexType!), child) : decodeSimple(field, child.text);
    if (field.maxOccurs === 'unbounded') ((out[field.name] ??= []) as unknown[]).push(value);
    else out[field.name] = value;
  }
  return out;
}

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function decodeSimple(field: SoapField, raw: string): unknown {
  // XSD collapses whitespace around numbers, booleans and dates; strings keep theirs.
  const text = field.base === 'string' ? raw : raw.trim();
  switch (field.base) {
    case 'int':
      return INT.test(text) ? Number(text) : text;
    case 'decimal':
      return DECIMAL.test(text) ? Number(text) : text;
    case 'boolean':
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
    default:
      return text;
  }
}

function fieldsOf(typeName: string): SoapComplexType {
  const fields = soapTypes[typeName];
  if (!fields) throw new Error(`no OCPP-S type ${typeName}`);
  return fields;
}
