/**
 * Runs every field's rule (./fieldRules.ts) before its resolver, in every subgraph and on every
 * path (entity resolution through `_entities` included), so resolvers decide nothing.
 *
 * Threat model: a resolver that forgets a check, or a field added without a rule, must fail
 * closed. A field without a rule is denied to everyone (and fails test/security/accessMatrix.test.ts,
 * which walks the composed API); an anonymous
 * caller reaches a field only when its rule is `everyone` and the subgraph's SDL marks it
 * `@public` (what the gateway's cache policy reads); an SDL that marks public a field whose rule
 * is not refuses to build too. A denial is the same for every reason (FORBIDDEN naming only the
 * field), so it tells nothing about whether an id exists. Every root mutation field first refuses
 * an erased viewer's still-valid token (./suppression.ts), before its rule and its resolver, so
 * no mutation, of ours or added later, writes anything for a person who was erased.
 */
import { defaultFieldResolver, isObjectType, type ConstDirectiveNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden, unauthenticated } from '../errors.js';
import type { BaseContext } from '../subgraph/contract.js';
import { fieldRule, type FieldRule } from './fieldRules.js';
import { signedIn } from './rules.js';

const isPublic = (node: { directives?: readonly ConstDirectiveNode[] } | null | undefined) =>
  node?.directives?.some((directive) => directive.name.value === 'public') ?? false;

/** The one refusal of a field: the same whether the subject is hidden, someone else's or does not exist. */
export function denied(path: string) {
  return forbidden(`You may not use ${path} here`);
}

export function enforceFieldRules(schema: GraphQLSchema, subgraph: string): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typePublic = isPublic(type.astNode) || type.extensionASTNodes.some(isPublic);
    for (const field of Object.values(type.getFields())) {
      const path = `${type.name}.${field.name}`;
      const entry: FieldRule = fieldRule(path) ?? { rule: { name: 'none', grants: 'nobody', test: () => false } };
      const markedPublic = typePublic || isPublic(field.astNode);
      if (markedPublic && !entry.rule.public) throw new Error(`Subgraph ${subgraph}: ${path} is @public in its SDL but its rule (${entry.rule.name}) is not everyone`);
      const anonymousAllowed = markedPublic && entry.rule.public === true;
      // Rules that grant every signed-in viewer need no subject: no promise per scalar field.
      const openToSignedIn = entry.rule.public === true || entry.rule === signedIn;
      const resolve = field.resolve ?? defaultFieldResolver;
      const ruled: GraphQLFieldResolver<any, BaseContext> = (source, args, context, info) => {
        const { access } = context;
        if (access.viewer.kind !== 'user') {
          if (!anonymousAllowed) throw unauthenticated();
          return resolve(source, args, context, info);
        }
        if (openToSignedIn) return resolve(source, args, context, info);
        const subject = entry.about?.(source, args, access.viewer) ?? {};
        return access.allows(entry.rule, subject).then((granted) => {
          if (granted) return resolve(source, args, context, info);
          if (entry.deniedAs === 'null') return null;
          throw denied(path);
        });
      };
      field.resolve = type !== schema.getMutationType()
        ? ruled
        : entry.checksErasure
          ? (source, args, context: BaseContext, info) => Promise.resolve(ruled(source, args, context, info)).then((value: unknown) => {
            if (context.access.viewer.kind === 'user' && !context.access.erasureWasChecked()) throw new Error(`${path} declares checksErasure but did not check`);
            return value;
          })
          : (source, args, context: BaseContext, info) => context.access.assertNotErased().then(() => ruled(source, args, context, info));
    }
  }
  return schema;
}
