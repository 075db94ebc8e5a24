/**
 * The migrate Lambda: invoked by hand after a deploy (docs/DEPLOY.md) to create or upgrade this
 * app's tables from inside the VPC, the only place the database answers. It does what
 * `npm run migrate` does, under the same named lock, so a second invocation cannot race the first.
 */
import { loadConfig } from '../../runtime/config.js';
import { createDatabaseClient } from '../../runtime/clients/mysql.js';
import { migrate } from '../../migrations/index.js';

const config = loadConfig();

export async function handler(): Promise<{ app: string; applied: number[] }> {
  const client = createDatabaseClient(config.databaseUrl, { connectionLimit: 1 });
  try {
    return { app: config.app, ...(await migrate(client.pool, config.app)) };
  } finally {
    await client.close();
  }
}
