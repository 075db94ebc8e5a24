/**
 * Deadlines, one retry and a circuit breaker around any transport (local, http, lambda).
 *
 * Failure model: a subgraph may hang (a blackholed connection), answer slowly or in a trickle,
 * refuse, reset or cut its answer, or fail every call for minutes. Each call gets the smaller of
 * the subgraph's timeout and what is left of the request's deadline, and is aborted (AbortSignal)
 * when that passes. A query that failed fast is retried once after a random pause (full jitter);
 * a mutation never is, since its write may have happened. Repeated failures open the subgraph's
 * circuit (subgraphCircuit.ts). Whatever fails, the gateway gets a GraphQL response whose errors
 * carry SUBGRAPH_TIMEOUT or SUBGRAPH_UNAVAILABLE and the subgraph's name at the paths of the
 * missing fields, and it returns the other subgraphs' data beside them.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse } from 'graphql';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { errorChain } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/observability/logger.js';
import { metricFields } from '../../runtime/observability/cloudWatchMetric.js';
import type { GatewayContext } from '../context.js';
import type { SubgraphDataSource } from '../datasources/types.js';
import { subgraphCircuit } from './subgraphCircuit.js';
import { asSubgraphFailure, SubgraphFailure } from './SubgraphFailure.js';
import { fetchOperationType } from '../datasources/fetchOperation.js';

export interface ResilienceOptions {
  /** A call's deadline (the request's remaining budget may cut it shorter). @default 5_000 */
  timeoutMs: number;
  /** Retries of a query that failed fast: 0 or 1. @default 1 */
  retries: 0 | 1;
  /** Upper bound of the random pause before the retry. @default 100 */
  retryJitterMs: number;
  /** Consecutive failed calls that open the circuit. @default 5 */
  circuitFailures: number;
  /** How long an open circuit refuses calls before it lets one probe through. @default 5_000 */
  circuitOpenMs: number;
}

export const resilienceDefaults: ResilienceOptions = { timeoutMs: 5_000, retries: 1, retryJitterMs: 100, circuitFailures: 5, circuitOpenMs: 5_000 };

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

export class ResilientDataSource implements GraphQLDataSource<GatewayContext> {
  readonly circuit: CircuitBreakerPolicy;
  private readonly options: ResilienceOptions;

  constructor(readonly subgraph: string, private readonly transport: SubgraphDataSource, options: Partial<ResilienceOptions>, private readonly logger: Logger) {
    this.options = { ...resilienceDefaults, ...options };
    this.circuit = subgraphCircuit(subgraph, { failures: this.options.circuitFailures, openMs: this.options.circuitOpenMs }, logger);
  }

  async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const deadline = Math.min(Date.now() + this.options.timeoutMs, requestDeadline(options));
    let failure: SubgraphFailure;
    try {
      return await this.attempt(options, deadline);
    } catch (error) {
      failure = error as SubgraphFailure;
    }
    const pause = Math.random() * this.options.retryJitterMs;
    if (this.options.retries > 0 && failure.retryable && isQuery(options) && Date.now() + pause < deadline) {
      this.logger.info('subgraph.retry', { subgraph: this.subgraph, requestId: requestIdOf(options), after: failure.message, pauseMs: Math.round(pause) });
      await sleep(pause);
      try {
        return await this.attempt(options, deadline);
      } catch (error) {
        failure = error as SubgraphFailure;
      }
    }
    this.logger.warn('subgraph.failed', {
      requestId: requestIdOf(options),
      code: failure.code,
      kind: failure.kind,
      cause: errorChain(failure.cause ?? failure),
      ...metricFields('SubgraphFailures', 1, { subgraph: this.subgraph }),
    });
    return { errors: missingFieldPaths(options.request.query).map((path) => failure.toGraphQLError(path)) };
  }

  /** One call through the circuit, aborted at `deadline`; throws only `SubgraphFailure`. */
  private async attempt(options: ProcessOptions, deadline: number): Promise<GatewayGraphQLResponse> {
    const signal = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
    const call = this.circuit.execute(async () => {
      try {
        return await untilAborted(this.transport.process(options, signal), signal);
      } catch (error) {
        throw asSubgraphFailure(this.subgraph, error, signal);
      }
    });
    try {
      // Callers queued behind a half-open probe wait at most until their own deadline.
      return await untilAborted(call, signal);
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new SubgraphFailure(this.subgraph, 'circuit_open', `${this.subgraph}: circuit open`);
      throw asSubgraphFailure(this.subgraph, error, signal);
    }
  }
}

/** `work`, or a rejection as soon as `signal` aborts (the work itself is told through the same signal). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A client's operation, as opposed to a health check or schema loading (which carry no caller). */
const isIncoming = (options: ProcessOptions): options is Extract<ProcessOptions, { incomingRequestContext: unknown }> => 'incomingRequestContext' in options;

function requestDeadline(options: ProcessOptions): number {
  return isIncoming(options) ? options.context.deadline ?? Infinity : Infinity;
}

function requestIdOf(options: ProcessOptions): string | undefined {
  return isIncoming(options) ? options.context.identity?.requestId : undefined;
}

/** Only a client's queries (reads) may be sent twice. */
function isQuery(options: ProcessOptions): boolean {
  return isIncoming(options) && fetchOperationType(options) === 'query';
}

/**
 * Where the missing data goes: each root field of a root fetch, or, for an entity fetch, the
 * entities' place in the response (the gateway prefixes the fetch's path, e.g. `classroom.students.@`).
 */
function missingFieldPaths(query: string | undefined): (string | number)[][] {
  let selections: readonly { kind: Kind; name?: { value: string }; alias?: { value: string } }[] = [];
  try {
    const operation = parse(query ?? '').definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind === Kind.OPERATION_DEFINITION) selections = operation.selectionSet.selections;
  } catch {
    // Unparseable: one error without a field path.
  }
  const keys = selections.flatMap((selection) => (selection.kind === Kind.FIELD && selection.name ? [(selection.alias ?? selection.name).value] : []));
  return keys.length === 0 || keys.includes('_entities') ? [[]] : keys.map((key) => [key]);
}
