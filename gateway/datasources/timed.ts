import { recordSubgraphCall } from '../../runtime/observability/requestMetrics.js';
import type { SubgraphDataSource } from './types.js';

/** `source`, with the duration of each call recorded in the request's metrics under `subgraph`. */
export function timed(subgraph: string, source: SubgraphDataSource): SubgraphDataSource {
  return {
    async process(options, signal) {
      const started = performance.now();
      try {
        return await source.process(options, signal);
      } finally {
        recordSubgraphCall(subgraph, performance.now() - started);
      }
    },
  };
}
