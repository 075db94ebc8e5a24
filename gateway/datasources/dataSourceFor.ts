import { HttpSubgraphDataSource } from './HttpSubgraphDataSource.js';
import { LambdaSubgraphDataSource } from './LambdaSubgraphDataSource.js';
import { LocalSubgraphDataSource } from './LocalSubgraphDataSource.js';
import type { SubgraphDataSource, SubgraphTarget } from './types.js';
import { unreachable } from '../../runtime/errors.js';

export function dataSourceFor(target: SubgraphTarget): SubgraphDataSource {
  switch (target.kind) {
    case 'local':
      return new LocalSubgraphDataSource(target);
    case 'http':
      return new HttpSubgraphDataSource(target);
    case 'lambda':
      return new LambdaSubgraphDataSource(target);
    default:
      return unreachable(target);
  }
}
