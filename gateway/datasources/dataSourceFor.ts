import { HttpSubgraphDataSource } from './HttpSubgraphDataSource.js';
import { LambdaSubgraphDataSource } from './LambdaSubgraphDataSource.js';
import { LocalSubgraphDataSource } from './LocalSubgraphDataSource.js';
import type { SubgraphDataSource, SubgraphTarget } from './types.js';
import { unreachable } from '../../runtime/errors.js';

/** `name`: the subgraph's name in the supergraph, the audience its calls' contexts are signed for. */
export function dataSourceFor(target: SubgraphTarget, name: string): SubgraphDataSource {
  switch (target.kind) {
    case 'local':
      return new LocalSubgraphDataSource(target);
    case 'http':
      return new HttpSubgraphDataSource(target, name);
    case 'lambda':
      return new LambdaSubgraphDataSource(target, name);
    default:
      return unreachable(target);
  }
}
