import type { BaseContext } from '../../runtime/subgraph/contract.js';

export type DatarightsContext = BaseContext;

export function createDatarightsContext(base: BaseContext): DatarightsContext {
  return base;
}
