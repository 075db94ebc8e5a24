/**
 * The MySQL pool and its drizzle handle, created once per container and shared by every request
 * (connections are expensive on Lambda; rows are never cached here).
 */
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { recordStatement } from '../requestMetrics.js';

export type Database = MySql2Database;

export interface DatabaseClient {
  db: Database;
  pool: Pool;
  /** SQL statements issued through drizzle since the client was created (for tests and benchmarks). */
  statements(): number;
  close(): Promise<void>;
}

/** Connect-time failures worth a friendly message instead of a stack trace. */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
  constructor(readonly url: string, options: { cause: unknown }) {
    super(
      `Cannot reach MySQL at ${redact(url)} (${(options.cause as Error).message ?? options.cause}). ` +
        'Start MySQL/MariaDB, or point DATABASE_URL at a running server, e.g. ' +
        'DATABASE_URL=mysql://user:password@127.0.0.1:3306/learning npm start',
      options,
    );
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export function createDatabaseClient(url: string, options: { connectionLimit?: number } = {}): DatabaseClient {
  const pool = createPool({
    uri: url,
    connectionLimit: options.connectionLimit ?? 10,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: 3000,
  });
  let count = 0;
  const db = drizzle({
    client: pool,
    logger: {
      logQuery: () => {
        count++;
        recordStatement();
      },
    },
  });
  return {
    db,
    pool,
    statements: () => count,
    close: () => pool.end(),
  };
}

/** Fails fast with `DatabaseUnreachableError` when the server cannot be reached. */
export async function assertReachable(client: DatabaseClient, url: string): Promise<void> {
  try {
    await client.pool.query('SELECT 1');
  } catch (cause) {
    throw new DatabaseUnreachableError(url, { cause });
  }
}

/** Creates the database named in `url` when it does not exist yet (local development and CI). */
export async function ensureDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[\w-]{1,64}$/.test(name)) throw new Error(`DATABASE_URL must name a database (letters, digits, _ or -); got "${name}"`);
  parsed.pathname = '/';
  let connection;
  try {
    connection = await createConnection({ uri: parsed.toString(), connectTimeout: 3000 });
  } catch (cause) {
    throw new DatabaseUnreachableError(url, { cause });
  }
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}
