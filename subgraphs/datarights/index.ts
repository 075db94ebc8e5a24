import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph.js';
import { readSdl } from '../../schema/subgraphs.js';
import { createDatarightsContext, type DatarightsContext } from './context.js';
import { resolvers } from './resolvers.js';

export const datarights = {
  name: 'datarights',
  typeDefs: parse(readSdl('datarights')),
  resolvers,
  createContext: createDatarightsContext,
} satisfies SubgraphModule<DatarightsContext>;
