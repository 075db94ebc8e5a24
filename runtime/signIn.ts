/**
 * Deny by default: every field a subgraph serves needs a signed-in viewer, unless the subgraph's
 * SDL marks the field, or its type, `@public`.
 *
 * Threat model: a resolver that forgets its check must fail closed. This wrapper runs before
 * every resolver (entity resolution through `_entities` included), so the only way to serve
 * anonymous callers is the visible `@public` marker in schema/<subgraph>.graphql, which
 * docs/SECURITY.md lists. Who may see whose data is decided after this, in runtime/access.ts.
 */
import { defaultFieldResolver, isObjectType, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import type { BaseContext } from './subgraph.js';

const isPublic = (node: { directives?: readonly ConstDirectiveNode[] } | null | undefined) =>
  node?.directives?.some((directive) => directive.name.value === 'public') ?? false;

export function requireSignInUnlessPublic(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (isPublic(type.astNode) || type.extensionASTNodes.some(isPublic)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isPublic(field.astNode)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: BaseContext, info) => {
        context.access.requireUser();
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
