import { badUserInput } from '../../runtime/errors.js';
import { checksErasure } from '../../runtime/policy/enforce.js';
import type { EntityRef } from '../../runtime/subgraph/entityRef.js';
import { tryParseId } from '../../runtime/ids.js';
import type { MemoryContext } from './context.js';
import { DateTime } from '../../runtime/subgraph/dateTime.js';
import type { MutationResolvers, Resolvers } from './generated/resolvers.js';
import { isMastered } from './scheduling.js';
import { nextSession } from './session.js';
import { submitAnswer } from './submitAnswer.js';
import type { ConceptMemoryRow } from './tables.js';

const MAX_DUE_REVIEWS = 100;

/** A person's memory; who may read it is decided before (schema/memory.graphql: canSeeLearningData). */
async function memoryOf(ctx: MemoryContext, user: EntityRef): Promise<ConceptMemoryRow[]> {
  const id = tryParseId(user.id);
  return id === null ? [] : ctx.loaders.memoryOfUser.load(id);
}

export const resolvers: Resolvers = {
  DateTime,

  Query: {
    nextSession: (_, { size }, ctx) => nextSession(ctx, size),
  },

  Mutation: {
    // Refuses an erased viewer itself, under the share lock its transaction takes anyway (./submitAnswer.ts).
    submitAnswer: checksErasure<NonNullable<MutationResolvers['submitAnswer']>>((_, { input }, ctx) => submitAnswer(ctx, input)),
  },

  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    memory: (user, _, ctx) => memoryOf(ctx, user),
    dueReviews: async (user, { limit }, ctx) => {
      const memory = await memoryOf(ctx, user);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DUE_REVIEWS) {
        throw badUserInput(`limit must be an integer from 1 to ${MAX_DUE_REVIEWS}; got ${limit}`, { argument: 'limit' });
      }
      const now = Date.now();
      return memory
        .filter((row) => row.dueAt.getTime() <= now)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        .slice(0, limit);
    },
    mastery: async (user, _, ctx) => {
      const memory = await memoryOf(ctx, user);
      return memory.length === 0 ? 0 : memory.filter(isMastered).length / memory.length;
    },
  },

  Concept: {
    myMemory: (concept, _, ctx) => {
      const id = tryParseId(concept.id);
      return id === null ? null : ctx.loaders.memoryOfViewer.load(id);
    },
  },

  ConceptMemory: {
    concept: (row) => ({ id: String(row.conceptId) }),
    accuracy: (row) => (row.attempts === 0 ? 0 : row.correct / row.attempts),
  },
};
