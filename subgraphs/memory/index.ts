import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { readSdl } from '../../schema/subgraphs.js';
import { readFederatedSdl } from '../../schema/federated.js';
import { createMemoryContext, type MemoryContext } from './context.js';
import { resolvers } from './resolvers.js';

export const memory = {
  name: 'memory',
  typeDefs: parse(readSdl('memory')),
  federatedSdl: readFederatedSdl('memory'),
  resolvers,
  createContext: createMemoryContext,
} satisfies SubgraphModule<MemoryContext>;
