/**
 * What the store says of the person a field is about, for the rules that ask (./rules.ts
 * `aboutStudent`, `erasureRequester`): its role, and who asked for its erasure once one started.
 *
 * Threat model: these facts decide a child's export and erasure, so they are read from MySQL
 * once per request and person, never from a cache (a stale role or erasure would grant or deny
 * the wrong viewer). An id that cannot exist is a person with no role, which no rule grants, so it
 * is refused exactly like an unknown one. Only the columns read here are declared: the tables
 * are the users and datarights subgraphs' (subgraphs/users/tables.ts, subgraphs/datarights/tables.ts).
 */
import { sql } from 'drizzle-orm';
import { bigint, char, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { Database } from '../clients/mysql.js';
import type { Role } from '../security/signedContext.js';
import { tryParseId } from '../ids.js';
import { memoizeByApp, prefixed, type AppName } from '../tenancy.js';
import { erasedPeople } from './suppression.js';

export interface PersonFacts {
  /** Undefined when no such person is (or is any longer) in the users table. */
  role: Role | undefined;
  /** The user id of whoever asked for the person's erasure; undefined when none started. */
  erasureRequestedBy: string | undefined;
}

const people = memoizeByApp((app: AppName) => mysqlTable(prefixed(app, 'users'), {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  role: varchar('role', { length: 16 }).notNull(),
}));
const erasures = memoizeByApp((app: AppName) => mysqlTable(prefixed(app, 'erasures'), {
  id: char('id', { length: 36 }).primaryKey(),
  requestedBy: bigint('requested_by', { mode: 'number' }).notNull(),
}));

/** One statement. */
export async function loadPersonFacts(app: AppName, db: Database, personId: string): Promise<PersonFacts> {
  const id = tryParseId(personId);
  if (id === null) return { role: undefined, erasureRequestedBy: undefined };
  const [users, erasure, erased] = [people(app), erasures(app), erasedPeople(app)];
  const [rows] = (await db.execute(sql`SELECT
    (SELECT ${users.role} FROM ${users} WHERE ${users.id} = ${id}) AS role,
    (SELECT ${erasure.requestedBy} FROM ${erased} JOIN ${erasure} ON ${erasure.id} = ${erased.erasureId} WHERE ${erased.userId} = ${id}) AS requested_by`)) as unknown as [{ role: Role | null; requested_by: number | string | null }[]];
  const [row] = rows;
  return { role: row?.role ?? undefined, erasureRequestedBy: row?.requested_by == null ? undefined : String(row.requested_by) };
}
