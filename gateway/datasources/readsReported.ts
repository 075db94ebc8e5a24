import { READS_EXTENSION, recordReportedReads } from '../../runtime/cache/readLog.js';
import type { SubgraphDataSource } from './types.js';

/**
 * `source` (one of our subgraphs in another process), with the keys each answer reports added to
 * the request's read log. An answer without the list read something the cache does not track.
 */
export function readsReported(source: SubgraphDataSource): SubgraphDataSource {
  return {
    async process(options, signal) {
      const response = await source.process(options, signal);
      const keys = response.extensions?.[READS_EXTENSION];
      recordReportedReads(Array.isArray(keys) && keys.every((key) => typeof key === 'string') ? keys : undefined);
      return response;
    },
  };
}

/** `source` (another team's subgraph): its reads cannot be traced, so no answer using it is kept. */
export function readsUntraceable(source: SubgraphDataSource): SubgraphDataSource {
  return {
    async process(options, signal) {
      recordReportedReads(undefined);
      return source.process(options, signal);
    },
  };
}
