/**
 * `npm run bench:consistency`: the differential consistency check at length (bench/consistency/
 * check.ts), on a database of its own seeded with the demo data. Prints the counts and every
 * difference; exits 1 when there is one.
 * `--operations` (default 20000) steps, `--seed` (default 1), `--no-outages` keeps Redis up.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createBenchDatabase } from './database.js';
import { runConsistencyCheck } from './consistency/check.js';

const { values } = parseArgs({ options: { operations: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' }, 'no-outages': { type: 'boolean', default: false } } });
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const database = await createBenchDatabase(`lg_check_${randomUUID().slice(0, 8)}`, { APP_NAME: 'amal', REDIS_URL: redisUrl, LOG_LEVEL: 'error' });
try {
  const report = await runConsistencyCheck({
    databaseUrl: database.url, redisUrl, operations: Number(values.operations), seed: Number(values.seed), outages: !values['no-outages'],
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const rows: [string, string | number][] = [
    ['steps (reads, writes, consumer runs, Redis cuts and restores)', report.steps],
    ['reads compared with CACHE=off', report.reads],
    ['  of them while Redis was cut', report.readsWithRedisCut],
    ['  of them served from a kept answer', report.keptAnswersServed],
    ['writes', `${report.writes} (${Object.entries(report.writeOutcomes).map(([code, n]) => `${code} ${n}`).join(', ')})`],
    ['consumer runs', report.consumerRuns],
    ['Redis outages', report.redisOutages],
    ['response cache outcomes', Object.entries(report.responseCache).map(([outcome, n]) => `${outcome} ${n}`).join(', ')],
    ['excluded: a review fell due (clock only)', report.clockOnly['review-due']],
    ['excluded: a UTC day began (clock only)', report.clockOnly['day-begins']],
    ['differences', report.differences.length],
    ['seconds', (report.ms / 1000).toFixed(0)],
  ];
  console.log(`\nDifferential consistency check, seed ${values.seed}\n\n| | |\n| --- | ---: |\n${rows.map(([label, value]) => `| ${label} | ${value} |`).join('\n')}`);
  for (const difference of report.differences) console.log(JSON.stringify(difference));
  process.exitCode = report.differences.length ? 1 : 0;
} finally {
  await database.drop();
}
