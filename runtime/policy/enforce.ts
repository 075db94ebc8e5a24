/**
 * Runs the rule each field's SDL declares (./declarations.ts) before its resolver, in every
 * subgraph and on every path (entity resolution through `_entities` included), so resolvers decide
 * nothing.
 *
 * Threat model: a resolver that forgets a check, or a field added without a declaration, must fail
 * closed. A field that declares no rule is denied to everyone (./enforce.test.ts), and fails the
 * access matrix's check (schema/accessMatrix.ts) too; an anonymous caller reaches a field only when
 * it is `@public`. A declaration the engine could read otherwise than meant (a rule not defined in
 * ./rules.ts, an `@about` naming no argument) refuses to build. A denial is the same for every
 * reason (FORBIDDEN naming only the field), so it tells nothing about whether an id exists. Every
 * root mutation field first refuses an erased viewer's still-valid token (./suppression.ts), before
 * its rule and its resolver, so no mutation, of ours or added later, writes anything for a person
 * who was erased.
 */
import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { badUserInput, forbidden, unauthenticated } from '../errors.js';
import { idProblem, tryParseId } from '../ids.js';
import type { BaseContext } from '../subgraph/contract.js';
import { declaredAccess, objectTypesOfSchema, type About, type FieldDeclaration } from './declarations.js';
import { allOf, anyOf, everyone, POLICIES, signedIn, type Rule, type SignedInViewer, type Subject } from './rules.js';

type Args = Record<string, unknown>;

interface FieldRule {
  rule: Rule;
  /** Whose data the field reads or changes, from the object resolved or the arguments (its `@about`). */
  subject(source: unknown, args: Args, viewer: SignedInViewer): Subject;
}

/** Federation's own fields, in no subgraph's SDL: the gateway calls them for a signed-in viewer. */
const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service', '_Service.sdl']);

const nobody: Rule = { name: 'none', test: () => false };
const noSubject = (): Subject => ({});

/** The one refusal of a field: the same whether the subject is hidden, someone else's or does not exist. */
export function denied(path: string) {
  return forbidden(`You may not use ${path} here`);
}

const checkingErasure = new WeakSet<object>();

/**
 * Marks a mutation's resolver that refuses an erased viewer itself, inside its transaction's first
 * locking read (a statement saved on a hot write): it must call `access.erasureChecked()`, or its
 * answer becomes an error, and test/erasedViewer.test.ts holds it to it. Any other mutation is
 * checked before it runs.
 */
export function checksErasure<Resolver extends object>(resolver: Resolver): Resolver {
  checkingErasure.add(resolver);
  return resolver;
}

/** The rule a declaration names; throws for a name ./rules.ts does not define. */
export function ruleOf(path: string, declaration: FieldDeclaration): Rule {
  const { access } = declaration;
  if (!access) return nobody;
  if (access.kind === 'public') return everyone;
  if (access.kind === 'authenticated') return signedIn;
  const named = (name: string) => {
    const rule = POLICIES.get(name);
    if (!rule) throw new Error(`${path}: @policy names "${name}", which runtime/policy/rules.ts does not define`);
    return rule;
  };
  const groups = access.policies.map((names) => (names.length === 1 ? named(names[0]!) : allOf(names.join(' and '), ...names.map(named))));
  if (groups.length === 1) return groups[0]!;
  const rule = anyOf(groups.map((group) => group.name).join(' or '), ...groups);
  return groups.every((group) => group.hides) ? { ...rule, hides: true } : rule;
}

/** What `about` says the field is about, given the object resolved and the arguments. */
export function subjectOf(about: About | undefined, source: unknown, args: Args, viewer?: SignedInViewer): Subject {
  if (!about) return {};
  const read = (path: string | undefined) => {
    if (path === undefined) return undefined;
    const value = path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Args)[key] : undefined), about.from === 'object' ? source : args);
    return value === undefined || value === null ? undefined : String(value);
  };
  // An argument naming the subject must be an id: bad input is the caller's to fix, not a refusal.
  const argument = (path: string | undefined) => {
    const value = read(path);
    if (value !== undefined && about.from !== 'object' && tryParseId(value) === null) throw badUserInput(idProblem(value, path), { argument: path });
    return value;
  };
  const person = argument(about.person) ?? (about.orViewer ? viewer?.userId : undefined);
  const classroom = argument(about.classroom);
  return { ...(person !== undefined && { person }), ...(classroom !== undefined && { classroom }) };
}

/** Throws when `about` names an argument the field does not take, or a field its type does not have. */
function assertAboutNamesWhatExists(path: string, about: About | undefined, field: GraphQLField<unknown, unknown>, typeFields: readonly string[]): void {
  for (const named of [about?.person, about?.classroom]) {
    if (named === undefined) continue;
    const [first] = named.split('.');
    const exists = about!.from === 'object' ? typeFields.includes(named) : field.args.some((arg) => arg.name === first);
    if (!exists) throw new Error(`${path}: @about names "${named}", which is not ${about!.from === 'object' ? 'a field of its type' : 'an argument of the field'}`);
  }
}

/** Every field's rule as the schema's SDL declares it; throws, naming the subgraph, for a declaration the engine cannot evaluate. */
function fieldRulesOf(schema: GraphQLSchema, subgraph: string): Map<string, FieldRule> {
  try {
    const declarations = declaredAccess(objectTypesOfSchema(schema));
    const rules = new Map<string, FieldRule>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const path = `${type.name}.${field.name}`;
        const { about, ...declaration } = declarations.get(path) ?? {};
        assertAboutNamesWhatExists(path, about, field, Object.keys(type.getFields()));
        rules.set(path, FEDERATION_FIELDS.has(path)
          ? { rule: signedIn, subject: noSubject }
          : { rule: ruleOf(path, declaration), subject: about ? (source, args, viewer) => subjectOf(about, source, args, viewer) : noSubject });
      }
    }
    return rules;
  } catch (error) {
    throw new Error(`Subgraph ${subgraph}: ${(error as Error).message}`);
  }
}

export function enforceFieldRules(schema: GraphQLSchema, subgraph: string): GraphQLSchema {
  const rules = fieldRulesOf(schema, subgraph);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const path = `${type.name}.${field.name}`;
      const entry = rules.get(path)!;
      const { rule } = entry;
      // Rules that grant every signed-in viewer need no subject: no promise per scalar field.
      const openToSignedIn = rule === everyone || rule === signedIn;
      const resolve = field.resolve ?? defaultFieldResolver;
      const ruled: GraphQLFieldResolver<unknown, BaseContext> = (source, args, context, info) => {
        const { access } = context;
        if (access.viewer.kind !== 'user') {
          if (rule !== everyone) throw unauthenticated();
          return resolve(source, args, context, info);
        }
        if (openToSignedIn) return resolve(source, args, context, info);
        return access.allows(rule, entry.subject(source, args, access.viewer)).then((granted) => {
          if (granted) return resolve(source, args, context, info);
          if (rule.hides) return null;
          throw denied(path);
        });
      };
      field.resolve = type !== schema.getMutationType()
        ? ruled
        : checkingErasure.has(resolve)
          ? (source, args, context: BaseContext, info) => Promise.resolve(ruled(source, args, context, info)).then((value: unknown) => {
            if (context.access.viewer.kind === 'user' && !context.access.erasureWasChecked()) throw new Error(`${path} is marked checksErasure but did not check`);
            return value;
          })
          : (source, args, context: BaseContext, info) => context.access.assertNotErased().then(() => ruled(source, args, context, info));
    }
  }
  return schema;
}
