/**
 * The access matrix: every field of the composed API against each kind of viewer, computed from
 * what the registered subgraphs' SDL declares (runtime/policy/declarations.ts) over fixture
 * viewers whose relationships are those of the demo data (seed/demoIds.ts). `npm run
 * security:matrix` writes it into docs/SECURITY.md and test/security/accessMatrix.test.ts asserts
 * every cell through the gateway.
 *
 * Each cell answers: this viewer asks the field about the subject (the student S, in its
 * classroom C), the arguments and the object resolved naming S and C where the field's `@about`
 * says. A field of a value type (`@guardedBy`) takes the cell of the field that returns it, which
 * is where its rule decided. A field that several subgraphs declare (an entity's key) takes, for
 * each viewer, the most any of them gives: what some path through the gateway answers.
 */
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { declaredAccess, objectTypesOf, type About, type FieldDeclaration } from '../runtime/policy/declarations.js';
import { ruleOf, subjectOf } from '../runtime/policy/enforce.js';
import type { PersonFacts } from '../runtime/policy/personFacts.js';
import type { Relationships } from '../runtime/policy/readModel.js';
import { everyone, type SignedInViewer } from '../runtime/policy/rules.js';

export type Cell = 'yes' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'null';

export const VIEWER_KINDS = ['self', 'guardian', 'teacherWithConsent', 'teacherWithout', 'anotherStudent', 'admin', 'anonymous'] as const;
export type ViewerKind = (typeof VIEWER_KINDS)[number];

/** The demo's ids: the subject student S = 3 in classroom C = 1 (teacher 5), its parent 2, classmate 7, teacher 6 of classroom 2, admin 1. */
export const SUBJECT = { student: '3', classroom: '1' } as const;
/** What the store says of S: a student, never erased. */
export const SUBJECT_FACTS: PersonFacts = { role: 'STUDENT', erasureRequestedBy: undefined };

interface FixtureViewer { viewer: SignedInViewer; relationships: Relationships }
const related = (partial: Partial<Record<keyof Relationships, string[]>>): Relationships => ({
  children: new Set(partial.children), students: new Set(partial.students), teachers: new Set(partial.teachers),
  taught: new Set(partial.taught), attended: new Set(partial.attended), childrensClassrooms: new Set(partial.childrensClassrooms),
});
const user = (userId: string, role: SignedInViewer['role']): SignedInViewer => ({ kind: 'user', userId, role });

export const FIXTURE_VIEWERS: Record<Exclude<ViewerKind, 'anonymous'>, FixtureViewer> = {
  self: { viewer: user('3', 'STUDENT'), relationships: related({ teachers: ['5'], attended: ['1'] }) },
  guardian: { viewer: user('2', 'PARENT'), relationships: related({ children: ['3', '4'], teachers: ['5'], childrensClassrooms: ['1'] }) },
  teacherWithConsent: { viewer: user('5', 'TEACHER'), relationships: related({ students: ['3', '4', '7'], taught: ['1'] }) },
  teacherWithout: { viewer: user('6', 'TEACHER'), relationships: related({ students: ['35'], taught: ['2'] }) },
  anotherStudent: { viewer: user('7', 'STUDENT'), relationships: related({ teachers: ['5'], attended: ['1'] }) },
  admin: { viewer: user('1', 'ADMIN'), relationships: related({}) },
};

export interface MatrixRow {
  field: string;
  /** The rule its SDL names, or `as <field>` for a value type's field. */
  rule: string;
  /** The field whose cells it takes (its type's `@guardedBy`). */
  guardedBy?: string;
  /** The arguments it is asked with: S and C where its `@about` names them. */
  args: Record<string, unknown>;
  /** Its rule hides it (null) from those it does not grant, rather than refusing them. */
  hides: boolean;
  cells: Record<ViewerKind, Cell>;
}

/** Every `Type.field` of the composed API's object types, in schema order. */
export function apiFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
}

/** `value` at the dotted `path` of a new object, for arguments such as `input.userId`. */
function placed(path: string, value: string): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** The object resolved and the arguments that make the field about S and C. */
function askedAbout(about: About | undefined): { source: Record<string, unknown>; args: Record<string, unknown> } {
  const ids = { ...(about?.person && placed(about.person, SUBJECT.student)), ...(about?.classroom && placed(about.classroom, SUBJECT.classroom)) };
  return about?.from === 'object' ? { source: ids, args: {} } : { source: {}, args: ids };
}

const RANK: Record<Cell, number> = { yes: 3, null: 2, FORBIDDEN: 1, UNAUTHENTICATED: 0 };

/**
 * The matrix of the API's fields, from the SDL of every subgraph composed into it; throws naming
 * every field some subgraph declares without a rule, and every field of the API none declares.
 */
