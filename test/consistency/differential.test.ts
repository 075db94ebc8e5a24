/**
 * The short differential consistency check (`npm run bench:consistency` runs the long one): a
 * seeded schedule through the cached graph as deployed over HTTP, each answer compared with the
 * uncached graph's, with Redis cut part of the time.
 */
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo.js';
import { runConsistencyCheck } from '../../bench/consistency/check.js';
import { REDIS_URL, useTestDatabase } from '../support/harness.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });

describe('the cached graph', () => {
  it('answers every read of a seeded schedule as the uncached graph does, Redis cut or not', async () => {
    const report = await runConsistencyCheck({ databaseUrl: apps.url, redisUrl: REDIS_URL, operations: 600, seed: 13 });
    const { differences, ...counts } = report;
    console.info(`consistency check: ${JSON.stringify(counts)}`);
    expect(differences.map(({ step, operation, viewer, paths, cached, reference }) => ({ step, operation, viewer, paths, cached, reference }))).toEqual([]);
    expect(report.reads).toBeGreaterThan(300);
    expect(report.keptAnswersServed).toBeGreaterThan(0);
    expect(report.readsWithRedisCut).toBeGreaterThan(0);
    expect(report.writeOutcomes.ok).toBeGreaterThan(50);
  }, 240_000);
});
