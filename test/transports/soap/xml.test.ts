// The XML reader's own checks: well-formed structure, DTDs refused, bounds, namespaces.
import { describe, expect, it } from 'vitest';
import { XmlRejectedError, parseXml } from '../../../src/soap.js';

const reject = (text: string, kind: XmlRejectedError['kind'], limits = {}) => {
  const error = (() => {
    try {
      parseXml(text, limits);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(XmlRejectedError);
  expect((error as XmlRejectedError).kind).toBe(kind);
  return (error as XmlRejectedError).message;
};

describe('parseXml', () => {
  it('resolves namespaces, default and prefixed, and decodes references', () => {
    const root = parseXml('<?xml version="1.0"?><a:x xmlns:a="urn:a" xmlns="urn:d"><y>&lt;1 &amp; 2&#62;</y><a:z/></a:x>');
    expect(root).toMatchObject({ name: 'x', ns: 'urn:a' });
    expect(root.children.map((c) => [c.name, c.ns, c.text])).toEqual([
      ['y', 'urn:d', '<1 & 2>'],
      ['z', 'urn:a', ''],
    ]);
  });

  it.each([
    ['<a><b></a></b>', '</a> does not close the open element'],
    ['<a><b></b>', '<a> is not closed'],
    ['<a/><b/>', 'exactly one root element'],
    ['<a></a>trailing', 'text outside the root element'],
    ['junk<a/>', 'does not start with markup'],
    ['<a><!-- unclosed </a>', 'comment or CDATA section is not closed'],
    ['<a', 'a tag is not closed'],
    ['', 'does not start with markup'],
  ])('refuses %j: %s', (text, reason) => {
    expect(reject(text, 'malformed')).toContain(reason);
  });

  it('refuses a DTD before parsing anything', () => {
    reject('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'dtd');
  });

  it('enforces size, depth and element bounds', () => {
    reject('<a>' + 'x'.repeat(100) + '</a>', 'size', { maxLength: 50 });
    reject('<a>'.repeat(5) + '</a>'.repeat(5), 'depth', { maxDepth: 4 });
    reject('<a>' + '<b/>'.repeat(10) + '</a>', 'elements', { maxElements: 10 });
    expect(parseXml('<a>' + '<b/>'.repeat(9) + '</a>', { maxElements: 10 }).children).toHaveLength(9);
  });

  it('keeps CDATA text and ignores comments', () => {
    expect(parseXml('<a><!-- note --><![CDATA[<raw>]]></a>').text).toBe('<raw>');
  });
});