export async function accessMatrix(schema: GraphQLSchema, subgraphs: readonly { name: string; sdl: string }[]): Promise<MatrixRow[]> {
  const byField = new Map<string, FieldDeclaration[]>();
  const undeclared: string[] = [];
  for (const { name, sdl } of subgraphs) {
    for (const [field, declaration] of declaredAccess(objectTypesOf(parse(sdl)))) {
      if (!declaration.access) undeclared.push(`${field} (${name})`);
      byField.set(field, [...(byField.get(field) ?? []), declaration]);
    }
  }
  const fields = apiFields(schema);
  undeclared.push(...fields.filter((field) => !byField.has(field)));
  if (undeclared.length) throw new Error(`No access declared (@public, @authenticated or @policy) in the SDL for ${undeclared.join(', ')}`);

  const cells = new Map<string, Promise<Record<ViewerKind, Cell>>>();
  const decide = (field: string): Promise<Record<ViewerKind, Cell>> => {
    let decided = cells.get(field);
    if (!decided) cells.set(field, (decided = decideAll(field)));
    return decided;
  };
  const decideAll = async (field: string): Promise<Record<ViewerKind, Cell>> => {
    const declarations = byField.get(field);
    if (!declarations) throw new Error(`${field} is named by @guardedBy but no subgraph declares it`);
    const each = await Promise.all(declarations.map((declaration) => decideOne(field, declaration)));
    return Object.fromEntries(VIEWER_KINDS.map((kind) => [kind, each.map((cellsOf) => cellsOf[kind]).reduce((best, cell) => (RANK[cell] > RANK[best] ? cell : best))])) as Record<ViewerKind, Cell>;
  };
  const decideOne = async (field: string, declaration: FieldDeclaration): Promise<Record<ViewerKind, Cell>> => {
    const guard = declaration.guardedBy ? await decide(declaration.guardedBy) : undefined;
    const rule = ruleOf(field, declaration);
    const { source, args } = askedAbout(declaration.about);
    const result = {} as Record<ViewerKind, Cell>;
    for (const kind of VIEWER_KINDS) {
      if (guard && guard[kind] !== 'yes') result[kind] = guard[kind];
      else if (kind === 'anonymous') result[kind] = rule === everyone ? 'yes' : 'UNAUTHENTICATED';
      else {
        const { viewer, relationships } = FIXTURE_VIEWERS[kind];
        const subject = subjectOf(declaration.about, source, args, viewer);
        const granted = await rule.test({ viewer, subject, relationships: async () => relationships, person: async () => SUBJECT_FACTS });
        result[kind] = granted ? 'yes' : rule.hides ? 'null' : 'FORBIDDEN';
      }
    }
    return result;
  };

  const rows: MatrixRow[] = [];
  for (const field of fields) {
    const declarations = byField.get(field)!;
    const merged = await decide(field);
    const guardedBy = declarations.find((declaration) => declaration.guardedBy)?.guardedBy;
    const ruled = await Promise.all(declarations.map(async (declaration) => ({ name: ruleOf(field, declaration).name, cells: await decideOne(field, declaration) })));
    // The rule of the declaration that gives every cell of the row, else each declaration's.
    const giving = ruled.find(({ cells: own }) => VIEWER_KINDS.every((kind) => own[kind] === merged[kind]));
    const rule = guardedBy ? `as ${guardedBy}` : giving?.name ?? [...new Set(ruled.map(({ name }) => name))].join(' / ');
    const about = declarations.find((declaration) => declaration.about?.from === 'arguments')?.about;
    rows.push({ field, rule, ...(guardedBy && { guardedBy }), args: askedAbout(about).args, hides: declarations.some((declaration) => ruleOf(field, declaration).hides), cells: merged });
  }
  return rows;
}

const SYMBOL: Record<Cell, string> = { yes: 'yes', FORBIDDEN: '-', UNAUTHENTICATED: 'sign in', null: 'null' };
const HEADINGS: Record<ViewerKind, string> = {
  self: 'self', guardian: 'guardian', teacherWithConsent: 'teacher, consent', teacherWithout: 'teacher, no consent',
  anotherStudent: 'another student', admin: 'admin', anonymous: 'anonymous',
};

export function matrixMarkdown(rows: MatrixRow[]): string {
  const header = `| field | rule | ${VIEWER_KINDS.map((kind) => HEADINGS[kind]).join(' | ')} |`;
  const rule = `| --- | --- | ${VIEWER_KINDS.map(() => '---').join(' | ')} |`;
  const lines = rows.map((row) => `| \`${row.field}\` | ${row.rule} | ${VIEWER_KINDS.map((kind) => SYMBOL[row.cells[kind]]).join(' | ')} |`);
  return [header, rule, ...lines].join('\n');
}
