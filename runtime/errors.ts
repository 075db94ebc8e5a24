/**
 * The client-facing error vocabulary. Resolvers throw these; anything else is an internal error
 * that `formatError` masks (no stack traces, SQL or other users' data ever reach a client).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badUserInput = (message: string, extensions?: Record<string, unknown>) =>
  clientError(ErrorCode.BAD_USER_INPUT, message, extensions);
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

/** True when an error, or one it wraps, is a lost or refused backend connection. */
export function isBackendUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    const { code, fatal } = current as { code?: unknown; fatal?: unknown };
    if ((typeof code === 'string' && CONNECTION_CODES.has(code)) || fatal === true || POOL_REFUSALS.has(current.message)) return true;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
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

/** The messages along an error's `originalError` / `cause` chain, for logs only (never for clients). */
export function errorChain(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && messages.length < 5) {
    messages.push(current.message);
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return messages.join(' <- ');
}

/** A bug: a state the code must never reach. Never shown to clients. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
