/**
 * The MySQL pool and its drizzle handle, created once per container and shared by every request
 * (connections are expensive on Lambda; rows are never cached here).
 *
 * Failure model: the server restarts, kills connections or stops answering. The pool is bounded
 * (connections and waiting requests), so a dead server costs a fast error, never an unbounded queue;
 * a connection that dies is dropped by mysql2 and replaced on the next checkout; a connection that
 * goes silent mid-statement (a partitioned server sends no FIN) is destroyed after `queryTimeoutMs`,
 * failing its statement instead of holding the connection forever. The resulting errors become
 * UNAVAILABLE for clients in runtime/errors.ts.
 */
import type { Socket } from 'node:net';
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import { databaseNameOf, type DatabasePoolConfig } from '../config.js';
import { LearningGraphError } from '../errors.js';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { recordStatement } from '../observability/requestMetrics.js';
import { recordStatementRead } from '../cache/readLog.js';

export type Database = MySql2Database;

export interface DatabaseClient {
  db: Database;
  pool: Pool;
  /** SQL statements issued through drizzle since the client was created (for tests and benchmarks). */
  statements(): number;
  /**
   * Runs `run` as one transaction that starts with its first statement: no BEGIN round trip, only
   * the statements and a COMMIT (ROLLBACK when `run` throws). See `implicitTransactions`.
   */
  transaction<T>(run: (tx: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Connect-time failures worth a friendly message instead of a stack trace. */
export class DatabaseUnreachableError extends LearningGraphError {
  override readonly name = 'DatabaseUnreachableError';
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

const poolDefaults: DatabasePoolConfig = { connectionLimit: 10, queueLimit: 100, queryTimeoutMs: 5_000 };

export function createDatabaseClient(url: string, options: Partial<DatabasePoolConfig> = {}): DatabaseClient {
  const { connectionLimit, queueLimit, queryTimeoutMs } = { ...poolDefaults, ...options };
  const poolOf = () => {
    const created = createPool({
      uri: url,
      connectionLimit,
      queueLimit,
      waitForConnections: true,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectTimeout: 3000,
      enableKeepAlive: true,
    });
    destroySilentConnections(created, queryTimeoutMs);
    return created;
  };
  const pool = poolOf();
  let count = 0;
  const counted = () => {
    count++;
    recordStatement();
    recordStatementRead();
  };
  const db = drizzle({ client: retryReadsOnLostConnection(pool), logger: { logQuery: counted } });
  let writes: ReturnType<typeof implicitTransactions> | undefined;
  return {
    db,
    pool,
    statements: () => count,
    transaction: (run) => (writes ??= implicitTransactions(poolOf(), counted)).run(run),
    close: () => Promise.all([pool.end(), writes?.pool.end()]).then(() => undefined),
  };
}

/**
 * Write transactions without a BEGIN: a pool of its own whose connections run with autocommit off
 * (set once, when each one connects), so a transaction starts with its first statement and costs
 * its statements and one COMMIT. On RDS Proxy and one MySQL, a round trip fewer on every write.
 *
 * Every checkout ends with COMMIT, or ROLLBACK when `run` throws; a connection whose ROLLBACK fails
 * is destroyed, never returned to the pool inside a transaction. Nothing else uses this pool: a
 * read on it would open a transaction and keep its snapshot until the next COMMIT.
 *
 * RDS Proxy: `autocommit` is one of the session variables the proxy tracks rather than pins on
 * (AWS, "Avoiding pinning an RDS Proxy", the MySQL family's tracked variables: AUTOCOMMIT among
 * them). It multiplexes this pool's client connections at each COMMIT as it does others at theirs,
 * lending each transaction a database connection whose autocommit is off too. The SET is sent as
 * its own plain statement, never in an executable comment, at most once per client connection. If
 * `DatabaseConnectionsCurrentlySessionPinned` ever shows these connections pinned, the fallback is
 * a BEGIN per write (one statement more per transaction), not a change to what the writes do.
 */
function implicitTransactions(pool: Pool, counted: () => void) {
  pool.pool.on('connection', (connection: { query(sql: string, done: (error: unknown) => void): void; destroy(): void }) => {
    // Queued before any statement of a checkout; a connection that cannot switch is dropped, so no
    // statement ever runs (and commits) on its own.
    connection.query('SET autocommit = 0', (error) => error && connection.destroy());
  });
  const handles = new WeakMap<object, Database>();
  return {
    pool,
    async run<T>(run: (tx: Database) => Promise<T>): Promise<T> {
      const connection = await pool.getConnection();
      let tx = handles.get(connection);
      if (!tx) handles.set(connection, (tx = drizzle({ client: connection as unknown as Pool, logger: { logQuery: counted } })));
      try {
        const result = await run(tx);
        counted();
        await connection.query('COMMIT');
        connection.release();
        return result;
      } catch (error) {
        counted();
        await connection.query('ROLLBACK').then(() => connection.release(), () => connection.destroy());
        throw error;
      }
    },
  };
}

/** The connection died under the statement (killed, server restarted): another connection may well work. */
const LOST_CONNECTION = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN']);

/**
 * drizzle's reads through a pool that retries a SELECT once when its connection turns out dead: a
 * server restart or `KILL CONNECTION` leaves dead connections idle in the pool, and the first
 * statement on each would otherwise fail. Writes and transactions are never retried here.
 */
function retryReadsOnLostConnection(pool: Pool): Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const isRead = (statement: unknown) => /^\s*select\b/i.test(typeof statement === 'string' ? statement : String((statement as { sql?: unknown })?.sql ?? ''));
  const lost = (error: unknown) => LOST_CONNECTION.has(String((error as { code?: unknown })?.code ?? ''));
  const retrying = async (...args: unknown[]) => {
    try {
      return await query(...args);
    } catch (error) {
      if (isRead(args[0]) && lost(error)) return query(...args);
      throw error;
    }
  };
  return new Proxy(pool, { get: (target, key, receiver) => (key === 'query' ? retrying : Reflect.get(target, key, receiver)) });
}

/** A checked-out connection whose socket is silent for `timeoutMs` fails its statement and leaves the pool. */
function destroySilentConnections(pool: Pool, timeoutMs: number): void {
  type PooledConnection = { stream: Socket };
  const checkedOut = new WeakSet<PooledConnection>();
  const core = pool.pool;
  core.on('acquire', (connection: PooledConnection) => checkedOut.add(connection));
  core.on('release', (connection: PooledConnection) => checkedOut.delete(connection));
  core.on('connection', (connection: PooledConnection) => {
    connection.stream.setTimeout(timeoutMs);
    connection.stream.on('timeout', () => {
      if (!checkedOut.has(connection)) return; // idle in the pool: nothing is waiting on it
      // An error (not end()) so mysql2 fails the pending statement and drops the connection.
      connection.stream.destroy(Object.assign(new Error(`No answer from MySQL for ${timeoutMs} ms`), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }));
    });
  });
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
  const name = databaseNameOf(url);
  const parsed = new URL(url);
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
