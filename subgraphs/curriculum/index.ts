import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { readSdl } from '../../schema/subgraphs.js';
import { readFederatedSdl } from '../../schema/federated.js';
import { createCurriculumContext, type CurriculumContext } from './context.js';
import { resolvers } from './resolvers.js';

export const curriculum = {
  name: 'curriculum',
  typeDefs: parse(readSdl('curriculum')),
  federatedSdl: readFederatedSdl('curriculum'),
  resolvers,
  createContext: createCurriculumContext,
} satisfies SubgraphModule<CurriculumContext>;
