import { parseId, tryParseId } from '../../runtime/ids.js';
import type { Resolvers } from './generated/resolvers.js';
import { summarizeActivity } from './activity.js';
import { validateEvents } from './events.js';
import { logClampedClocks } from './clock.js';
import { classroomOutcomes, outcomeDays } from './outcomes.js';
import { enqueueEvents } from './enqueue.js';
import { withinEventBudget } from './eventBudget.js';
import { DateTime } from '../../runtime/subgraph/dateTime.js';

// Who may call each field is decided before these resolvers run, by the rule its SDL declares (schema/analytics.graphql).
export const resolvers: Resolvers = {
  DateTime,

  Query: {
    learningOutcomes: async (_, args, ctx) => {
      const classroomId = parseId(args.classroomId, 'classroomId');
      return classroomOutcomes(ctx.deps.db, ctx.deps.app, classroomId, outcomeDays(args.from, args.to));
    },
  },

  Mutation: {
    recordEvents: async (_, { events, sentAt }, ctx) => {
      const me = ctx.access.requireUser();
      const { valid, positions, rejections } = await withinEventBudget(ctx.deps, me.userId, validateEvents(Number(me.userId), events, Date.now(), sentAt));
      logClampedClocks(ctx.logger, valid);
      const { accepted, duplicate, unavailable } = await enqueueEvents(ctx.deps, ctx.logger, valid, positions);
      const all = [...rejections, ...unavailable].sort((a, b) => a.index - b.index);
      return { accepted, duplicate, rejected: all.length, rejections: all };
    },
  },

  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    activity: async (user, _, ctx) => {
      const id = tryParseId(user.id);
      // An id that cannot exist has recorded nothing.
      return id === null ? summarizeActivity([]) : ctx.loaders.activityOf.load(id);
    },
  },

  ConceptOutcome: {
    concept: (row) => ({ id: String(row.conceptId) }),
    accuracy: (row) => (row.attempts > 0 ? row.correct / row.attempts : 0),
  },
};
