/**
 * Stops a cancelled in-process request: once the caller's signal aborts (the gateway's deadline for
 * this subgraph passed), no further resolver of the request runs, so an abandoned request issues no
 * more SQL. A statement already sent finishes on its own (the pool's query timeout bounds it).
 */
import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import type { BaseContext } from './contract.js';

export function stopWhenAborted(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: BaseContext, info) => {
        context.signal?.throwIfAborted();
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
