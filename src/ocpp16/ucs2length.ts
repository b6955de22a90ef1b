/**
 * The length of a string in Unicode code points, as JSON Schema's `maxLength` counts it: a
 * character outside the Basic Multilingual Plane (an emoji, say) is one character, not two
 * UTF-16 units. The precompiled validators call it for every bounded string.
 */
export function ucs2length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    length++;
  }
  return length;
}
