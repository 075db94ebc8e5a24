/**
 * A document whose kept answers are seldom served rests from the response cache for a while: each
 * lookup is a Redis round trip and each store another, and some answers end before anyone is served
 * them (a student's home screen, ended by each of that student's answers). Skipping the cache is
 * always right: the answer is built. Counted per document, since Apollo Server keeps one parsed
 * document per query text.
 */
import type { DocumentNode } from 'graphql';

export interface SeldomServedOptions {
  /** Lookups of a document between two verdicts. @default 64 */
  probe: number;
  /** Fewer hits than this among them and the document rests. @default 2 */
  minHits: number;
  /** Requests of a resting document that skip the cache before it is probed again. @default 512 */
  rest: number;
}

export const SELDOM_SERVED_DEFAULTS: SeldomServedOptions = { probe: 64, minHits: 2, rest: 512 };

export function seldomServed({ probe, minHits, rest }: SeldomServedOptions = SELDOM_SERVED_DEFAULTS) {
  const counts = new WeakMap<DocumentNode, { lookups: number; hits: number; resting: number }>();
  return {
    /** True when this request of `document` skips the cache (and counts as one of its rest). */
    resting(document: DocumentNode): boolean {
      const count = counts.get(document);
      if (!count || count.resting === 0) return false;
      count.resting--;
      return true;
    },
    /** A lookup of `document` found a kept answer (`hit`) or not. */
    lookedUp(document: DocumentNode, hit: boolean): void {
      let count = counts.get(document);
      if (!count) counts.set(document, (count = { lookups: 0, hits: 0, resting: 0 }));
      count.lookups++;
      if (hit) count.hits++;
      if (count.lookups < probe) return;
      if (count.hits < minHits) count.resting = rest;
      count.lookups = 0;
      count.hits = 0;
    },
  };
}
