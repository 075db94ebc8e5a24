import { describe, expect, it } from 'vitest';
import { users } from '../subgraphs/index.js';
import { serveSubgraph } from '../scripts/localServers.js';
import { backingServiceChecks, healthResponse } from '../runtime/serve/health.js';
import { useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

// The checks ask the live clients; the harness starts the specs once Redis is connected.
const apps = useTestDatabase();
const graph = useGateway(apps);

const get = async (base: string, path: string) => {
  const response = await fetch(new URL(path, base));
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('health', () => {
  it('/health says the gateway is live without touching anything', async () => {
    expect(await get(graph.url, '/health')).toEqual({ status: 200, body: { status: 'live' } });
  });

  it('/ready checks MySQL, Redis and every subgraph', async () => {
    const { status, body } = await get(graph.url, '/ready');
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'redis', 'subgraph:analytics', 'subgraph:curriculum', 'subgraph:datarights', 'subgraph:memory', 'subgraph:users']);
    for (const check of Object.values(body.checks)) expect(check).toMatchObject({ status: 'up' });
  });

  it('/ready of a subgraph server checks its MySQL and Redis', async () => {
    const served = await serveSubgraph(users, apps.runtime(), 0);
    try {
      const { status, body } = await get(served.url, '/ready');
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ready', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
    } finally {
      await served.close();
    }
  });

  it('gives a Lambda the same answer through healthResponse', async () => {
    const { status, body } = await healthResponse('/ready', () => backingServiceChecks(apps.runtime().deps));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', checks: { database: { status: 'up', required: true }, redis: { status: 'up', required: false } } });
  });
});
