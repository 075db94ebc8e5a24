/**
 * The gateway's engine: Apollo Gateway's executor over a static supergraph, with the plans of the
 * apps' operations read from the plan file instead of made at cold start.
 *
 * Apollo Gateway builds the supergraph, its API schema and its query planner when it loads (most of
 * a cold gateway's time). Here the API schema comes printed in the plan file and the supergraph is
 * read as plain GraphQL; the planner (gateway/planning/planner.ts) is imported and built only for an
 * operation the file does not hold, then its plans are kept. Execution is Apollo Gateway's own
 * `executeQueryPlan`, so a plan answers exactly as it does there (test/planning.test.ts).
 */
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import type { GraphQLDataSource } from '@apollo/gateway';
import { buildOperationContext, executeQueryPlan } from '../apolloGatewayInternals.js';
import { buildSchema as buildFederationSchema, type Schema } from '@apollo/federation-internals';
import type { QueryPlan } from '@apollo/query-planner';
import { buildASTSchema, Kind, type DocumentNode, type EnumTypeDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { LRUCache } from 'lru-cache';
import type { PlanFile } from './planFile.js';
import { parseSupergraph } from '../supergraph.js';
import type { Planner } from './planner.js';

export interface PlannedGatewayOptions {
  supergraphSdl: string;
  /** Plans made for this supergraph (planFile.ts checks that); absent: every operation is planned on first use. */
  plans?: PlanFile;
  /** The data source of each subgraph the supergraph names. */
  buildService(service: { name: string; url: string | undefined }): GraphQLDataSource;
}

/** Plans made at run time, by document hash and operation name (Apollo Gateway keeps about 30 MiB of them). */
const PLANNED_AT_RUN_TIME = 500;

export function createPlannedGateway({ supergraphSdl, plans, buildService }: PlannedGatewayOptions): GatewayInterface {
  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  let planner: Promise<Planner> | undefined;
  const loadPlanner = () => (planner ??= import('./planner.js').then(({ createPlanner }) => createPlanner(supergraphSdl)));
  const planned = new LRUCache<string, QueryPlan>({ max: PLANNED_AT_RUN_TIME });

  async function planFor(queryHash: string, operationName: string | undefined, document: DocumentNode, operation: OperationDefinitionNode): Promise<QueryPlan> {
    if (selectsOnlyTypename(operation)) return NOTHING_TO_FETCH;
    const shipped = plans?.plans[queryHash];
    if (shipped && (operationName === undefined || operationName === shipped.operationName)) return shipped.plan;
    const key = `${operationName ?? ''}:${queryHash}`;
    let plan = planned.get(key);
    if (!plan) planned.set(key, (plan = (await loadPlanner()).plan(document, operationName)));
    return plan;
  }

  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      const supergraph = parseSupergraph(supergraphSdl);
      const apiSchema: Schema = plans ? buildFederationSchema(plans.apiSchema) : (await loadPlanner()).apiSchema;
      const schema = apiSchema.toGraphQLJSSchema();
      // Read for types only (entity representations, rewrites): the supergraph was validated when composed.
      const supergraphSchema: GraphQLSchema = buildASTSchema(supergraph, { assumeValid: true, assumeValidSDL: true });
      const serviceMap = Object.fromEntries(subgraphsOf(supergraph).map((service) => [service.name, buildService(service)]));
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: supergraphSdl });

      const executor: GatewayExecutor = async (requestContext) => {
        const { request, document, queryHash } = requestContext;
        const operationContext = buildOperationContext({ schema, operationDocument: document, operationName: request.operationName });
        const { variableDefinitions } = operationContext.operation;
        const variableErrors = variableDefinitions ? getVariableValues(schema, variableDefinitions, request.variables ?? {}).errors : undefined;
        if (variableErrors?.length) return { errors: variableErrors };
        const plan = await planFor(queryHash, request.operationName, document, operationContext.operation);
        return executeQueryPlan(plan, serviceMap, requestContext, operationContext, supergraphSchema, apiSchema);
      };
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
}

/** The plan Apollo's planner makes for a query of `__typename` alone: nothing to fetch. */
const NOTHING_TO_FETCH: QueryPlan = { kind: 'QueryPlan', node: undefined };

/** `{ __typename }`, a health probe's query, plans to nothing; no need to load the planner for it. */
export function selectsOnlyTypename({ operation, selectionSet }: OperationDefinitionNode): boolean {
  return operation === 'query' && selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.directives?.length);
}

/** The subgraphs of a supergraph: the values of its `join__Graph` enum, with their names and URLs. */
function subgraphsOf(supergraph: DocumentNode): { name: string; url: string | undefined }[] {
  const graphs = supergraph.definitions.find((node): node is EnumTypeDefinitionNode => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === 'join__Graph');
  return (graphs?.values ?? []).flatMap((value) => {
    const args = value.directives?.find((directive) => directive.name.value === 'join__graph')?.arguments ?? [];
    const text = (name: string) => {
      const node = args.find((argument) => argument.name.value === name)?.value;
      return node?.kind === Kind.STRING ? node.value : undefined;
    };
    const name = text('name');
    return name ? [{ name, url: text('url') }] : [];
  });
}
