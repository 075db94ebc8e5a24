/**
 * The access matrix of docs/SECURITY.md, executed: every field of the composed API (the supergraph
 * the gateway serves) is asked through the real gateway by each kind of viewer, and what comes back
 * is held against the cell schema/accessMatrix.ts computes from what the subgraphs' SDL declares.
 *
 * Threat model: the table is what reviewers audit, so it must be what the gateway does. A field
 * without a rule, a rule the subgraphs do not enforce as written, or a relationship the demo no
 * longer has fails here.
 *
 * How a cell is read: a field is asked about the subject S (student 3) in its classroom C (1), each
 * field under its own alias so a refusal cannot hide its siblings. Denied is FORBIDDEN (or
 * UNAUTHENTICATED) at the field's path or at the path of the field that returns it: a field of a
 * value type (its type's `@guardedBy`) is selected under that field, as the matrix gives it that
 * field's cell. Allowed is the field answered without such an error. Mutations that change who
 * is related to whom (placing, removing, erasing) act on a stand-in child per viewer, created here
 * and placed like S, whose standing with every viewer is asserted equal to S's first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { readSdl } from '../../schema/subgraphs.js';
import { registeredSubgraphs } from '../../schema/compose.js';
import { accessMatrix, FIXTURE_VIEWERS, SUBJECT, SUBJECT_FACTS, VIEWER_KINDS, type Cell, type MatrixRow, type ViewerKind } from '../../schema/accessMatrix.js';
import { loadPersonFacts } from '../../runtime/policy/personFacts.js';
import { loadRelationships, type Relationships } from '../../runtime/policy/readModel.js';
import type { Viewer } from '../../runtime/security/signedContext.js';
import { seedDemo } from '../../seed/demo.js';
import { as, useTestDatabase } from '../support/harness.js';
import { useGateway, type GraphResponse } from '../support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);

const schema = Supergraph.build(readSdl('supergraph')).apiSchema().toGraphQLJSSchema();
const rows = await accessMatrix(schema, registeredSubgraphs());
const rowOf = new Map<string, MatrixRow>(rows.map((row) => [row.field, row]));

const DAY_MS = 86_400_000;
/** Arguments besides the subject's (the matrix row's `args`): content that exists in the demo, answer history in range. */
const QUERY_ARGS: Record<string, Record<string, unknown>> = {
  'Query.learningOutcomes': { from: new Date(Date.now() - 60 * DAY_MS).toISOString(), to: new Date(Date.now() + DAY_MS).toISOString() },
  'Query.lessons': { first: 1 },
  'Query.lesson': { id: '1' },
  'Query.concept': { id: '1' },
  'Query.contentByte': { id: '1' },
  'Query.nextSession': { size: 1 },
};

/** Where a viewer finds the object whose fields are asked: S, C, or demo content by a path open to anonymous callers where there is one. */
const ENTRY_POINTS: Record<string, { root: string; through: string[] }> = {
  User: { root: `user(id: "${SUBJECT.student}")`, through: [] },
  Classroom: { root: `classroom(id: "${SUBJECT.classroom}")`, through: [] },
  Lesson: { root: 'lesson(id: "1")', through: [] },
  Concept: { root: 'lesson(id: "1")', through: ['concepts'] },
  ContentByte: { root: 'contentByte(id: "1")', through: [] },
};

interface MutationProbe {
  /** The arguments, about `child`: S, or for `standIn` probes this viewer's stand-in child. */
  args(child: string, kind: ViewerKind): Record<string, unknown>;
  /** The mutation changes who is related to the child: it acts on a stand-in, never on S. */
  standIn?: true;
  /** A viewer the rule lets through is refused by the resolver with this code: the input is harmless by design. */
  refusedWith?: string;
}

let joinCode = '';
const MUTATION_PROBES: Record<string, MutationProbe> = {
  // An event with a personal key is rejected, stored nowhere, and still answers every field of the result.
  'Mutation.recordEvents': { args: () => ({ events: [{ clientEventId: 'access-matrix-1', type: 'SESSION_ENDED', occurredAt: new Date().toISOString(), attributes: [{ key: 'email', value: 'x' }] }] }) },
  'Mutation.submitAnswer': { args: (_, kind) => ({ input: { contentByteId: '1', correct: true, responseTimeMs: 1_000, answeredAt: new Date().toISOString(), clientEventId: `access-matrix-${kind}` } }) },
  'Mutation.createChildProfile': { args: () => ({ input: { displayName: '', grade: 3 } }), refusedWith: 'BAD_USER_INPUT' },
  'Mutation.updateProfile': { args: (child) => ({ input: { userId: child, displayName: '\u202E' } }), refusedWith: 'BAD_USER_INPUT' },
  'Mutation.enrolStudent': { args: (child) => ({ classroomId: SUBJECT.classroom, studentId: child }), standIn: true },
  'Mutation.joinClassroom': { args: (child) => ({ code: joinCode, childId: child }), standIn: true },
  'Mutation.removeFromClassroom': { args: (child) => ({ classroomId: SUBJECT.classroom, studentId: child }), standIn: true },
  'Mutation.eraseChild': { args: (child) => ({ childId: child }), standIn: true },
};

