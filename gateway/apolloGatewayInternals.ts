/**
 * The one door to what this gateway takes from `@apollo/gateway` beyond its public API (pinned to
 * 2.14 in package.json). Nothing else imports `@apollo/gateway/dist/…`; an upgrade that moves one of
 * these fails test/apolloInternals.test.ts, naming the piece and this file.
 *
 * - `executeQueryPlan`: Apollo Gateway's executor, run over the plans the gateway reads from its plan
 *   file (planning/plannedGateway.ts) instead of Apollo's own loading and planning at cold start.
 *   The Lambda bundle gives this module planning/executionHelpers.ts in place of the planner
 *   package (scripts/bundle.ts), which matches on this path.
 * - `buildOperationContext`: the executor's view of one operation (its fragments and variables).
 * - The health-check kind of a data-source call: the `GraphQLDataSourceRequestKind` enum is not
 *   exported from the package's entry, only its type.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

export { executeQueryPlan } from '@apollo/gateway/dist/executeQueryPlan.js';
export { buildOperationContext } from '@apollo/gateway/dist/operationContext.js';

/** `GraphQLDataSourceRequestKind.HEALTH_CHECK`. */
export const HEALTH_CHECK_KIND = 'health check' as GraphQLDataSourceProcessOptions['kind'];

/** What the spec checks an upgrade still provides: each private module and the exports taken from it. */
export const APOLLO_GATEWAY_INTERNALS = [
  { module: '@apollo/gateway/dist/executeQueryPlan.js', exports: ['executeQueryPlan'] },
  { module: '@apollo/gateway/dist/operationContext.js', exports: ['buildOperationContext'] },
  { module: '@apollo/gateway/dist/datasources/types.js', exports: ['GraphQLDataSourceRequestKind'] },
] as const;
