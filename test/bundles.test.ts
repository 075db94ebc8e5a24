/**
 * The Lambda bundles as deployed: `npm run build`'s gateway and subgraph bundles, each in fresh
 * processes, answer the teacher's ClassroomDashboard over the lambda transport (with the plan file)
 * in every cold case bench:lambda measures, then an admin's operation outside it (the planner's
 * chunk, loaded on first use), and the gateway alone answers it over the local transport. Packages
 * left out of the bundles (scripts/bundle.ts) throw when called, so a path that needs one fails
 * here. Timings are bench:lambda's; this spec asserts answers and which containers started.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureColdCases } from '../bench/lambda/coldCases.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { seedDemo } from '../seed/demo.js';
import { REDIS_URL, useTestDatabase } from './support/harness.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });

describe('the Lambda bundles', () => {
  it('answer a cross-subgraph query and an unplanned one, cold and warm, over Lambda and inline', async () => {
    // measureColdCases checks each answer: 200, the roster, no errors.
    const cold = await measureColdCases({ DATABASE_URL: apps.url, REDIS_URL, DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-bundles-')), 'issuer.json') }, 1);
    // The cold gateway's warm-ups started every subgraph its plans call, one container each, and
    // no call of the first request met a container that was not ready for it.
    expect(cold.allCold.started).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 1])));
    expect(cold.allCold.coldCalls).toBe(0);
    // Over warm subgraphs a cold gateway starts none; after the warmer a warm one meets none cold.
    expect(Object.values(cold.coldGateway.started).every((n) => n === 0)).toBe(true);
    expect(cold.coldSubgraphs.warmer.coldCalls).toBe(0);
    // Without a warmth setting, a warm gateway whose subgraphs were idle warms them all at the
    // request's first call (one container each), and every call waits for its warm-up.
    expect(cold.coldSubgraphs.none.started).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 1])));
    expect(cold.coldSubgraphs.none.coldCalls).toBe(0);
    expect(cold.warmMs).toHaveLength(1);
    expect(cold.inline.warmMs).toHaveLength(1);
    expect(cold.unplannedMs).toBeGreaterThan(0);
  }, 120_000);
});
