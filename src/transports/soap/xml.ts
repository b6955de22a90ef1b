import { XMLParser } from 'fast-xml-parser';

/** An XML element with its namespace resolved. */
export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  /** Namespace URI ('' when none). */
  readonly ns: string;
  /** Attributes by qualified name as written (`s:mustUnderstand`). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text, exactly as sent (whitespace included). */
  readonly text: string;
}

/** Bounds that keep a hostile document from costing memory or time. */
export interface XmlLimits {
  /** Largest document, in characters (default 1 MiB). */
  readonly maxLength?: number;
  /** Deepest nesting of elements (default 32). */
  readonly maxDepth?: number;
  /** Most elements in one document (default 10 000). */
  readonly maxElements?: number;
}

/** Why a document was refused. `kind` lets the SOAP layer pick the fault. */
export class XmlRejectedError extends Error {
  override readonly name = 'XmlRejectedError';
  constructor(
    readonly kind: 'size' | 'depth' | 'elements' | 'dtd' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

// XML's five predefined entities and character references (`&#38;`, `&#x1F50C;`), decoded in
// one pass so `&amp;#38;` stays `&#38;`. (fast-xml-parser's default decoder leaves character
// references as they are, and escapeXml writes them.) Anything else is left as written.
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const entityDecoder = {
  decode: (text: string): string =>
    text.includes('&')
      ? text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
          if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
          const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
          return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
        })
      : text,
  reset: () => {},
  setExternalEntities: () => {},
  addInputEntities: () => {},
  setXmlVersion: () => {},
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // Text is kept as sent: a string field may start or end with spaces. Numbers, booleans and
  // headers are trimmed where they are read.
  trimValues: false,
  // Only the five predefined entities and character references (entityDecoder); documents with
  // a DTD never get this far.
  processEntities: true,
  htmlEntities: false,
  entityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses an XML document safely: no DTD (so no entity expansion, no external entities),
 * bounded size, depth and element count, checked before the parser runs; then well-formedness;
 * then namespaces are resolved. Throws {@link XmlRejectedError} saying which rule was broken.
 */
export function parseXml(text: string, limits: XmlLimits = {}): XmlElement {
  const maxLength = limits.maxLength ?? 1024 * 1024;
  if (text.length > maxLength) {
    throw new XmlRejectedError('size', `the document has ${text.length} characters; at most ${maxLength} are accepted`);
  }
  scan(text, limits.maxDepth ?? 32, limits.maxElements ?? 10_000);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) throw new XmlRejectedError('malformed', 'the document must have exactly one root element');
  return resolve(roots[0]!, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

// A linear pass over the markup, before any parser allocates anything: refuses DTDs and entity
// declarations, bounds depth and element count, and checks that tags nest and match — so the
// parser that follows is given only well-formed element structure.
function scan(text: string, maxDepth: number, maxElements: number): void {
  const open: string[] = [];
  let elements = 0;
  let roots = 0;
  let i = text.indexOf('<');
  if (i === -1 || text.slice(0, i).trim() !== '') throw malformed('the document does not start with markup');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4) + 2;
      else if (text.startsWith('<![CDATA[', i)) end = text.indexOf(']]>', i + 9) + 2;
      else throw new XmlRejectedError('dtd', 'documents with a DTD or entity declarations are not accepted');
      if (end < 2) throw malformed('a comment or CDATA section is not closed');
    } else if (next === 0x3f /* ? */) {
      end = text.indexOf('?>', i + 2) + 1;
      if (end < 1) throw malformed('a processing instruction is not closed');
    } else {
      end = text.indexOf('>', i + 1);
      if (end === -1) throw malformed('a tag is not closed');
      const name = /^<\/?([^\s/>]+)/.exec(text.slice(i, Math.min(end + 1, i + 256)))?.[1];
      if (!name) throw malformed(`a tag has no name near character ${i}`);
      if (next === 0x2f /* / */) {
        if (open.pop() !== name) throw malformed(`</${name}> does not close the open element`);
      } else {
        if (++elements > maxElements) throw new XmlRejectedError('elements', `the document has more than ${maxElements} elements`);
        if (open.length === 0 && ++roots > 1) throw malformed('the document must have exactly one root element');
        if (text.charCodeAt(end - 1) !== 0x2f /* / */) {
          open.push(name);
          if (open.length > maxDepth) throw new XmlRejectedError('depth', `the document nests deeper than ${maxDepth} elements`);
        }
      }
    }
    const after = text.indexOf('<', end + 1);
    // Outside the root element only whitespace may stand between markup.
    if (open.length === 0 && text.slice(end + 1, after === -1 ? undefined : after).trim() !== '') {
      throw malformed('there is text outside the root element');
    }
    i = after;
  }
  if (open.length > 0) throw malformed(`<${open[open.length - 1]}> is not closed`);
  if (roots === 0) throw malformed('the document has no root element');
}

function malformed(reason: string): XmlRejectedError {
  return new XmlRejectedError('malformed', `the document is not well-formed XML: ${reason}`);
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function elementName(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text' && key !== '#comment') return key;
  return undefined;
}

function resolve(node: OrderedNode, scope: ReadonlyMap<string, string>): XmlElement {
  const qname = elementName(node)!;
  const attributes = node[':@'] ?? {};
  let inner: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      inner ??= new Map(scope);
      inner.set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  const here = inner ?? scope;
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qname] as OrderedNode[]) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else if (elementName(child) !== undefined) children.push(resolve(child, here));
  }
  return {
    name: colon === -1 ? qname : qname.slice(colon + 1),
    ns: here.get(prefix) ?? '',
    attributes,
    children,
    text,
  };
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
