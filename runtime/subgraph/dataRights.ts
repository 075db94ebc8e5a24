/**
 * The contract of a subgraph that holds personal data: it exports and erases one person's rows in
 * its own tables. The data rights coordinator (subgraphs/datarights/coordinator.ts) runs every
 * holder on its list; a new subgraph holding personal data adds its module there.
 */
import type { AppDeps } from '../container/appDeps.js';

export interface PersonalDataHolder {
  /** The subgraph; also the name of its erasure step in the audit. */
  name: string;
  /** Entity cache entities keyed by a person's id (`<entity>:v1:<id>`); the erasure deletes their Redis keys. */
  personCacheEntities: readonly string[];
  /** Everything the subgraph holds about the person, as JSON-ready values. */
  export(deps: AppDeps, userId: number): Promise<Record<string, unknown>>;
  /** Deletes every row (and Redis key of its own) of the person; running it again changes nothing. */
  erase(deps: AppDeps, userId: number): Promise<void>;
}
