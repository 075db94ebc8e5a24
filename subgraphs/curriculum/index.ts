import { parse } from 'graphql';
import type { SubgraphModule } from '../../runtime/subgraph.js';
import { readSdl } from '../../schema/subgraphs.js';
import { createCurriculumContext, type CurriculumContext } from './context.js';
import { resolvers } from './resolvers.js';

export const curriculum = {
  name: 'curriculum',
  typeDefs: parse(readSdl('curriculum')),
  resolvers,
  createContext: createCurriculumContext,
} satisfies SubgraphModule<CurriculumContext>;
