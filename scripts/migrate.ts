/** `npm run migrate [-- --app <name>|--all]`: creates or upgrades the tables of an app (APP_NAME by default). */
import { parseArgs } from 'node:util';
import { APP_NAMES, parseAppName } from '../runtime/tenancy.js';
import { loadConfig } from '../runtime/config.js';
import { assertReachable, createDatabaseClient, DatabaseUnreachableError } from '../runtime/clients/mysql.js';
import { migrate } from '../migrations/index.js';
import { exitWith } from './localServers.js';

const { values } = parseArgs({ options: { app: { type: 'string' }, all: { type: 'boolean' } } });
const config = loadConfig();
const apps = values.all ? [...APP_NAMES] : [values.app ? parseAppName(values.app) : config.app];
const client = createDatabaseClient(config.databaseUrl);
try {
  await assertReachable(client, config.databaseUrl);
  for (const app of apps) {
    const { applied } = await migrate(client.pool, app);
    console.log(applied.length ? `${app}: applied ${applied.join(', ')}` : `${app}: up to date`);
  }
} catch (error) {
  if (error instanceof DatabaseUnreachableError) exitWith(error.message);
  throw error;
} finally {
  await client.close();
}
