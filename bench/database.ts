/** A database of the benchmark's own: created, migrated and seeded with the demo data, dropped after. */
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../runtime/config.js';
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { migrate } from '../migrations/index.js';
import { seedDemo } from '../seed/demo.js';

const SERVER_URL = 'mysql://root@127.0.0.1:3306';

export async function createBenchDatabase(name: string, env: Record<string, string>): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await createConnection(SERVER_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `${SERVER_URL}/${name}`;
  const runtime = createAppRuntime(loadConfig({ ...process.env, ...env, DATABASE_URL: url }), { redis: false });
  await migrate(runtime.database.pool, 'amal');
  await seedDemo(runtime);
  await runtime.close();
  return {
    url,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
