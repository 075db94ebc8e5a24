import type { GraphQLError } from 'graphql';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import { GatewayError } from '../errors.js';

/**
 * - `timeout`: no answer before the deadline (the call was aborted);
 * - `unavailable`: refused, reset, cut mid-response, a 5xx, or not a GraphQL response;
 * - `circuit_open`: not attempted, the subgraph's recent calls failed.
 */
export type FailureKind = 'timeout' | 'unavailable' | 'circuit_open';

/** Why one subgraph call produced no answer. Clients see it as SUBGRAPH_TIMEOUT or SUBGRAPH_UNAVAILABLE. */
export class SubgraphFailure extends GatewayError {
  override readonly name = 'SubgraphFailure';

  constructor(readonly subgraph: string, readonly kind: FailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  get code(): ErrorCode {
    return this.kind === 'timeout' ? ErrorCode.SUBGRAPH_TIMEOUT : ErrorCode.SUBGRAPH_UNAVAILABLE;
  }

  /**
   * A refused or dropped connection often succeeds at once on another connection or instance.
   * A timeout is not retried: the subgraph is slow or overloaded, and a second call would add load
   * and spend the rest of the request's budget.
   */
  get retryable(): boolean {
    return this.kind === 'unavailable';
  }

  /** The client-facing error at `path`: the subgraph's name and the code, never the cause. */
  toGraphQLError(path: readonly (string | number)[]): GraphQLError {
    const message = this.kind === 'timeout'
      ? `The ${this.subgraph} subgraph did not answer in time; its fields are missing`
      : `The ${this.subgraph} subgraph is unavailable; its fields are missing`;
    return clientError(this.code, message, { path, extensions: { subgraph: this.subgraph } });
  }
}

/** Any error of a transport as a `SubgraphFailure`; an aborted call is a timeout. */
export function asSubgraphFailure(subgraph: string, error: unknown, signal: AbortSignal): SubgraphFailure {
  if (error instanceof SubgraphFailure) return error;
  if (signal.aborted) return new SubgraphFailure(subgraph, 'timeout', `${subgraph}: deadline passed`, { cause: error });
  return new SubgraphFailure(subgraph, 'unavailable', `${subgraph}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