/** One field asked and the response paths (aliases and field names, no list indexes) it answers for. */
interface Probe {
  field: string;
  operation: 'query' | 'mutation';
  /** The root field with `$alias_arg` variables, its selection inside. */
  text: string;
  variableDefinitions: string[];
  variables(child: string, kind: ViewerKind): Record<string, unknown>;
  refusedWith?: string;
  standIn?: true;
  /** Its root field is non-null: a refusal nulls the whole answer, so it goes alone. */
  alone: boolean;
  checks: { field: string; path: string[] }[];
}

const [typeOf, fieldOf] = [(path: string) => path.split('.')[0]!, (path: string) => path.split('.')[1]!];
const requiredArgs = (field: GraphQLField<unknown, unknown>) => field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

/**
 * The selection under `path` and the fields it checks: the fields of its type that take its cell
 * (their type is `@guardedBy` it), recursively; any other object gets `__typename` only.
 */
function ownedSelection(path: string, field: GraphQLField<unknown, unknown>, at: string[]): { selection: string; checks: Probe['checks'] } {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return { selection: '', checks: [] };
  const owned = Object.values(type.getFields()).filter((child) => rowOf.get(`${type.name}.${child.name}`)?.guardedBy === path);
  if (owned.length === 0) return { selection: '{ __typename }', checks: [] };
  const parts = owned.map((child) => {
    const childPath = `${type.name}.${child.name}`;
    if (requiredArgs(child).length) throw new Error(`${childPath}: the matrix spec cannot ask a value type's field with required arguments`);
    const inner = ownedSelection(childPath, child, [...at, child.name]);
    return { text: `${child.name} ${inner.selection}`, checks: [{ field: childPath, path: [...at, child.name] }, ...inner.checks] };
  });
  return { selection: `{ ${parts.map((p) => p.text).join(' ')} }`, checks: parts.flatMap((p) => p.checks) };
}

function rootField(type: GraphQLObjectType, name: string, alias: string, args: Record<string, unknown>) {
  const field = type.getFields()[name]!;
  const path = `${type.name}.${name}`;
  const missing = requiredArgs(field).filter((arg) => !(arg.name in args));
  if (missing.length) throw new Error(`${path}: give the matrix spec a value for ${missing.map((arg) => arg.name).join(', ')}`);
  const used = field.args.filter((arg) => arg.name in args);
  return {
    call: `${alias}: ${name}${used.length ? `(${used.map((arg) => `${arg.name}: $${alias}_${arg.name}`).join(', ')})` : ''}`,
    variableDefinitions: used.map((arg) => `$${alias}_${arg.name}: ${arg.type.toString()}`),
    rename: (values: Record<string, unknown>) => Object.fromEntries(used.map((arg) => [`${alias}_${arg.name}`, values[arg.name]])),
  };
}

