/**
 * Errors in one place: the client-facing vocabulary (resolvers and plugins throw these; anything
 * else is an internal error that `formatError` masks, so no stack trace, SQL or other user's data
 * reaches a client), the base of this codebase's own error classes, and the readers of a wrapped
 * error's cause chain and MySQL code.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The base of every error class here; each package's classes share one beneath it (GatewayError,
 * PipelineError), as Powertools' packages do. `name` is set by each class as a string because the
 * Lambda bundles are minified.
 */
export abstract class LearningGraphError extends Error {
  abstract override readonly name: string;
}

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  UNAVAILABLE: 'UNAVAILABLE',
  /** A subgraph did not answer within its deadline; the other subgraphs' data is still returned. */
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  /** A subgraph refused, dropped the connection, answered garbage, or its circuit is open. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** Over a rate limit: HTTP 429 with Retry-After at the gateway; a per-event rejection in recordEvents. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation's estimated cost is over the gateway's budget (gateway/demandControl.ts): HTTP 400, nothing was run. */
  COST_LIMIT: 'COST_LIMIT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ClientErrorOptions {
  /** The HTTP status of the whole response, for a refusal before execution (a resolver's error keeps 200). */
  status?: number;
  /** Lower-case names. Apollo Server iterates them as a map; no import of it here keeps it out of the pipeline's bundle. */
  headers?: Record<string, string>;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** An error meant for the client: its code, and for a refusal of the whole request its HTTP status. */
export function clientError(code: string, message: string, { status, headers, path, extensions }: ClientErrorOptions = {}): GraphQLError {
  // graphql's typings want plain objects in extensions; Apollo Server reads `http.headers` as a map.
  const http: Record<string, unknown> = status === undefined ? {} : { http: { status, ...(headers && { headers: new Map(Object.entries(headers)) }) } };
  return new GraphQLError(message, { path, extensions: { code, ...extensions, ...http } });
}

export const badUserInput = (message: string, extensions?: Record<string, unknown>) =>
  clientError(ErrorCode.BAD_USER_INPUT, message, { extensions });
export const unauthenticated = (message = 'You must be signed in to do this') =>
  clientError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to see or change this') =>
  clientError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) => clientError(ErrorCode.NOT_FOUND, `${what} "${id}" was not found`);
export const unavailable = (message = 'A service this needs is unavailable; try again in a few seconds') =>
  clientError(ErrorCode.UNAVAILABLE, message);

/**
 * Driver and socket codes that mean "the database or its connection is gone", not "this query is
 * wrong": a restart, a killed connection, a full pool queue. Clients get UNAVAILABLE (retry later)
 * for these instead of a masked internal error.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR', 'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN', 'ER_QUERY_INTERRUPTED',
]);
/** mysql2's pool refusals carry no code, only these messages. */
const POOL_REFUSALS = new Set(['Queue limit reached.', 'Pool is closed.', 'No connections available.']);

/**
 * An error and the ones it wraps, outermost first: GraphQL's `originalError`, then `cause` (drizzle
 * wraps the driver's error, the gateway wraps a transport's). Bounded, in case of a cycle.
 */
export function* causeChain(error: unknown): Generator<Error> {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    yield current;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
}

/**
 * The server's error code (`ER_DUP_ENTRY`, `ER_LOCK_DEADLOCK`, …) of a MySQL error, however deeply
 * wrapped; undefined for anything else, a lost connection included (its code is the driver's).
 */
export function mysqlErrorCode(error: unknown): string | undefined {
  for (const current of causeChain(error)) {
    const { code, sqlState } = current as { code?: unknown; sqlState?: unknown };
    if (typeof code === 'string' && typeof sqlState === 'string') return code;
  }
  return undefined;
}

/** True when an error, or one it wraps, is a lost or refused backend connection. */
export function isBackendUnavailable(error: unknown): boolean {
  for (const current of causeChain(error)) {
    const { code, fatal } = current as { code?: unknown; fatal?: unknown };
    if ((typeof code === 'string' && CONNECTION_CODES.has(code)) || fatal === true || POOL_REFUSALS.has(current.message)) return true;
  }
  return false;
}

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself raises for malformed requests; safe to show. */
const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** An error raised on purpose for the client (a known code, or an uncoded refusal), as opposed to a fault. */
export function isClientError(error: { readonly extensions?: object | null }): boolean {
  const code = String((error.extensions as { code?: unknown } | null | undefined)?.code ?? '');
  return (CLIENT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) || REQUEST_CODES.has(code) || isUncodedRefusal(error);
}

/**
 * Apollo Server refuses a few malformed requests with a 4xx status but no code (an APQ hash that is
 * not its query's, an unknown APQ version): bad requests, not faults. Only the error as raised
 * carries the status; the formatted one has lost it.
 */
function isUncodedRefusal(error: unknown): boolean {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null | undefined)?.extensions;
  const status = extensions?.http?.status;
  return extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Apollo Server `formatError`: keeps errors raised on purpose (Apollo's uncoded refusals become
 * BAD_REQUEST), turns a lost backend connection into UNAVAILABLE and masks the rest as
 * INTERNAL_SERVER_ERROR (the servers' plugins log the real error with its request id). The one
 * place connection failures become a client-facing code.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
  if (isClientError(formatted)) return { ...formatted, extensions };
  if (isUncodedRefusal(error)) return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' } };
  if (isBackendUnavailable(error)) {
    const { message, extensions: unavailableExtensions } = unavailable();
    return { message, locations: formatted.locations, path: formatted.path, extensions: unavailableExtensions };
  }
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * The messages along an error's `originalError` / `cause` chain, for logs only (never for clients),
 * with no SQL parameter and no quoted value: logs never hold personal data (docs/SECURITY.md).
 */
export function errorChain(error: unknown): string {
  return [...causeChain(error)].slice(0, 5).map(loggableMessage).join(' <- ');
}

/** A quoted literal in a MySQL server message: `Duplicate entry 'x' for key 'k'`, `Incorrect integer value: 'x'`. */
const QUOTED = /'(?:[^'\\]|\\.|'')*'/g;

/**
 * An error's message without the values it may carry: drizzle's "Failed query: <sql>\nparams: <values>"
 * keeps its SQL (placeholders only) and loses its parameters; a MySQL server error (it has a
 * `sqlState`) keeps its code and its words, every quoted literal replaced by '?'.
 */
export function loggableMessage(error: Error): string {
  const { query, params, sqlState, code } = error as { query?: unknown; params?: unknown; sqlState?: unknown; code?: unknown };
  if (typeof query === 'string' && Array.isArray(params)) return `Failed query: ${query} (${params.length} parameters not logged)`;
  if (typeof sqlState === 'string') return `${typeof code === 'string' ? `${code}: ` : ''}${error.message.replace(QUOTED, "'?'")}`;
  return error.message;
}

/** A bug: a state the code must never reach. Never shown to clients. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}

/** For a `switch` over a union that handles every member: a new member fails to compile until handled. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case ${JSON.stringify(value)}`);
}
