import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph.js';
import { readSdl } from '../../schema/subgraphs.js';
import { createMemoryContext, type MemoryContext } from './context.js';
import { resolvers } from './resolvers.js';

export const memory = {
  name: 'memory',
  typeDefs: parse(readSdl('memory')),
  resolvers,
  createContext: createMemoryContext,
} satisfies SubgraphModule<MemoryContext>;
