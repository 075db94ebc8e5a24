import { GraphQLError } from 'graphql';
import { drizzle } from 'drizzle-orm/mysql2';
import { sql } from 'drizzle-orm';
import { createPool } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/support/harness.js';
import { causeChain, clientError, errorChain, isBackendUnavailable, mysqlErrorCode } from './errors.js';

const apps = useTestDatabase();

/** The error a statement raises on the real server, as drizzle hands it to the caller. */
async function failureOf(url: string, statements: string[]): Promise<unknown> {
  const pool = createPool({ uri: url, connectionLimit: 1 });
  try {
    const db = drizzle(pool);
    for (const statement of statements) await db.execute(sql.raw(statement));
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await pool.end();
  }
}

describe('the cause chain of an error', () => {
  it('runs from the outermost error through originalError and cause, and stops on a cycle', () => {
    const driver = new Error('driver');
    const wrapped = new Error('query failed', { cause: driver });
    const graphql = new GraphQLError('resolver failed', { originalError: wrapped });
    expect([...causeChain(graphql)].map((error) => error.message)).toEqual(['resolver failed', 'query failed', 'driver']);
    expect(errorChain(graphql)).toBe('resolver failed <- query failed <- driver');

    const looped = new Error('a');
    looped.cause = looped;
    expect([...causeChain(looped)]).toHaveLength(8);
    expect([...causeChain('not an error')]).toEqual([]);
  });
});

describe('the MySQL error code of an error', () => {
  it('is read from the server’s error under drizzle’s wrapper', async () => {
    const duplicate = await failureOf(apps.url, [
      'CREATE TABLE errors_probe (id INT PRIMARY KEY, note VARCHAR(10))',
      'INSERT INTO errors_probe VALUES (1, "a")',
      'INSERT INTO errors_probe VALUES (1, "b")',
    ]);
    expect(duplicate).toBeInstanceOf(Error);
    expect((duplicate as Error).cause).toBeDefined(); // drizzle's wrapper
    expect(mysqlErrorCode(duplicate)).toBe('ER_DUP_ENTRY');
    expect(mysqlErrorCode(new GraphQLError('resolver', { originalError: duplicate as Error }))).toBe('ER_DUP_ENTRY');

    expect(mysqlErrorCode(await failureOf(apps.url, ['ALTER TABLE errors_probe ADD COLUMN note INT']))).toBe('ER_DUP_FIELDNAME');
  });

  it('is undefined for a refused connection, which is a lost backend instead', async () => {
    const refused = await failureOf('mysql://root@127.0.0.1:1/none', ['SELECT 1']);
    expect(mysqlErrorCode(refused)).toBeUndefined();
    expect(isBackendUnavailable(refused)).toBe(true);
    expect(mysqlErrorCode(new Error('plain'))).toBeUndefined();
  });
});

describe('a client error', () => {
  it('carries its code, and the HTTP status and headers of a refused request', () => {
    const limited = clientError('RATE_LIMITED', 'Too many requests', { status: 429, headers: { 'retry-after': '7' }, extensions: { retryAfterSeconds: 7 } });
    expect(limited.message).toBe('Too many requests');
    expect(limited.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7, http: { status: 429 } });
    expect([...(limited.extensions.http as unknown as { headers: Map<string, string> }).headers]).toEqual([['retry-after', '7']]);
  });

  it('raised in a resolver keeps the response’s status: it has no http extension', () => {
    const missing = clientError('NOT_FOUND', 'gone', { path: ['user'] });
    expect(missing.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(missing.path).toEqual(['user']);
  });
});