/** A probe for every field that has a rule of its own; the fields of value types ride under the field that returns them. */
function probes(): Probe[] {
  const query = schema.getQueryType()!;
  const mutation = schema.getMutationType();
  return rows.filter((row) => !row.guardedBy).map((row): Probe => {
    const [type, name] = [typeOf(row.field), fieldOf(row.field)];
    const alias = row.field.replace('.', '_');
    if (type === 'Mutation') {
      const probe = MUTATION_PROBES[row.field];
      if (!probe) throw new Error(`${row.field}: give the matrix spec a harmless way to ask it (MUTATION_PROBES)`);
      const root = rootField(mutation!, name, alias, probe.args(SUBJECT.student, 'self'));
      const owned = ownedSelection(row.field, mutation!.getFields()[name]!, [alias]);
      return {
        field: row.field, operation: 'mutation', text: `${root.call} ${owned.selection}`, variableDefinitions: root.variableDefinitions,
        variables: (child, kind) => root.rename(probe.args(child, kind)), refusedWith: probe.refusedWith, standIn: probe.standIn, alone: true,
        checks: [{ field: row.field, path: [alias] }, ...owned.checks],
      };
    }
    if (type === 'Query') {
      const args = { ...row.args, ...QUERY_ARGS[row.field] };
      const root = rootField(query, name, alias, args);
      const owned = ownedSelection(row.field, query.getFields()[name]!, [alias]);
      return {
        field: row.field, operation: 'query', text: `${root.call} ${owned.selection}`, variableDefinitions: root.variableDefinitions,
        variables: () => root.rename(args), alone: isNonNullType(query.getFields()[name]!.type), checks: [{ field: row.field, path: [alias] }, ...owned.checks],
      };
    }
    const enter = ENTRY_POINTS[type];
    if (!enter) throw new Error(`${row.field}: give the matrix spec an entry point to a ${type} (ENTRY_POINTS)`);
    const field = (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
    if (requiredArgs(field).length) throw new Error(`${row.field}: the matrix spec cannot ask a field with required arguments`);
    const path = [alias, ...enter.through, name];
    const owned = ownedSelection(row.field, field, path);
    const nested = [...enter.through, `${name} ${owned.selection}`].reduceRight((inner, outer) => `${outer} { ${inner} }`);
    return {
      field: row.field, operation: 'query', text: `${alias}: ${enter.root} { ${nested} }`, variableDefinitions: [],
      variables: () => ({}), alone: false, checks: [{ field: row.field, path }, ...owned.checks],
    };
  });
}

const ALIASES_PER_OPERATION = 15; // gateway/limits.ts: maxAliases
function operations(batch: Probe[]): Probe[][] {
  const together = batch.filter((probe) => !probe.alone);
  const chunks = batch.filter((probe) => probe.alone).map((probe) => [probe]);
  for (let i = 0; i < together.length; i += ALIASES_PER_OPERATION) chunks.push(together.slice(i, i + ALIASES_PER_OPERATION));
  return chunks;
}

function document(kind: 'query' | 'mutation', batch: Probe[]): string {
  const definitions = batch.flatMap((probe) => probe.variableDefinitions);
  return `${kind} AccessMatrix${definitions.length ? `(${definitions.join(', ')})` : ''} { ${batch.map((probe) => probe.text).join(' ')} }`;
}

type Outcome = Cell | 'unreached' | `error ${string}`;

/** Every value at `path` in `data`, through lists. */
function valuesAt(data: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [data];
  if (Array.isArray(data)) return data.flatMap((item) => valuesAt(item, path));
  if (data === null || typeof data !== 'object' || !(path[0]! in data)) return [];
  return valuesAt((data as Record<string, unknown>)[path[0]!], path.slice(1));
}

/**
 * An error's path as field names. Apollo Gateway reports a refused entity fetch as
 * `[...objects, '@', '_entities']`: every object at `objects`, so the fields that subgraph was
 * asked for there (one field, under one alias) were refused at the objects' path.
 */
function responsePathOf(path: readonly unknown[]): string[] {
  const names = path.filter((step): step is string => typeof step === 'string');
  return names.at(-2) === '@' && names.at(-1) === '_entities' ? names.slice(0, -2) : names.filter((name) => name !== '@');
}

function outcome(response: GraphResponse, field: string, path: string[], refusedWith?: string): Outcome {
  const at = (response.body.errors ?? []).filter((error) => {
    const names = responsePathOf(error.path ?? []);
    return names.length > 0 && names.length <= path.length && names.every((name, i) => name === path[i]);
  });
  const codes = at.map((error) => String(error.extensions?.code));
  if (codes.includes('FORBIDDEN')) return 'FORBIDDEN';
  if (codes.includes('UNAUTHENTICATED')) return 'UNAUTHENTICATED';
  if (refusedWith && codes.length && codes.every((code) => code === refusedWith)) return 'yes';
  if (codes.length) return `error ${codes.join(', ')}`;
  const values = valuesAt(response.body.data, path);
  if (values.length === 0) {
    const refusal = response.body.errors?.find((error) => !error.path);
    return refusal ? `error ${response.status} ${String(refusal.extensions?.code)}: ${refusal.message}` : 'unreached';
  }
  // A field that is denied as null can be told from an allowed one only by its value.
  return rowOf.get(field)!.hides && values.every((value) => value === null) ? 'null' : 'yes';
}

const standing = (relationships: Relationships, person: string, classroom: string) => ({
  children: relationships.children.has(person),
  students: relationships.students.has(person),
  teachers: relationships.teachers.has(person),
  taught: relationships.taught.has(classroom),
  attended: relationships.attended.has(classroom),
  childrensClassrooms: relationships.childrensClassrooms.has(classroom),
});

const SIGNED_IN = VIEWER_KINDS.filter((kind): kind is Exclude<ViewerKind, 'anonymous'> => kind !== 'anonymous');
/** The viewer of `kind` for the subject `child`: `self` is the child itself. */
function viewerFor(kind: ViewerKind, child: string): Viewer {
  if (kind === 'anonymous') return as.anonymous;
  if (kind === 'self') return as.student(child);
  return FIXTURE_VIEWERS[kind].viewer;
}

const ALL = probes();
const STAND_INS = ALL.filter((probe) => probe.standIn);
/** Per stand-in probe and viewer kind, the child it acts on. */
const standIns = new Map<string, string>();
const standInOf = (probe: Probe, kind: ViewerKind) => standIns.get(`${probe.field}:${kind}`) ?? SUBJECT.student;

beforeAll(async () => {
  const teacher = viewerFor('teacherWithConsent', SUBJECT.student);
  const guardian = viewerFor('guardian', SUBJECT.student);
  const code = await graph.query(`{ classroom(id: "${SUBJECT.classroom}") { joinCode } }`, { as: teacher });
  joinCode = code.body.data?.classroom?.joinCode;
  if (!joinCode) throw new Error(`No join code for classroom ${SUBJECT.classroom}: ${JSON.stringify(code.body)}`);
  const wanted = STAND_INS.flatMap((probe) => VIEWER_KINDS.map((kind) => `${probe.field}:${kind}`));
  for (let i = 0; i < wanted.length; i += ALIASES_PER_OPERATION - 1) {
    const keys = wanted.slice(i, i + ALIASES_PER_OPERATION - 1);
    const created = await graph.query(`mutation { ${keys.map((_, j) => `c${j}: createChildProfile(input: { displayName: "Stand-in ${i + j}", grade: 3 }) { id }`).join(' ')} }`, { as: guardian });
    if (created.body.errors) throw new Error(`Creating stand-in children failed: ${JSON.stringify(created.body.errors)}`);
    const ids = keys.map((_, j) => String(created.body.data![`c${j}`].id));
    const placed = await graph.query(`mutation { ${ids.map((id, j) => `p${j}: joinClassroom(code: "${joinCode}", childId: "${id}") { id }`).join(' ')} }`, { as: guardian });
    if (placed.body.errors) throw new Error(`Placing stand-in children failed: ${JSON.stringify(placed.body.errors)}`);
    keys.forEach((key, j) => standIns.set(key, ids[j]!));
  }
});

describe('the access matrix', () => {
  it('has a rule for every field of the composed API and asks each of them', () => {
    const checked = ALL.flatMap((probe) => probe.checks.map((check) => check.field)).sort();
    expect(checked).toEqual(rows.map((row) => row.field).sort());
  });

  it('finds S, and S and C related to each demo viewer, as the matrix assumes', async () => {
    const { app, db, cache } = apps.runtime().deps;
    for (const kind of SIGNED_IN) {
      const fixture = FIXTURE_VIEWERS[kind];
      const real = await loadRelationships(app, db, cache, fixture.viewer.userId);
      expect(standing(real, SUBJECT.student, SUBJECT.classroom), kind).toEqual(standing(fixture.relationships, SUBJECT.student, SUBJECT.classroom));
    }
    expect(await loadPersonFacts(app, db, SUBJECT.student)).toEqual(SUBJECT_FACTS);
  });

  it('gives every stand-in child the standing of S with each viewer', async () => {
    const { app, db, cache } = apps.runtime().deps;
    for (const probe of STAND_INS) {
      for (const kind of SIGNED_IN) {
        const child = standInOf(probe, kind);
        const viewer = viewerFor(kind, child);
        const real = await loadRelationships(app, db, cache, viewer.kind === 'user' ? viewer.userId : '');
        expect(standing(real, child, SUBJECT.classroom), `${probe.field}, ${kind}`).toEqual(standing(FIXTURE_VIEWERS[kind].relationships, SUBJECT.student, SUBJECT.classroom));
      }
    }
  });

  it.each(VIEWER_KINDS.map((kind) => ({ kind })))('answers $kind as docs/SECURITY.md says, field by field', async ({ kind }) => {
    const actual: Record<string, Outcome> = {};
    const record = (probe: Probe, response: GraphResponse) => {
      for (const check of probe.checks) actual[check.field] = outcome(response, check.field, check.path, probe.refusedWith);
    };
    const queries = operations(ALL.filter((probe) => probe.operation === 'query'));
    await Promise.all(queries.map(async (batch) => {
      const response = await graph.query(document('query', batch), { variables: Object.assign({}, ...batch.map((probe) => probe.variables(SUBJECT.student, kind))), as: viewerFor(kind, SUBJECT.student) });
      for (const probe of batch) record(probe, response);
    }));
    // One mutation a request, in schema order: each stand-in child is acted on by one probe only.
    for (const probe of ALL.filter((candidate) => candidate.operation === 'mutation')) {
      const child = standInOf(probe, kind);
      record(probe, await graph.query(document('mutation', [probe]), { variables: probe.variables(child, kind), as: viewerFor(kind, child) }));
    }

    const expected = Object.fromEntries(rows.map((row) => [row.field, row.cells[kind]]));
    expect(actual).toEqual(expected);
  });
});
