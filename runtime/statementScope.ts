/**
 * Counts the SQL statements one operation issues, across every subgraph it reaches in-process.
 * The HTTP front and the Lambda handler open a scope per request; the drizzle logger records into
 * whichever scope is current (AsyncLocalStorage follows the request through awaits and loaders).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  statements: number;
}

const scopes = new AsyncLocalStorage<Scope>();

export function withStatementScope<T>(run: () => T): T {
  return scopes.run({ statements: 0 }, run);
}

export function recordStatement(): void {
  const scope = scopes.getStore();
  if (scope) scope.statements++;
}

/** Statements so far in the current request's scope; undefined outside one. */
export function statementsInScope(): number | undefined {
  return scopes.getStore()?.statements;
}
