/**
 * Demand control at the gateway: each operation's cost is estimated from the supergraph's
 * `@cost`/`@listSize` (gateway/demandControl.ts) once it is resolved, before the response cache
 * or any subgraph is asked, and one over the budget is refused with COST_LIMIT (HTTP 400). The
 * estimate and the cost counted on the answer go to the request's figures, which the operation
 * log writes (`costEstimated`, `costActual`).
 *
 * Threat model: without the safelist (admins, other teams' clients, development) anyone may send
 * any document; nested lists and aliases must not let one request ask the subgraphs for a hundred
 * thousand objects and time them out for everyone. Admins and introspection are counted alike.
 * The refusal does not echo the budget or the estimate (the log has both).
 */
import type { DocumentNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import { recordCost } from '../../runtime/observability/requestMetrics.js';
import { CostCalculator, CostEstimateError, costDirectivesOf, sizingKey, type CostOptions } from '../demandControl.js';

export interface DemandControlOptions extends CostOptions {
  /** Where `@cost` and `@listSize` are read from. */
  supergraphSdl: string;
  /** The most an operation may be estimated to cost. */
  budget: number;
}

/** An operation's estimates by `sizingKey`: which variables size its lists, and the estimate for each of their values seen. */
interface Estimates {
  sizingVariables: readonly string[];
  costs: Map<string, number>;
}

/** Estimates kept per operation, at most. */
const REMEMBERED_SIZES = 64;

export function demandControl<C extends BaseContext>({ supergraphSdl, budget, ...options }: DemandControlOptions): ApolloServerPlugin<C> {
  const directives = costDirectivesOf(supergraphSdl);
  let calculator: CostCalculator | undefined;
  // Apollo Server keeps one parsed document per query text: its estimates, by operation, then by the
  // values of the variables that size its lists (none: one estimate for every request).
  let remembered = new WeakMap<DocumentNode, Map<string, Estimates>>();
  return {
    async requestDidStart() {
      let estimated: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, operationName, request }) {
          if (!operation) return; // Apollo Server has refused the request already
          if (calculator?.schema !== schema) {
            calculator = new CostCalculator(schema, directives, options);
            remembered = new WeakMap();
          }
          const variables = request.variables ?? {};
          let byOperation = remembered.get(document);
          if (!byOperation) remembered.set(document, (byOperation = new Map()));
          const known = byOperation.get(operationName ?? '');
          estimated = known?.costs.get(sizingKey(known.sizingVariables, variables));
          if (estimated === undefined) {
            try {
              const estimate = calculator.estimate(document, operation, variables);
              estimated = estimate.cost;
              const estimates = known ?? { sizingVariables: estimate.sizingVariables, costs: new Map<string, number>() };
              // Bounded: a client sending every `first` from 1 to a million keeps a few estimates, not a million.
              if (estimates.costs.size >= REMEMBERED_SIZES) estimates.costs.clear();
              estimates.costs.set(sizingKey(estimates.sizingVariables, variables), estimated);
              if (!known) byOperation.set(operationName ?? '', estimates);
            } catch (error) {
              if (error instanceof CostEstimateError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message, { status: 400 });
              throw error;
            }
          }
          recordCost({ costEstimated: estimated });
          if (estimated > budget) {
            throw clientError(ErrorCode.COST_LIMIT, 'This operation would cost too much: ask for fewer items (a smaller first, limit or size), fewer nested lists or fewer aliases', { status: 400 });
          }
        },
        // Synchronous, so the figure is in before the operation log (a later plugin) reads it.
        async willSendResponse({ response, document, operation }) {
          if (estimated === undefined || estimated > budget || !calculator || !document || !operation || response.body.kind !== 'single') return;
          recordCost({ costActual: calculator.actual(document, operation, response.body.singleResult.data) });
        },
      };
    },
  };
}
