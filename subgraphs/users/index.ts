import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph.js';
import { readSdl } from '../../schema/subgraphs.js';
import { createUsersContext, type UsersContext } from './context.js';
import { resolvers } from './resolvers.js';

export const users = {
  name: 'users',
  typeDefs: parse(readSdl('users')),
  resolvers,
  createContext: createUsersContext,
} satisfies SubgraphModule<UsersContext>;
