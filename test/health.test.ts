import { describe, expect, it } from 'vitest';
import { users } from '../subgraphs/index.js';
import { serveSubgraph } from '../scripts/localServers.js';
import { backingServiceChecks, healthAnswer, type ReadinessCheck } from '../runtime/serve/health.js';
import { DEMO } from '../seed/demoIds.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

// The checks ask the live clients; the harness starts the specs once Redis is connected.
const apps = useTestDatabase();
const graph = useGateway(apps);

const get = async (base: string, path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(new URL(path, base), { headers });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const bearer = async (viewer: Parameters<typeof graph.token>[0]) => ({ authorization: `Bearer ${await graph.token(viewer)}` });

/** A check that counts its probes and fails with a backend's error text. */
const failingCheck = () => {
  const check = { probes: 0, name: 'database', required: true, probe: async () => { check.probes++; throw new Error("connect ECONNREFUSED 10.0.3.7:3306 (user 'gateway'@'%')"); } } satisfies ReadinessCheck & { probes: number };
  return check;
};

describe('health', () => {
  it('/health says the gateway is live without touching anything', async () => {
    expect(await get(graph.url, '/health')).toEqual({ status: 200, body: { status: 'live' } });
  });

  it('/ready shows an admin MySQL, Redis and every subgraph', async () => {
    const { status, body } = await get(graph.url, '/ready', await bearer(as.admin(DEMO.admin)));
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'redis', 'subgraph:analytics', 'subgraph:curriculum', 'subgraph:datarights', 'subgraph:memory', 'subgraph:users']);
    for (const check of Object.values(body.checks)) expect(check).toMatchObject({ status: 'up' });
  });

  it('/ready shows anyone else the status alone: no token, a bad token, a teacher', async () => {
    for (const headers of [{}, { authorization: 'Bearer not.a.jwt' }, await bearer(as.teacher(DEMO.teacher))]) {
      expect(await get(graph.url, '/ready', headers)).toEqual({ status: 200, body: { status: 'ready' } });
    }
  });

  it('/ready of a subgraph server shows its status alone', async () => {
    const served = await serveSubgraph(users, apps.runtime(), 0);
    try {
      expect(await get(served.url, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await served.close();
    }
  });
});

describe('healthAnswer', () => {
  it('probes at most once per interval for callers without detail, however many ask at once', async () => {
    const check = failingCheck();
    const answer = healthAnswer(() => [check], { minIntervalMs: 60_000 });

    const answers = await Promise.all(Array.from({ length: 20 }, () => answer('/ready', undefined)));
    await answer('/ready', 'Bearer anything');

    expect(check.probes).toBe(1);
    for (const { status, body } of answers) expect({ status, body }).toEqual({ status: 503, body: { status: 'down' } });
  });

  it('gives a caller it admits each check with its error, probed afresh', async () => {
    const check = failingCheck();
    const answer = healthAnswer(() => [check], { minIntervalMs: 60_000, mayDetail: async (authorization) => authorization === 'Bearer operator' });
    await answer('/ready', undefined);

    const { status, body } = await answer('/ready', 'Bearer operator');

    expect(check.probes).toBe(2);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'down', checks: { database: { status: 'down', required: true, error: expect.stringContaining('ECONNREFUSED') } } });
  });

  it('gives a Lambda the same answer as the HTTP route', async () => {
    const { status, body } = await healthAnswer(() => backingServiceChecks(apps.runtime().deps), { mayDetail: async () => true })('/ready', 'Bearer admin');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', checks: { database: { status: 'up', required: true }, redis: { status: 'up', required: false } } });
  });
});
