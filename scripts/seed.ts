/** `npm run seed`: migrates the configured app's tables, loads the demo data, prints each table's rows. */
import { loadConfig } from '../runtime/config.js';
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { assertReachable, DatabaseUnreachableError } from '../runtime/clients/mysql.js';
import { prefixed } from '../runtime/tenancy.js';
import { migrate } from '../migrations/index.js';
import { seedDemo } from '../seed/demo.js';

const config = loadConfig();
// Seeding needs MySQL only.
const runtime = createAppRuntime(config, { redis: false });
try {
  await assertReachable(runtime.database, config.databaseUrl);
  await migrate(runtime.database.pool, config.app);
  const summary = await seedDemo(runtime);
  const width = Math.max(...Object.keys(summary).map((table) => prefixed(config.app, table).length));
  for (const [table, rows] of Object.entries(summary)) console.log(`${prefixed(config.app, table).padEnd(width)}  ${rows}`);
} catch (error) {
  if (!(error instanceof DatabaseUnreachableError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await runtime.close();
}
