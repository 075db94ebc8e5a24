/**
 * `npm run analytics:replay -- --from 2026-11-01 --to 2026-11-07 [--app amal]`: rebuilds the
 * app's activity and outcome rollups of those UTC days from the lake (pipeline/replay.ts).
 */
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { assertReachable } from '../runtime/clients/mysql.js';
import { lakeReaderFor } from '../pipeline/lake/lakeFor.js';
import { replayFromLake } from '../pipeline/replay.js';
import { replayArguments } from './replayArguments.js';
import { configOrExit, exitWith, orExitIfUserFixable } from './cli.js';

const config = configOrExit();
let app;
let days: string[];
try {
  const given = replayArguments(process.argv.slice(2));
  app = given.app ?? config.app;
  days = given.days;
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
