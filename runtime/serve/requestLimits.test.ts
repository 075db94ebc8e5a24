import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_JSON_DEPTH, nestingRefusal, nestsDeeperThan } from './requestLimits.js';

/** The rule, character by character: what the scan that jumps over string literals must agree with. */
function reference(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) return true;
    } else if (c === ']' || c === '}') depth--;
  }
  return false;
}

describe('nestsDeeperThan', () => {
  it('counts arrays and objects outside strings only', () => {
    expect(nestsDeeperThan('[[[1]]]', 2)).toBe(true);
    expect(nestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":"[[[[[[","b":[]}', 2)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash before a quote does.
    expect(nestsDeeperThan('["\\"[[[[[["]', 2)).toBe(false);
    expect(nestsDeeperThan('["\\\\",[[[[]]]]]', 2)).toBe(true);
    // Unclosed brackets count as open: the text need not be valid JSON.
    expect(nestsDeeperThan('['.repeat(MAX_REQUEST_JSON_DEPTH + 1), MAX_REQUEST_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan('"unterminated [[[[[[[', 2)).toBe(false);
  });

  it('agrees with the character-by-character rule on generated texts', () => {
    const alphabet = ['[', ']', '{', '}', '"', '\\', 'a', ',', ':', ' '];
    let seed = 24;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let deep = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(next() * 60);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const max = Math.floor(next() * 6);
      const expected = reference(text, max);
      if (expected) deep++;
      expect(nestsDeeperThan(text, max), JSON.stringify({ text, max })).toBe(expected);
    }
    expect(deep).toBeGreaterThan(1000); // both answers were exercised
  });

  it('refuses a body or a JSON parameter nested past the limit, and nothing else', () => {
    const deep = `{"query":"{ a }","variables":{"v":${'['.repeat(MAX_REQUEST_JSON_DEPTH)}${']'.repeat(MAX_REQUEST_JSON_DEPTH)}}}`;
    expect(nestingRefusal(deep)).toMatch(/deeper than/);
    expect(nestingRefusal('{"query":"{ a }"}', [['variables', `{"v":${'['.repeat(40)}`]])).toMatch(/variables parameter/);
    expect(nestingRefusal('{"query":"{ a }"}', [['query', '['.repeat(40)]])).toBeUndefined();
  });
});
