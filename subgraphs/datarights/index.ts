import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { readSdl } from '../../schema/subgraphs.js';
import { readFederatedSdl } from '../../schema/federated.js';
import { createDatarightsContext, type DatarightsContext } from './context.js';
import { resolvers } from './resolvers.js';

export const datarights = {
  name: 'datarights',
  typeDefs: parse(readSdl('datarights')),
  federatedSdl: readFederatedSdl('datarights'),
  resolvers,
  createContext: createDatarightsContext,
} satisfies SubgraphModule<DatarightsContext>;
