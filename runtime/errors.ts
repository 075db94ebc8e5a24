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

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself raises for malformed requests; safe to show. */
const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** An error raised on purpose for the client (a known code), as opposed to a fault. */
export function isClientError(error: { extensions?: { code?: unknown } }): boolean {
  const code = String(error.extensions?.code ?? '');
  return (CLIENT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) || REQUEST_CODES.has(code);
}

/**
 * Apollo Server `formatError`: keeps errors raised on purpose, masks the rest as
 * INTERNAL_SERVER_ERROR (the servers' plugins log the real error with its request id).
 */
export function maskInternalErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
  if (isClientError(formatted)) return { ...formatted, extensions };
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
