/**
 * The client-facing error vocabulary. Resolvers throw these; anything else is an internal error
 * that `formatError` masks (no stack traces, SQL or other users' data ever reach a client).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

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

/**
 * Apollo Server `formatError`: keeps errors we raised on purpose, masks the rest as
 * INTERNAL_SERVER_ERROR with the request id so an operator can find the log line.
 */
export function formatError(
  onInternal: (error: unknown) => void,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = String(formatted.extensions?.code ?? '');
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    if (CLIENT_CODES.has(code) || REQUEST_CODES.has(code)) {
      if (code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions };
    }
    onInternal(unwrapResolverError(error));
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(extensions.requestId ? { requestId: extensions.requestId } : {}) },
    };
  };
}

/** A bug: a state the code must never reach. Never shown to clients. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
