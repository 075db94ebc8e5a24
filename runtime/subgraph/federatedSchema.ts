/**
 * A subgraph's executable schema, as `@apollo/subgraph`'s buildSubgraphSchema makes it, built from
 * the federated SDL that `npm run compose` wrote (schema/federated.ts): graphql-js builds it, and
 * the same resolvers are attached as there (`_service`, `_entities` through `@apollo/subgraph`'s own
 * entitiesResolver, `_Entity` by `__typename`, then the subgraph's). So a cold subgraph never loads
 * federation's schema builder; runtime/subgraph/federatedSchema.test.ts compares the two for every subgraph.
 */
import { buildASTSchema, parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { addResolversToSchema, entitiesResolver, type GraphQLResolverMap } from './apolloSubgraphInternals.js';

/** `sdl`: the subgraph's federated SDL (`readFederatedSdl` in schema/federated.ts). */
export function federatedSchema(sdl: string, resolvers: GraphQLResolverMap<unknown>): GraphQLSchema {
  // The file was built and validated by federation when it was written.
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const query = schema.getQueryType()!.name;
  addResolversToSchema(schema, { [query]: { _service: () => ({ sdl }) } });
  if (schema.getType('_Entity')) {
    addResolversToSchema(schema, {
      [query]: { _entities: (_source: unknown, { representations }: { representations: unknown[] }, context: unknown, info: GraphQLResolveInfo) => entitiesResolver({ representations, context, info }) },
      _Entity: { __resolveType: (parent: { __typename: string }) => parent.__typename },
    });
  }
  addResolversToSchema(schema, resolvers);
  return schema;
}
