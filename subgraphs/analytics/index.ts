import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { readSdl } from '../../schema/subgraphs.js';
import { readFederatedSdl } from '../../schema/federated.js';
import { createAnalyticsContext, type AnalyticsContext } from './context.js';
import { resolvers } from './resolvers.js';

export const analytics = {
  name: 'analytics',
  typeDefs: parse(readSdl('analytics')),
  federatedSdl: readFederatedSdl('analytics'),
  resolvers,
  createContext: createAnalyticsContext,
} satisfies SubgraphModule<AnalyticsContext>;
