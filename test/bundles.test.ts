/**
 * The Lambda bundles as deployed: `npm run build`'s gateway and subgraph bundles, each in a fresh
 * process, answer the teacher's ClassroomDashboard over the lambda transport (with the plan file),
 * then an admin's operation outside it (the planner's chunk, loaded on first use). Packages left out
 * of the bundles (scripts/bundle.ts) throw when called, so a path that needs one fails here.
 * Timings are bench:lambda's; this spec asserts answers only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureFirstRequest } from '../bench/lambda/firstRequest.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { seedDemo } from '../seed/demo.js';
import { REDIS_URL, useTestDatabase } from './support/harness.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });

describe('the Lambda bundles', () => {
  it('answer a cross-subgraph query and an unplanned one, each function in its own cold process', async () => {
    const first = await measureFirstRequest({ DATABASE_URL: apps.url, REDIS_URL, DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-bundles-')), 'issuer.json') }, 1);
    // Every subgraph the dashboard reads started from its bundle and answered (measureFirstRequest
    // checks each answer: 200, the roster, no errors).
    expect(first.subgraphs.map(({ name }) => name).sort()).toEqual(SUBGRAPH_NAMES.filter((name) => name !== 'datarights').sort());
    expect(first.warmMs).toHaveLength(1);
    expect(first.unplannedMs).toBeGreaterThan(0);
  }, 120_000);
});
