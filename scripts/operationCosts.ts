/**
 * Prints the estimated cost (gateway/demandControl.ts) of each of the apps' operations
 * (operations/manifest.json) and of the explorer's introspection query against the gateway's
 * budget, as a Markdown table (docs/SECURITY.md, "Demand control"). Slicing arguments the
 * operation leaves to variables count at their defaults (`dueReviews(limit: 3)` is a literal;
 * `nextSession(size: $size)` with no default counts `size`'s schema default).
 *
 *   npx tsx scripts/operationCosts.ts [--supergraph schema/supergraph.graphql]
 */
import { readFileSync } from 'node:fs';
import { getIntrospectionQuery, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { apiSchemaOf } from '../schema/compose.js';
import { readSdl } from '../schema/subgraphs.js';
import { loadManifest } from '../gateway/manifest.js';
import { CostCalculator, costDirectivesOf } from '../gateway/demandControl.js';
import { COST_BUDGET } from '../gateway/limits.js';

const at = process.argv.indexOf('--supergraph');
const supergraphSdl = at > 0 ? readFileSync(process.argv[at + 1]!, 'utf8') : readSdl('supergraph');
const calculator = new CostCalculator(apiSchemaOf(supergraphSdl), costDirectivesOf(supergraphSdl));

const rows = [
  ...loadManifest().operations.map(({ name, body }) => ({ name, body })),
  { name: 'explorer introspection (GraphiQL, admins)', body: getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }) },
].map(({ name, body }) => {
  const document = parse(body);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const { cost } = calculator.estimate(document, operation);
  return { name, cost };
});

console.log(`| operation | estimated cost | share of the budget (${COST_BUDGET.toLocaleString('en')}) |`);
console.log('| --- | ---: | ---: |');
for (const { name, cost } of rows.sort((a, b) => b.cost - a.cost)) {
  console.log(`| ${name} | ${cost.toLocaleString('en')} | ${((cost / COST_BUDGET) * 100).toFixed(1)} % |`);
}
