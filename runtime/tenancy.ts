/**
 * Tenancy: one codebase serves several apps, each with its own table prefix.
 *
 * Threat model: a table prefix is an SQL identifier, so it must never come from request input.
 * The app is fixed per deployment (APP_NAME), checked against this allowlist by the configuration
 * at start; a command's `--app` goes through `parseAppName`.
 */
import { mysqlTableCreator } from 'drizzle-orm/mysql-core';

export const APP_NAMES = ['amal', 'thurayya'] as const;
export type AppName = (typeof APP_NAMES)[number];

export function parseAppName(value: string): AppName {
  if ((APP_NAMES as readonly string[]).includes(value)) return value as AppName;
  throw new Error(`There is no app "${value}"; the apps are ${APP_NAMES.join(', ')}`);
}

/** The physical name of a table for an app, e.g. `amal_users`. */
export function prefixed(app: AppName, table: string): string {
  return `${app}_${table}`;
}

/** Built once per app: drizzle tables and views are immutable and safe to share. */
export function memoizeByApp<T>(build: (app: AppName) => T): (app: AppName) => T {
  const built = new Map<AppName, T>();
  return (app) => {
    let value = built.get(app);
    if (value === undefined) built.set(app, (value = build(app)));
    return value;
  };
}

export type TableCreator = ReturnType<typeof mysqlTableCreator>;

/** A subgraph's tables for each app, declared once with a creator that adds the app's prefix. */
export function appTables<T>(declare: (table: TableCreator) => T): (app: AppName) => T {
  return memoizeByApp((app) => declare(mysqlTableCreator((name) => prefixed(app, name))));
}
