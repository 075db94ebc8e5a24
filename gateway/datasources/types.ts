import type { GraphQLDataSource } from '@apollo/gateway';
import type { SubgraphModule } from '../../runtime/subgraph.js';
import type { AppDeps } from '../../runtime/subgraph.js';
import type { GatewayContext } from '../context.js';

/** How the gateway reaches one subgraph. */
export type SubgraphTarget =
  | { kind: 'local'; subgraph: SubgraphModule<never>; deps: AppDeps }
  | { kind: 'http'; url: string; contextSecret: string };

export type SubgraphDataSource = GraphQLDataSource<GatewayContext>;
