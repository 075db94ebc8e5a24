/**
 * The HTTP cache policy of an operation, from the subgraphs' SDL.
 *
 * Threat model: a shared cache (CDN, proxy) keeps a `public` answer and serves it to anyone who
 * sends the same request, signed in or not; a browser's or an app's URL cache keeps a `private` one
 * and serves it to whoever uses the device next, whatever token they send (families and classrooms
 * share tablets). So scope is never a hint: an answer is PUBLIC only when every field it selects is
 * `@public`, i.e. readable by an anonymous caller (runtime/policy/declarations.ts), and PRIVATE otherwise.
 * A field declared by several subgraphs counts as public only when each of them marks it so, since
 * any of them may be the one that resolves it. A PRIVATE answer depends on the viewer, so no cache
 * may keep it: its header is `no-store` whatever its maxAge (docs/SECURITY.md, "Shared devices").
 *
 * maxAge follows Apollo's cacheControl rules, computed at the gateway so every transport and every
 * team's subgraph is treated alike: a field returning an object takes its own `@cacheControl`
 * maxAge, else its type's, else 0; a leaf field counts only when it has a hint of its own; the
 * operation's maxAge is the smallest that counts. Mutations are never cached.
 */
import {
  BREAK, getNamedType, isCompositeType, Kind, parse, TypeInfo, visit, visitWithTypeInfo,
  type ConstDirectiveNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { objectTypesOf, publicFieldsOf } from '../runtime/policy/declarations.js';
import { EXTERNAL_SUBGRAPH_NAMES, readSdl, SUBGRAPH_NAMES } from '../schema/subgraphs.js';

/** What the subgraphs' SDL says about caching, merged over subgraphs (the stricter one wins). */
export interface CacheHints {
  /** `@cacheControl(maxAge:)` by `Type` and by `Type.field`: the smallest over subgraphs. */
  maxAge: ReadonlyMap<string, number>;
  /** Every `Type.field` that each subgraph declaring it marks `@public`, on the field or on its type. */
  publicFields: ReadonlySet<string>;
  /** By subgraph: every `Type.field` it marks `@public`, i.e. that it answers the same to anyone. */
  publicFieldsBySubgraph: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface CachePolicy {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

/** The hints of every subgraph the supergraph composes (schema/<name>.graphql). */
export const composedCacheHints = (): CacheHints => {
  const names = [...SUBGRAPH_NAMES, ...EXTERNAL_SUBGRAPH_NAMES];
  return cacheHintsFrom(names.map(readSdl), names);
};

/** The hints of `sdls`, named by `names` (same order) for `publicFieldsBySubgraph`. */
export function cacheHintsFrom(sdls: readonly string[], names: readonly string[] = []): CacheHints {
  const maxAge = new Map<string, number>();
  const publicIn = new Map<string, boolean>();
  const publicFieldsBySubgraph = new Map<string, Set<string>>();
  const addMaxAge = (key: string, seconds: number | undefined) => {
    if (seconds !== undefined) maxAge.set(key, Math.min(seconds, maxAge.get(key) ?? seconds));
  };
  for (const [i, sdl] of sdls.entries()) {
    const document = parse(sdl);
    // As the subgraph's own engine reads it (runtime/policy/declarations.ts).
    const publicHere = publicFieldsOf(document);
    if (names[i] !== undefined) publicFieldsBySubgraph.set(names[i], publicHere);
    for (const type of objectTypesOf(document)) {
      addMaxAge(type.name.value, maxAgeOf(type.directives));
      for (const field of type.fields ?? []) {
        const key = `${type.name.value}.${field.name.value}`;
        addMaxAge(key, maxAgeOf(field.directives));
        publicIn.set(key, (publicIn.get(key) ?? true) && publicHere.has(key));
      }
    }
  }
  return { maxAge, publicFields: new Set([...publicIn].filter(([, isPublicEverywhere]) => isPublicEverywhere).map(([key]) => key)), publicFieldsBySubgraph };
}

export function cachePolicyOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, hints: CacheHints): CachePolicy {
  if (operation.operation !== 'query') return { maxAge: 0, scope: 'PRIVATE' };
  let maxAge = Number.POSITIVE_INFINITY;
  let everyFieldPublic = true;
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  visit({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }, visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (node.name.value === '__typename') return;
      const parent = typeInfo.getParentType();
      const returned = typeInfo.getType();
      if (!parent || !returned) return void (everyFieldPublic = false); // not in the schema: validation refuses it anyway
      const key = `${parent.name}.${node.name.value}`;
      everyFieldPublic &&= hints.publicFields.has(key);
      const named = getNamedType(returned);
      const own = hints.maxAge.get(key);
      if (isCompositeType(named)) maxAge = Math.min(maxAge, own ?? hints.maxAge.get(named.name) ?? 0);
      else if (own !== undefined) maxAge = Math.min(maxAge, own);
    },
  }));
  return { maxAge: Number.isFinite(maxAge) ? maxAge : 0, scope: everyFieldPublic ? 'PUBLIC' : 'PRIVATE' };
}

/**
 * True when a subgraph fetch (an operation the gateway sends to one subgraph) selects nothing but
 * fields that subgraph marks `@public` (`publicFields`): the root fields of a query, or the fields
 * of `_entities`' type conditions. A field the API schema does not know counts as private.
 */
export function selectsOnlyPublicFields(schema: GraphQLSchema, document: DocumentNode, publicFields: ReadonlySet<string>): boolean {
  let everyFieldPublic = true;
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const name = node.name.value;
      const parent = typeInfo.getParentType();
      if (name === '__typename' || (name === '_entities' && parent === schema.getQueryType())) return undefined;
      if (parent && publicFields.has(`${parent.name}.${name}`)) return undefined;
      everyFieldPublic = false;
      return BREAK;
    },
  }));
  return everyFieldPublic;
}

/** An operation's cache policy, looked up by what it depends on alone. */
export type CachePolicyLookup = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => CachePolicy;

/** `cachePolicyOf`, remembered per parsed document and operation name (Apollo Server reuses one parsed document per query text). */
export function rememberedCachePolicy(hints: CacheHints): CachePolicyLookup {
  const byDocument = new WeakMap<DocumentNode, Map<string, CachePolicy>>();
  return (schema, document, operation) => {
    let byOperation = byDocument.get(document);
    if (!byOperation) byDocument.set(document, (byOperation = new Map()));
    const name = operation.name?.value ?? '';
    let policy = byOperation.get(name);
    if (!policy) byOperation.set(name, (policy = cachePolicyOf(schema, document, operation, hints)));
    return policy;
  };
}

/**
 * The Cache-Control header value for a policy: `max-age=N, public` for an answer that is the same
 * for everyone, `no-store` for any other. Not `private` (what Apollo Server's cache-control plugin
 * sends): a browser keeps a private answer under its URL alone and replays it to the next viewer
 * of the device; and not `Vary: Authorization` either, which not every app's URL cache honours and
 * which still leaves a child's answers stored on a shared device.
 */
export function cacheControlHeader(policy: CachePolicy): string {
  return policy.scope === 'PUBLIC' && policy.maxAge > 0 ? `max-age=${policy.maxAge}, public` : 'no-store';
}

function maxAgeOf(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
  const argument = directives?.find((directive) => directive.name.value === 'cacheControl')?.arguments?.find((a) => a.name.value === 'maxAge');
  return argument?.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
}
