export type { SubgraphTarget, SubgraphDataSource } from './types.js';
export { LocalSubgraphDataSource } from './LocalSubgraphDataSource.js';
export { HttpSubgraphDataSource } from './HttpSubgraphDataSource.js';
export { LambdaSubgraphDataSource } from './LambdaSubgraphDataSource.js';
export { dataSourceFor } from './dataSourceFor.js';
export { timed } from './timed.js';
export { sharingIdenticalFetches } from './sharedFetches.js';
export { readsReported, readsUntraceable } from './readsReported.js';
