/**
 * `npm run analytics:replay -- --from 2026-11-01 --to 2026-11-07 [--app amal]`: rebuilds the
 * app's activity and outcome rollups of those UTC days from the lake (subgraphs/analytics/replay.ts).
 */
import { parseArgs } from 'node:util';
import { createAppRuntime } from '../runtime/appDeps.js';
import { assertReachable } from '../runtime/clients/mysql.js';
import { parseAppName } from '../runtime/tenancy.js';
import { lakeReaderFor } from '../subgraphs/analytics/lake/lakeFor.js';
import { replayDays, replayFromLake } from '../subgraphs/analytics/replay.js';
import { configOrExit, exitWith, orExitIfUserFixable } from './cli.js';

const { values } = parseArgs({ options: { app: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
const config = configOrExit();
let app;
let days: string[];
try {
  app = values.app ? parseAppName(values.app) : config.app;
  if (!values.from || !values.to) throw new Error('Usage: npm run analytics:replay -- --from YYYY-MM-DD --to YYYY-MM-DD [--app <name>]');
  days = replayDays(values.from, values.to);
} catch (error) {
  exitWith((error as Error).message);
}
const runtime = createAppRuntime({ ...config, app }, { redis: false });
try {
  await orExitIfUserFixable(() => assertReachable(runtime.database, config.databaseUrl));
  let lake;
  try {
    lake = lakeReaderFor(runtime.deps);
  } catch (error) {
    exitWith((error as Error).message);
  }
  for (const { day, events, duplicates } of await replayFromLake(runtime.deps, lake, days)) {
    console.log(`${app} ${day}: ${events} event(s)${duplicates ? `, ${duplicates} duplicate copies ignored` : ''}`);
  }
} finally {
  await runtime.close();
}
