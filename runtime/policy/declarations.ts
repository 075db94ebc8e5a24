/**
 * What a subgraph's SDL declares about who may use each of its fields: the one reader of the
 * access directives, for the subgraph's engine (./enforce.ts), the access matrix
 * (schema/accessMatrix.ts) and the gateway's cache policy, which reads `@public` (gateway/cachePolicy.ts).
 *
 *   @public                                  anyone, signed in or not
 *   @authenticated                           any signed-in viewer
 *   @policy(policies: [["a", "b"], ["c"]])   the named rules of ./rules.ts: a and b, or c
 *   @about(person: "childId", classroom: "classroomId", orViewer: true)
 *                                            whose data the field is about, for its rules: an
 *                                            argument of the field (a dotted path into an input
 *                                            object), or, on a type, a field of the object
 *                                            resolved; `orViewer`: an argument left out is the viewer
 *   @guardedBy(field: "User.memory")         on a value type: the field that returns it, whose rule
 *                                            decides who reads it (its own fields only ask
 *                                            @authenticated or @public; the access matrix gives
 *                                            them that field's cells)
 *
 * A field takes one of @public, @authenticated and @policy, its own or its type's: on a type (any
 * definition or extension of it in the subgraph) each stands for every field of the type that
 * declares none itself; `@about` likewise. Each SDL defines the directives it uses (`@authenticated`
 * and `@policy` with Federation's names and arguments, not imported through `@link`: docs/SECURITY.md
 * says why).
 *
 * Threat model: a declaration the engine reads differently from its author is a leak, so anything
 * ambiguous (two access directives on one field, a malformed argument) throws, and the subgraph
 * refuses to build. A field that declares nothing is denied to everyone (./enforce.ts).
 */
import {
  isObjectType, Kind, type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type GraphQLSchema, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode,
} from 'graphql';

export type FieldAccess = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'policy'; policies: string[][] };

export interface About {
  /** Where the ids are read: the field's arguments, or the fields of the object resolved (`@about` on its type). */
  from: 'arguments' | 'object';
  person?: string;
  classroom?: string;
  /** The person argument left out (null) is the signed-in viewer. */
  orViewer: boolean;
}

export interface FieldDeclaration {
  access?: FieldAccess;
  about?: About;
  /** `Type.field` of the field whose rule decides who reads this one (its type's `@guardedBy`). */
  guardedBy?: string;
}

export type ObjectTypeNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

/** The object type definitions and extensions of an SDL document. */
export const objectTypesOf = (document: DocumentNode): ObjectTypeNode[] =>
  document.definitions.filter((definition): definition is ObjectTypeNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION);

/** The same, of a schema built from SDL (its types' AST nodes). */
export const objectTypesOfSchema = (schema: GraphQLSchema): ObjectTypeNode[] =>
  Object.values(schema.getTypeMap()).flatMap((type) => (isObjectType(type) ? [...(type.astNode ? [type.astNode] : []), ...type.extensionASTNodes] : []));

/** Every `Type.field` of `types` with what it declares (an empty declaration when nothing). */
export function declaredAccess(types: readonly ObjectTypeNode[]): Map<string, FieldDeclaration> {
  const ofType = new Map<string, { access?: FieldAccess; about?: About; guardedBy?: string }>();
  for (const type of types) {
    const name = type.name.value;
    const here = { access: accessOf(type.directives, name), about: aboutOf(type.directives, 'object', name), guardedBy: guardedByOf(type.directives, name) };
    const seen = ofType.get(name) ?? {};
    for (const key of ['access', 'about', 'guardedBy'] as const) {
      if (here[key] === undefined) continue;
      if (seen[key] !== undefined) throw new Error(`${name}: its access (@public, @authenticated, @policy, @about, @guardedBy) is declared on two of its definitions; declare it once`);
      (seen as Record<string, unknown>)[key] = here[key];
    }
    ofType.set(name, seen);
  }
  const declared = new Map<string, FieldDeclaration>();
  for (const type of types) {
    const inherited = ofType.get(type.name.value)!;
    for (const field of type.fields ?? []) {
      const path = `${type.name.value}.${field.name.value}`;
      const access = accessOf(field.directives, path) ?? inherited.access;
      const about = aboutOf(field.directives, 'arguments', path) ?? inherited.about;
      declared.set(path, { ...(access && { access }), ...(about && { about }), ...(inherited.guardedBy && { guardedBy: inherited.guardedBy }) });
    }
  }
  return declared;
}

/** Every `Type.field` of an SDL document that is `@public`, on itself or on its type. */
export function publicFieldsOf(document: DocumentNode): Set<string> {
  return new Set([...declaredAccess(objectTypesOf(document))].filter(([, { access }]) => access?.kind === 'public').map(([path]) => path));
}

const directive = (directives: readonly ConstDirectiveNode[] | undefined, name: string) => directives?.filter((d) => d.name.value === name) ?? [];
const argument = (node: ConstDirectiveNode, name: string) => node.arguments?.find((a) => a.name.value === name)?.value;

function accessOf(directives: readonly ConstDirectiveNode[] | undefined, where: string): FieldAccess | undefined {
  const found = [...directive(directives, 'public'), ...directive(directives, 'authenticated'), ...directive(directives, 'policy')];
  if (found.length > 1) throw new Error(`${where}: one of @public, @authenticated or @policy, not ${found.map((d) => `@${d.name.value}`).join(' and ')}`);
  const [only] = found;
  if (!only) return undefined;
  if (only.name.value === 'public') return { kind: 'public' };
  if (only.name.value === 'authenticated') return { kind: 'authenticated' };
  const policies = listOf(argument(only, 'policies'), (group) => listOf(group, (name) => stringOf(name)));
  if (!policies?.length || policies.some((group) => !group?.length || group.some((name) => name === undefined))) {
    throw new Error(`${where}: @policy takes policies: [["aRule", ...], ...], lists of rule names (runtime/policy/rules.ts)`);
  }
  return { kind: 'policy', policies: policies as string[][] };
}

function aboutOf(directives: readonly ConstDirectiveNode[] | undefined, from: About['from'], where: string): About | undefined {
  const [node] = directive(directives, 'about');
  if (!node) return undefined;
  const person = argument(node, 'person');
  const classroom = argument(node, 'classroom');
  const orViewer = argument(node, 'orViewer');
  const about: About = { from, person: stringOf(person), classroom: stringOf(classroom), orViewer: orViewer?.kind === Kind.BOOLEAN && orViewer.value };
  if ((person && !about.person) || (classroom && !about.classroom) || (!about.person && !about.classroom)) {
    throw new Error(`${where}: @about names a person and/or a classroom, each a string: an argument, or a field of the object on a type`);
  }
  return about;
}

function guardedByOf(directives: readonly ConstDirectiveNode[] | undefined, where: string): string | undefined {
  const [node] = directive(directives, 'guardedBy');
  if (!node) return undefined;
  const field = stringOf(argument(node, 'field'));
  if (!field || !/^\w+\.\w+$/.test(field)) throw new Error(`${where}: @guardedBy(field: "Type.field") names the field that returns ${where}`);
  return field;
}

function stringOf(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** A list argument, each item read by `item`; a single value counts as a list of one, as GraphQL coerces it. */
function listOf<T>(value: ConstValueNode | undefined, item: (value: ConstValueNode) => T): T[] | undefined {
  if (!value) return undefined;
  return value.kind === Kind.LIST ? value.values.map(item) : [item(value)];
}
