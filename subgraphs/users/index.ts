import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { readSdl } from '../../schema/subgraphs.js';
import { readFederatedSdl } from '../../schema/federated.js';
import { createUsersContext, type UsersContext } from './context.js';
import { resolvers } from './resolvers.js';

export const users = {
  name: 'users',
  typeDefs: parse(readSdl('users')),
  federatedSdl: readFederatedSdl('users'),
  resolvers,
  createContext: createUsersContext,
} satisfies SubgraphModule<UsersContext>;
