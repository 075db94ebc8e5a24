/**
 * The one door to what the subgraphs take from `@apollo/subgraph` beyond its public API (pinned to
 * 2.14 in package.json; the package's entry exports only `buildSubgraphSchema` and
 * `printSubgraphSchema`). Nothing else imports `@apollo/subgraph/dist/…`; an upgrade that moves one
 * of these fails test/apolloInternals.test.ts, naming the piece and this file.
 *
 * - `addResolversToSchema` and `entitiesResolver`: a subgraph's schema is built from the federated
 *   SDL `npm run compose` wrote, with the very resolvers `buildSubgraphSchema` attaches
 *   (./federatedSchema.ts), so a cold subgraph never loads federation's schema builder.
 * - `GraphQLResolverMap`: the shape of a subgraph's resolvers, as `buildSubgraphSchema` takes them.
 */
export { addResolversToSchema } from '@apollo/subgraph/dist/schema-helper/buildSchemaFromSDL.js';
export type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
export { entitiesResolver } from '@apollo/subgraph/dist/types.js';

/** What the spec checks an upgrade still provides: each private module and the exports taken from it. */
export const APOLLO_SUBGRAPH_INTERNALS = [
  { module: '@apollo/subgraph/dist/schema-helper/buildSchemaFromSDL.js', exports: ['addResolversToSchema'] },
  { module: '@apollo/subgraph/dist/types.js', exports: ['entitiesResolver'] },
] as const;
