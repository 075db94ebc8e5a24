/**
 * Apollo's query planner over one supergraph. Building it reads the whole supergraph and its query
 * graphs (hundreds of ms), so the runtime loads this module only for an operation the plan file
 * does not hold (an admin's query in the explorer); `npm run operations` uses it to write the file.
 */
import { Kind, parse, type DocumentNode } from 'graphql';
import { operationFromDocument, printSchema, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import { supergraphHash, type PlanFile } from './planFile.js';

export interface Planner {
  /** The API schema, as Apollo Gateway builds it from the supergraph. */
  apiSchema: Schema;
  plan(document: DocumentNode, operationName: string | undefined): QueryPlan;
}

export function createPlanner(supergraphSdl: string): Planner {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  return {
    apiSchema,
    // The planner's security limits (recursive and non-local selections) stay on.
    plan: (document, operationName) => planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName })),
  };
}

/** The plan file for `supergraphSdl` and the manifest's documents (gateway/planning/planFile.ts). */
export function buildPlanFile(supergraphSdl: string, documents: Record<string, string>): PlanFile {
  const { apiSchema, plan } = createPlanner(supergraphSdl);
  const plans: PlanFile['plans'] = {};
  for (const [hash, text] of Object.entries(documents).sort(([a], [b]) => a.localeCompare(b))) {
    const document = parse(text);
    const operationName = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)?.name?.value;
    plans[hash] = { operationName: operationName ?? null, plan: plan(document, operationName) };
  }
  return { supergraphSha256: supergraphHash(supergraphSdl), apiSchema: printSchema(apiSchema), plans };
}
