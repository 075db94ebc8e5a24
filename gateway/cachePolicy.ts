/**
 * The HTTP cache policy of an operation, from the `@cacheControl` hints in the subgraphs' SDL.
 *
 * Rules (Apollo's cacheControl semantics, computed at the gateway so every transport and every
 * team's subgraph is treated alike): a field returning an object takes its own hint, else its
 * type's hint, else maxAge 0; a leaf field counts only when it has a hint of its own. The
 * operation's maxAge is the smallest that counts, and its scope is PRIVATE when any hint says
 * so. Mutations are never cached.
 */
import {
  getNamedType, isCompositeType, Kind, parse, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { EXTERNAL_SUBGRAPH_NAMES, readSdl, SUBGRAPH_NAMES } from '../schema/subgraphs.js';

export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** Hints by `Type` and by `Type.field`, merged over subgraphs (the stricter hint wins). */
export type CacheHints = Map<string, CacheHint>;

export interface CachePolicy {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

/** The hints of every subgraph the supergraph composes (schema/<name>.graphql). */
export const composedCacheHints = (): CacheHints => cacheHintsFrom([...SUBGRAPH_NAMES, ...EXTERNAL_SUBGRAPH_NAMES].map(readSdl));

export function cacheHintsFrom(sdls: readonly string[]): CacheHints {
  const hints: CacheHints = new Map();
  const add = (key: string, hint: CacheHint | undefined) => {
    if (!hint) return;
    const known = hints.get(key);
    hints.set(key, known ? stricter(known, hint) : hint);
  };
  for (const sdl of sdls) {
    for (const definition of parse(sdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      add(definition.name.value, hintOf(definition.directives));
      for (const field of definition.fields ?? []) add(`${definition.name.value}.${field.name.value}`, hintOf(field.directives));
    }
  }
  return hints;
}

export function cachePolicyOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, hints: CacheHints): CachePolicy {
  if (operation.operation !== 'query') return { maxAge: 0, scope: 'PRIVATE' };
  let policy: CachePolicy = { maxAge: Number.POSITIVE_INFINITY, scope: 'PUBLIC' };
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  visit({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      const returned = typeInfo.getType();
      if (!parent || !returned || node.name.value.startsWith('__')) return;
      const own = hints.get(`${parent.name}.${node.name.value}`);
      const named = getNamedType(returned);
      if (isCompositeType(named)) {
        const typeHint = hints.get(named.name);
        policy = restrict(policy, { maxAge: own?.maxAge ?? typeHint?.maxAge ?? 0, scope: own?.scope ?? typeHint?.scope });
      } else if (own) {
        policy = restrict(policy, own);
      }
    },
  }));
  return Number.isFinite(policy.maxAge) ? policy : { ...policy, maxAge: 0 };
}

/** The Cache-Control header value for a policy. */
export function cacheControlHeader(policy: CachePolicy): string {
  return policy.maxAge > 0 ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store';
}

function restrict(policy: CachePolicy, hint: CacheHint): CachePolicy {
  return {
    maxAge: hint.maxAge === undefined ? policy.maxAge : Math.min(policy.maxAge, hint.maxAge),
    scope: hint.scope === 'PRIVATE' ? 'PRIVATE' : policy.scope,
  };
}

function stricter(a: CacheHint, b: CacheHint): CacheHint {
  const maxAge = a.maxAge === undefined ? b.maxAge : b.maxAge === undefined ? a.maxAge : Math.min(a.maxAge, b.maxAge);
  return { ...(maxAge === undefined ? {} : { maxAge }), ...(a.scope === 'PRIVATE' || b.scope === 'PRIVATE' ? { scope: 'PRIVATE' } : a.scope || b.scope ? { scope: 'PUBLIC' } : {}) };
}

function hintOf(directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[] }[] | undefined): CacheHint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive) return undefined;
  const hint: CacheHint = {};
  for (const argument of directive.arguments ?? []) {
    if (argument.name.value === 'maxAge' && argument.value.kind === Kind.INT) hint.maxAge = Number(argument.value.value);
    if (argument.name.value === 'scope' && argument.value.kind === Kind.STRING) hint.scope = argument.value.value === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC';
  }
  return hint;
}
