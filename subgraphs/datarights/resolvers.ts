import { DateTime } from '../../runtime/subgraph/dateTime.js';
import { tryParseId } from '../../runtime/subgraph/ids.js';
import { assertMayManageChildData } from './authorize.js';
import type { DatarightsContext } from './context.js';
import { eraseChild, erasureOf, exportChild } from './coordinator.js';
import { takeExport } from './exportBudget.js';
import type { Resolvers } from './generated/resolvers.js';

const requesterOf = (ctx: DatarightsContext) => {
  const me = ctx.access.requireUser();
  return { userId: Number(me.userId), role: me.role };
};

export const resolvers: Resolvers = {
  DateTime,

  Query: {
    childDataExport: async (_, { childId }, ctx) => {
      const id = await assertMayManageChildData(ctx, childId);
      // Counted per field, so fifteen aliases are fifteen exports (exportBudget.ts).
      await takeExport(ctx.deps, ctx.access.requireUser().userId, id);
      ctx.logger.info('datarights.export', { requestedBy: ctx.access.requireUser().userId, role: ctx.access.requireUser().role });
      return exportChild(ctx.deps, id);
    },
  },

  Mutation: {
    eraseChild: async (_, { childId }, ctx) => {
      const known = tryParseId(childId);
      const started = known === null ? undefined : await erasureOf(ctx.deps, known);
      const id = await assertMayManageChildData(ctx, childId, started);
      return eraseChild(ctx.deps, id, requesterOf(ctx));
    },
  },
};
