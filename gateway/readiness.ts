/**
 * The gateway's own readiness checks: every subgraph, probed with `{ __typename }` through the same
 * data source, deadline and circuit as requests (an open circuit reports the subgraph down at once).
 * The backing services are checked beside them (runtime/serve/health.ts). Who sees each check:
 * `readinessDetailFor`.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { AppName } from '../runtime/tenancy.js';
import type { ReadinessCheck } from '../runtime/serve/health.js';
import { isAdmin } from '../runtime/policy/rules.js';
import type { GatewayContext } from './context.js';
import { HEALTH_CHECK_KIND } from './apolloGatewayInternals.js';
import type { Gateway } from './server.js';
import type { ResilientDataSource } from './resilience/ResilientDataSource.js';

export function subgraphReadinessChecks({ subgraphs, app }: Pick<Gateway, 'subgraphs' | 'app'>): ReadinessCheck[] {
  return [...subgraphs].map(([name, source]) => ({ name: `subgraph:${name}`, required: true, probe: () => probe(source, app) }));
}

async function probe(source: ResilientDataSource, app: AppName): Promise<void> {
  const context: GatewayContext = { identity: { viewer: { kind: 'anonymous' }, app, requestId: `ready-${randomUUID()}` }, deadline: Infinity };
  const response = await source.process({ kind: HEALTH_CHECK_KIND, request: { query: '{ __typename }' }, context } as GraphQLDataSourceProcessOptions<GatewayContext>);
  const [error] = response.errors ?? [];
  if (error) throw new Error(error.message);
}

/**
 * Who may see `/ready`'s checks (their names, timings and backend error text): a caller whose
 * bearer token the gateway verifies as an admin's. The check goes through `contextFor`, so it is
 * the same verification as any request and takes a point of the admin's request budget.
 */
export function readinessDetailFor(gateway: Pick<Gateway, 'contextFor'>): (authorization: string | undefined) => Promise<boolean> {
  return async (authorization) => {
    return isAdmin((await gateway.contextFor({ authorization })).identity.viewer);
  };
}
