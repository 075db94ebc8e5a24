/**
 * What the project takes from Apollo's private modules, watched across upgrades: each adapter lists
 * the modules and exports it uses, and this spec fails naming the piece and the adapter to port
 * when an upgrade moves or removes one.
 */
import { describe, expect, it } from 'vitest';
import { APOLLO_GATEWAY_INTERNALS, HEALTH_CHECK_KIND } from '../gateway/apolloGatewayInternals.js';
import { APOLLO_SUBGRAPH_INTERNALS } from '../runtime/subgraph/apolloSubgraphInternals.js';

const ADAPTERS = [
  { adapter: 'gateway/apolloGatewayInternals.ts', internals: APOLLO_GATEWAY_INTERNALS },
  { adapter: 'runtime/subgraph/apolloSubgraphInternals.ts', internals: APOLLO_SUBGRAPH_INTERNALS },
];

async function missingFrom(module: string, names: readonly string[]): Promise<string | undefined> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(module)) as Record<string, unknown>;
  } catch (error) {
    return `${module} no longer loads (${(error as Error).message.split('\n')[0]})`;
  }
  const missing = names.filter((name) => loaded[name] === undefined);
  return missing.length ? `${module} no longer exports ${missing.join(', ')}` : undefined;
}

describe('Apollo’s private modules', () => {
  for (const { adapter, internals } of ADAPTERS) {
    it.each(internals.map((internal) => ({ ...internal, adapter })))('$module still provides what $adapter takes', async ({ module, exports, adapter }) => {
      const problem = await missingFrom(module, exports);
      expect(problem, `${problem}: Apollo moved it in this upgrade; port ${adapter}, the one place that imports it`).toBeUndefined();
    });
  }

  it('still name the health-check kind of a data-source call as the gateway sends it', async () => {
    const { GraphQLDataSourceRequestKind } = (await import('@apollo/gateway/dist/datasources/types.js')) as { GraphQLDataSourceRequestKind: Record<string, string> };
    expect(GraphQLDataSourceRequestKind.HEALTH_CHECK, 'port gateway/apolloGatewayInternals.ts (HEALTH_CHECK_KIND)').toBe(HEALTH_CHECK_KIND);
  });

  it('are imported by the adapters alone', async () => {
    const { execFileSync } = await import('node:child_process');
    const importers = execFileSync('git', ['grep', '-l', '-E', "from '@apollo/[a-z-]+/dist/", '--', '*.ts', ':!test/apolloInternals.test.ts'], { encoding: 'utf8' }).trim().split('\n');
    expect(importers.sort()).toEqual(ADAPTERS.map(({ adapter }) => adapter).sort());
  });
});
