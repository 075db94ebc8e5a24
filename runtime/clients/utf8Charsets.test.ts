import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { getDecoder, getEncoder } from './utf8Charsets.js';

const TEXTS = ['', 'plain ASCII', 'مرحبا بالعالم: درس الحروف', 'Grüße, ça va', 'عربي 123 mixed', '\u2603 snow, \u00e9 e-acute'];

describe('the utf8-only stand-in for iconv-lite', () => {
  it('decodes and encodes utf8mb3 (CESU-8) and utf8 text exactly as iconv-lite does', () => {
    for (const encoding of ['cesu8', 'utf8']) {
      for (const text of TEXTS) {
        const bytes = iconv.encode(text, encoding);
        const decoder = getDecoder(encoding);
        expect(decoder.write(bytes) + decoder.end()).toBe(iconv.decode(bytes, encoding));
        expect(getEncoder(encoding).write(text)).toEqual(bytes);
      }
    }
  });

  it('refuses any other character set by name', () => {
    expect(() => getDecoder('latin1')).toThrow(/latin1; the Lambda bundle decodes only utf8mb4 and utf8mb3/);
  });
});
