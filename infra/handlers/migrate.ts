/**
 * The migrate Lambda: invoked by hand after a deploy (docs/DEPLOY.md) to create or upgrade this
 * app's tables from inside the VPC, the only place the database answers. It does what
 * `npm run migrate` does, under the same named lock, so a second invocation cannot race the first.
 */
import type { Context } from 'aws-lambda';
import { loadConfig } from '../../runtime/config.js';
import { createDatabaseClient } from '../../runtime/clients/mysql.js';
import { createTelemetry } from '../../runtime/observability/telemetry.js';
import { migrate } from '../../migrations/index.js';

const config = loadConfig();
const telemetry = createTelemetry(config);

export function handler(_event?: unknown, context?: Context): Promise<{ app: string; applied: number[] }> {
  return telemetry.observe({ context }, async () => {
    const client = createDatabaseClient(config.databaseUrl, { connectionLimit: 1 });
    try {
      const result = { app: config.app, ...(await migrate(client.pool, config.app)) };
      telemetry.logger.info('migrate.done', result);
      return result;
    } finally {
      await client.close();
    }
  });
}
