/**
 * Where the policy used to live; it is now runtime/policy/ (rules, field rules, read model).
 * Kept for code written against the old names: `forgetVisiblePeople` marks the viewers'
 * relationships stale, exactly as `forgetRelationships` does.
 */
import type { MarkStale } from './consistency/entityCache.js';
import { forgetRelationships } from './policy/readModel.js';

export type { Access, SignedInViewer } from './policy/access.js';
export { createAccess } from './policy/access.js';

export function forgetVisiblePeople(stale: MarkStale, ...viewers: { role?: string; userId: string | number }[]): void {
  forgetRelationships(stale, viewers.map((viewer) => viewer.userId));
}
