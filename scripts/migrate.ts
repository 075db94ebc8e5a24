/** `npm run migrate [-- --app <name> | --all]`: creates or upgrades the tables of an app (APP_NAME by default). */
import { parseArgs } from 'node:util';
import { APP_NAMES, parseAppName } from '../runtime/tenancy.js';
import { createDatabaseClient, ensureDatabase } from '../runtime/clients/mysql.js';
import { migrate } from '../migrations/index.js';
import { configOrExit, exitWith, orExitIfUserFixable } from './cli.js';

const { values } = parseArgs({ options: { app: { type: 'string' }, all: { type: 'boolean' } } });
const config = configOrExit();
let apps;
try {
  apps = values.all ? [...APP_NAMES] : [values.app ? parseAppName(values.app) : config.app];
} catch (error) {
  exitWith((error as Error).message);
}
await orExitIfUserFixable(() => ensureDatabase(config.databaseUrl));
const client = createDatabaseClient(config.databaseUrl);
try {
  for (const app of apps) {
    const { applied } = await migrate(client.pool, app);
    console.log(applied.length ? `${app}: applied ${applied.join(', ')}` : `${app}: up to date`);
  }
} finally {
  await client.close();
}
