/**
 * The access matrix: every field of the composed API against each kind of viewer, computed from
 * ./fieldRules.ts over fixture viewers whose relationships are those of the demo data
 * (seed/demoIds.ts). `npm run security:matrix` writes it into docs/SECURITY.md and
 * test/security/accessMatrix.test.ts asserts every cell through the gateway.
 *
 * Each cell answers: this viewer asks the field about the subject (the student S, in its
 * classroom C). A field of a value type (ConceptMemory, Activity, ...) takes the cell of the
 * field that returns it, which is where its rule decided.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { Role } from '../security/signedContext.js';
import { fieldRule, type FieldRule } from './fieldRules.js';
import type { Relationships } from './readModel.js';

export type Cell = 'yes' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'null';

export const VIEWER_KINDS = ['self', 'guardian', 'teacherWithConsent', 'teacherWithout', 'anotherStudent', 'admin', 'anonymous'] as const;
export type ViewerKind = (typeof VIEWER_KINDS)[number];

/** The demo's ids: the subject student S = 3 in classroom C = 1 (teacher 5), its parent 2, classmate 7, teacher 6 of classroom 2, admin 1. */
export const SUBJECT = { student: '3', classroom: '1' } as const;

interface FixtureViewer { userId: string; role: Role; relationships: Relationships }
const none = () => new Set<string>();
const related = (partial: Partial<Record<keyof Relationships, string[]>>): Relationships => ({
  children: new Set(partial.children), students: new Set(partial.students), teachers: new Set(partial.teachers),
  taught: new Set(partial.taught), attended: new Set(partial.attended), childrensClassrooms: new Set(partial.childrensClassrooms),
});

export const FIXTURE_VIEWERS: Record<Exclude<ViewerKind, 'anonymous'>, FixtureViewer> = {
  self: { userId: '3', role: 'STUDENT', relationships: related({ teachers: ['5'], attended: ['1'] }) },
  guardian: { userId: '2', role: 'PARENT', relationships: related({ children: ['3', '4'], teachers: ['5'], childrensClassrooms: ['1'] }) },
  teacherWithConsent: { userId: '5', role: 'TEACHER', relationships: related({ students: ['3', '4', '7'], taught: ['1'] }) },
  teacherWithout: { userId: '6', role: 'TEACHER', relationships: related({ students: ['35'], taught: ['2'] }) },
  anotherStudent: { userId: '7', role: 'STUDENT', relationships: related({ teachers: ['5'], attended: ['1'] }) },
  admin: { userId: '1', role: 'ADMIN', relationships: { children: none(), students: none(), teachers: none(), taught: none(), attended: none(), childrensClassrooms: none() } },
};

/** The arguments a root field is asked with in the matrix: about S and C wherever it takes a person or a classroom. */
export const MATRIX_ARGS: Record<string, Record<string, unknown>> = {
  'Query.user': { id: SUBJECT.student },
  'Query.classroom': { id: SUBJECT.classroom },
  'Query.learningOutcomes': { classroomId: SUBJECT.classroom },
  'Mutation.updateProfile': { input: { userId: SUBJECT.student } },
  'Mutation.enrolStudent': { classroomId: SUBJECT.classroom, studentId: SUBJECT.student },
  'Mutation.joinClassroom': { childId: SUBJECT.student },
  'Mutation.removeFromClassroom': { classroomId: SUBJECT.classroom, studentId: SUBJECT.student },
  'Query.childDataExport': { childId: SUBJECT.student },
  'Mutation.eraseChild': { childId: SUBJECT.student },
};

/** Every `Type.field` of the composed API's object types, in schema order. */
export function apiFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
}

async function decide(path: string, entry: FieldRule, kind: ViewerKind): Promise<Cell> {
  if (entry.parent) {
    const parent = fieldRule(entry.parent);
    if (!parent) throw new Error(`${path}: its parent ${entry.parent} has no rule`);
    const inherited = await decide(entry.parent, parent, kind);
    if (inherited !== 'yes') return inherited;
  }
  if (kind === 'anonymous') return entry.rule.public ? 'yes' : 'UNAUTHENTICATED';
  const viewer = FIXTURE_VIEWERS[kind];
  const [type] = path.split('.');
  const source = type === 'User' ? { id: SUBJECT.student } : type === 'Classroom' ? { id: SUBJECT.classroom } : {};
  const subject = entry.about?.(source, MATRIX_ARGS[path] ?? {}, viewer) ?? {};
  const granted = await entry.rule.test({ viewer, subject, relationships: async () => viewer.relationships });
  return granted ? 'yes' : entry.deniedAs === 'null' ? 'null' : 'FORBIDDEN';
}

export interface MatrixRow { field: string; rule: string; cells: Record<ViewerKind, Cell> }

/** The matrix of the schema's fields; throws naming every field without a rule. */
export async function accessMatrix(schema: GraphQLSchema): Promise<MatrixRow[]> {
  const fields = apiFields(schema);
  const missing = fields.filter((field) => !fieldRule(field));
  if (missing.length) throw new Error(`No rule in runtime/policy/fieldRules.ts for ${missing.join(', ')}`);
  const rows: MatrixRow[] = [];
  for (const field of fields) {
    const entry = fieldRule(field)!;
    const cells = {} as Record<ViewerKind, Cell>;
    for (const kind of VIEWER_KINDS) cells[kind] = await decide(field, entry, kind);
    rows.push({ field, rule: entry.parent ? `as ${entry.parent}` : entry.rule.name, cells });
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
