import { DateTime } from '../../runtime/subgraph/dateTime.js';
import { parseId } from '../../runtime/ids.js';
import type { DatarightsContext } from './context.js';
import { eraseChild, exportChild } from './coordinator.js';
import { takeExport } from './exportBudget.js';
import type { Resolvers } from './generated/resolvers.js';

const requesterOf = (ctx: DatarightsContext) => {
  const me = ctx.access.requireUser();
  return { userId: Number(me.userId), role: me.role };
};

// Who may export or erase a child is decided before these resolvers run (schema/datarights.graphql:
// canExerciseDataRights, canEraseChild), so the id they get names a child the viewer may manage.
export const resolvers: Resolvers = {
  DateTime,

  Query: {
    childDataExport: async (_, { childId }, ctx) => {
      const id = parseId(childId, 'childId');
      // Counted per field, so fifteen aliases are fifteen exports (exportBudget.ts).
      await takeExport(ctx.deps, ctx.access.requireUser().userId, id);
      ctx.logger.info('datarights.export', { requestedBy: ctx.access.requireUser().userId, role: ctx.access.requireUser().role });
      return exportChild(ctx.deps, id);
    },
  },

  Mutation: {
    eraseChild: (_, { childId }, ctx) => eraseChild(ctx.deps, parseId(childId, 'childId'), requesterOf(ctx)),
  },
};
