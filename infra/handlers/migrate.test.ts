import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.js';
import { SERVER_URL } from '../../test/support/database.js';

const database = `lg_test_migrate_${randomBytes(4).toString('hex')}`;
let migrateLambda: typeof import('./migrate.js');

beforeAll(async () => {
  const admin = await createConnection(SERVER_URL);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.end();
  // The handler reads its configuration at cold start, exactly as in Lambda.
  Object.assign(process.env, { APP_NAME: 'thurayya', DATABASE_URL: `${SERVER_URL}/${database}`, LOG_LEVEL: 'silent' });
  migrateLambda = await import('./migrate.js');
});
afterAll(async () => {
  const admin = await createConnection(SERVER_URL);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
});

describe('the migrate Lambda', () => {
  it('applies every migration of its app once', async () => {
    const versions = MIGRATIONS.map((migration) => migration.version);
    expect(await migrateLambda.handler()).toEqual({ app: 'thurayya', applied: versions });
    expect(await migrateLambda.handler()).toEqual({ app: 'thurayya', applied: [] });
  });
});
