/** A fresh database per test file, migrated for every app, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { APP_NAMES } from '../../runtime/tenancy.js';
import { createDatabaseClient } from '../../runtime/clients/mysql.js';
import { migrate } from '../../migrations/index.js';

export const SERVER_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(SERVER_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${SERVER_URL}/${name}`;
  const client = createDatabaseClient(url);
  for (const app of APP_NAMES) await migrate(client.pool, app);
  await client.close();
  return {
    url,
    async drop() {
      const connection = await createConnection(SERVER_URL);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
