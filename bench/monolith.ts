/**
 * The benchmark's floor: the same four subgraphs' SDL and resolvers merged into ONE plain Apollo
 * Server schema (no federation, no query planning). Entity types keep their owner's definition;
 * the other subgraphs' fields on them become type extensions, and a reference ({ id }) returned
 * by one domain is resolved through the owner's `__resolveReference`, as the gateway would.
 */
import {
  buildASTSchema, defaultFieldResolver, isObjectType, isScalarType, Kind, parse, print,
  type DefinitionNode, type GraphQLFieldResolver, type GraphQLSchema, type ObjectTypeDefinitionNode,
} from 'graphql';
import type { SubgraphModule, BaseContext } from '../runtime/subgraph/contract.js';
import { DateTime } from '../runtime/subgraph/dateTime.js';
import { readSdl } from '../schema/subgraphs.js';

/** Which subgraph owns (fully defines) each entity type. */
const OWNERS: Record<string, string> = { User: 'users', Classroom: 'users', Lesson: 'curriculum', Concept: 'curriculum', ContentByte: 'curriculum' };
const ROOTS = new Set(['Query', 'Mutation']);

export interface MonolithContext {
  /** Each subgraph's own request context, built on first use. */
  contextOf(subgraph: string): BaseContext;
}

type Resolver = GraphQLFieldResolver<unknown, unknown>;
type ResolverMap = Record<string, Record<string, unknown>>;

export function monolithSchema(modules: readonly SubgraphModule<never>[]): GraphQLSchema {
  const definitions: DefinitionNode[] = [parse('directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT').definitions[0]!];
  const seen = new Set<string>();
  for (const module of modules) {
    for (const definition of parse(readSdl(module.name)).definitions) {
      if (definition.kind === Kind.SCHEMA_EXTENSION) continue;
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
        const name = definition.name.value;
        const foreign = OWNERS[name] !== undefined && OWNERS[name] !== module.name;
        // Another domain's fields on an entity (its key left out), or a later domain's root fields, extend the type.
        const fields = foreign ? (definition.fields ?? []).filter((field) => field.name.value !== 'id') : definition.fields;
        const extending = foreign || (ROOTS.has(name) && seen.has(name));
        seen.add(name);
        if (extending && !fields?.length) continue;
        definitions.push(extending ? ({ ...definition, fields, kind: Kind.OBJECT_TYPE_EXTENSION } as unknown as ObjectTypeDefinitionNode) : definition);
        continue;
      }
      const key = 'name' in definition && definition.name ? `${definition.kind}:${definition.name.value}` : print(definition);
      if (seen.has(key)) continue;
      seen.add(key);
      definitions.push(definition);
    }
  }
  // Extensions must follow their definition in one document for buildASTSchema.
  const ordered = [
    ...definitions.filter((d) => d.kind !== Kind.OBJECT_TYPE_EXTENSION),
    ...definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_EXTENSION),
  ];
  const schema = buildASTSchema({ kind: Kind.DOCUMENT, definitions: ordered }, { assumeValidSDL: true });
  attachResolvers(schema, modules);
  return schema;
}

function attachResolvers(schema: GraphQLSchema, modules: readonly SubgraphModule<never>[]): void {
  const dateTime = schema.getType('DateTime');
  if (isScalarType(dateTime)) Object.assign(dateTime, { serialize: DateTime.serialize, parseValue: DateTime.parseValue, parseLiteral: DateTime.parseLiteral });

  const references = new WeakMap<object, Promise<unknown>>();
  const owned = (type: string, parent: unknown, context: MonolithContext): Promise<unknown> | unknown => {
    const owner = modules.find((module) => module.name === OWNERS[type]);
    const resolveReference = (owner?.resolvers as ResolverMap | undefined)?.[type]?.__resolveReference as ((ref: unknown, ctx: BaseContext) => unknown) | undefined;
    if (!owner || !resolveReference || !isReference(parent)) return parent;
    let full = references.get(parent);
    if (!full) references.set(parent, (full = Promise.resolve(resolveReference(parent, context.contextOf(owner.name)))));
    return full;
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const module = modules.find((m) => typeof ((m.resolvers as ResolverMap)[type.name]?.[field.name]) === 'function');
      const own = module ? ((module.resolvers as ResolverMap)[type.name]![field.name] as Resolver) : defaultFieldResolver;
      const subgraph = module?.name ?? OWNERS[type.name];
      const foreign = OWNERS[type.name] && module && module.name !== OWNERS[type.name];
      field.resolve = async (parent, args, context: MonolithContext, info) => {
        if (foreign) return own({ id: String((parent as { id: unknown }).id) }, args, subgraph ? context.contextOf(subgraph) : context, info);
        const full = OWNERS[type.name] ? await owned(type.name, parent, context) : parent;
        if (full === null) return null;
        return own(full, args, subgraph ? context.contextOf(subgraph) : context, info);
      };
    }
  }
}

/** A bare entity reference: `{ id }` (and perhaps `__typename`), not a row. */
function isReference(value: unknown): value is { id: string } {
  if (!value || typeof value !== 'object') return false;
  const keys = Object.keys(value).filter((key) => key !== '__typename');
  return keys.length === 1 && keys[0] === 'id';
}
