import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { seldomServed } from './seldomServed.js';

describe('a document whose kept answers are seldom served', () => {
  const options = { probe: 4, minHits: 2, rest: 3 };

  it('rests from the cache after a probe with too few hits, then is probed again', () => {
    const seldom = seldomServed(options);
    const home = parse('{ me { id } }');
    for (let i = 0; i < 4; i++) {
      expect(seldom.resting(home)).toBe(false);
      seldom.lookedUp(home, i === 0);
    }
    expect([seldom.resting(home), seldom.resting(home), seldom.resting(home)]).toEqual([true, true, true]);
    expect(seldom.resting(home)).toBe(false); // probed again, with fresh counts
    for (let i = 0; i < 4; i++) seldom.lookedUp(home, true);
    expect(seldom.resting(home)).toBe(false);
  });

  it('keeps its lookups while enough of them are served, and counts each document apart', () => {
    const seldom = seldomServed(options);
    const dashboard = parse('{ classroom(id: "1") { name } }');
    const home = parse('{ me { id } }');
    for (let i = 0; i < 40; i++) {
      seldom.lookedUp(dashboard, i % 2 === 0);
      seldom.lookedUp(home, false);
    }
    expect(seldom.resting(dashboard)).toBe(false);
    expect(seldom.resting(home)).toBe(true);
  });
});
