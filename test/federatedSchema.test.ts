import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '../runtime/subgraph/apolloSubgraphInternals.js';
import { graphql, isObjectType, print, printSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as subgraphs from '../subgraphs/index.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import { federatedSchema } from '../runtime/subgraph/federatedSchema.js';
import { federatedSdlIn, readFederatedSdl, StaleFederatedSdlError } from '../schema/federated.js';

/** Each type and field with the directives applied to it (cache hints, keys), which printSchema leaves out. */
function appliedDirectives(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap()).flatMap((type) => [
    `${type.name}: ${type.astNode ? print(type.astNode).split('\n')[0] : ''}`,
    ...(isObjectType(type) ? Object.values(type.getFields()).map((field) => `${type.name}.${field.name}: ${(field.astNode?.directives ?? []).map(print).join(' ')}`) : []),
  ]);
}

describe('a subgraph schema from its federated SDL', () => {
  for (const module of Object.values(subgraphs) as SubgraphModule<never>[]) {
    it(`is the schema buildSubgraphSchema makes for ${module.name}`, async () => {
      const resolvers = module.resolvers as GraphQLResolverMap<unknown>;
      const ours = federatedSchema(module.federatedSdl, resolvers);
      const apollos = buildSubgraphSchema({ typeDefs: module.typeDefs, resolvers });
      expect(printSchema(ours)).toBe(printSchema(apollos));
      expect(appliedDirectives(ours)).toEqual(appliedDirectives(apollos));
      const service = '{ _service { sdl } }';
      expect(await graphql({ schema: ours, source: service })).toEqual(await graphql({ schema: apollos, source: service }));
      // The same resolvers are attached: every field resolves with the function the subgraph gave.
      for (const [typeName, fields] of Object.entries(resolvers)) {
        const type = ours.getType(typeName);
        if (!isObjectType(type)) continue;
        for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
          if (typeof resolver === 'function' && !field.startsWith('__')) expect(type.getFields()[field]?.resolve).toBe(resolver);
        }
      }
    });
  }

  it('is refused when the file was made from another SDL', () => {
    const file = '# Made by `npm run compose` from schema/users.graphql, sha256 ' + '0'.repeat(64) + '.\ntype Query { a: Int }\n';
    expect(federatedSdlIn(file, 'type Query { b: Int }')).toBeUndefined();
    expect(() => readFederatedSdl('nonexistent')).toThrow(StaleFederatedSdlError);
  });
});
