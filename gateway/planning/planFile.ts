/**
 * The plan file, `operations/queryPlans.json`: the query plan of every operation in the manifest,
 * made by `npm run operations` (and `npm run build`) for one supergraph and shipped with the
 * gateway, so a cold gateway plans nothing for the apps' operations. It names the supergraph it was
 * made for by hash; a gateway serving that supergraph refuses a file made for another one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { QueryPlan } from '@apollo/query-planner';
import { SupergraphError } from '../errors.js';

export interface PlanFile {
  /** sha256 (hex) of the supergraph SDL the plans were made for. */
  supergraphSha256: string;
  /** That supergraph's API schema, printed, so that serving it needs no supergraph build. */
  apiSchema: string;
  /** By the sha256 of the operation's document text: the manifest's key, and Apollo Server's queryHash. */
  plans: Record<string, { operationName: string | null; plan: QueryPlan }>;
}

export const supergraphHash = (sdl: string) => createHash('sha256').update(sdl).digest('hex');

const FIX = 'Run `npm run operations` (or `npm run build`) to make the plans for this supergraph.';

export function loadPlanFile(url = new URL('../../operations/queryPlans.json', import.meta.url)): PlanFile {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as PlanFile;
  } catch (cause) {
    throw new SupergraphError(`The gateway cannot read its query plans at ${url.pathname} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). ${FIX}`, { cause });
  }
}

/** `file` when it was made for `supergraphSdl`, else a SupergraphError: a stale file never serves. */
export function plansFor(file: PlanFile, supergraphSdl: string): PlanFile {
  const hash = supergraphHash(supergraphSdl);
  if (file.supergraphSha256 !== hash) {
    throw new SupergraphError(`The query plans shipped with the gateway were made for another supergraph (${file.supergraphSha256.slice(0, 12)}, serving ${hash.slice(0, 12)}), so they are stale. ${FIX}`);
  }
  return file;
}
