/** A subgraph module's executable schema: built once, with the rules its SDL declares and abort checks applied. */
import type { GraphQLSchema } from 'graphql';
import type { GraphQLResolverMap } from './apolloSubgraphInternals.js';
import { enforceFieldRules } from '../policy/enforce.js';
import { stopWhenAborted } from './abortable.js';
import type { SubgraphModule } from './contract.js';
import { federatedSchema } from './federatedSchema.js';

const schemas = new WeakMap<SubgraphModule<never>, GraphQLSchema>();

export function subgraphSchema(module: SubgraphModule<never>): GraphQLSchema {
  let schema = schemas.get(module);
  if (!schema) {
    // The rules wrap the resolvers as written (runtime/policy/enforce.ts reads their marks), then the abort check wraps both.
    schema = stopWhenAborted(enforceFieldRules(federatedSchema(module.federatedSdl, module.resolvers as GraphQLResolverMap<unknown>), module.name));
    schemas.set(module, schema);
  }
  return schema;
}
