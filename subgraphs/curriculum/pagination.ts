/**
 * Cursor pagination of the lesson catalogue, in id order (stable: ids never change or get reused).
 * A cursor is opaque to clients: base64url of a versioned string holding the last lesson id seen,
 * so its format can change without breaking clients that only pass it back.
 */
import { and, eq, gt, type SQL } from 'drizzle-orm';
import type { Database } from '../../runtime/clients/mysql.js';
import { badUserInput } from '../../runtime/errors.js';
import { tryParseId } from '../../runtime/ids.js';
import type { PageInfo, QueryLessonsArgs } from './generated/resolvers.js';
import type { CurriculumTables, LessonRow } from './tables.js';

export interface LessonEdgeModel {
  cursor: string;
  node: LessonRow;
}

export interface LessonPage {
  edges: LessonEdgeModel[];
  pageInfo: PageInfo;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const CURSOR = /^lesson:v1:(\d+)$/;

function encodeCursor(lessonId: number): string {
  return Buffer.from(`lesson:v1:${lessonId}`, 'utf8').toString('base64url');
}

/** The lesson id inside a cursor this API issued, or BAD_USER_INPUT. */
function decodeCursor(cursor: string): number {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const lessonId = match?.[1] === undefined ? null : tryParseId(match[1]);
  if (lessonId === null || encodeCursor(lessonId) !== cursor) {
    throw badUserInput(`after must be a cursor from a previous page; got "${cursor}"`, { argument: 'after' });
  }
  return lessonId;
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${size}`, { argument: 'first' });
  }
  return size;
}

function gradeFilter(grade: number | null | undefined): number | undefined {
  if (grade == null) return undefined;
  if (!Number.isInteger(grade) || grade < 1 || grade > 12) throw badUserInput(`grade must be between 1 and 12; got ${grade}`, { argument: 'grade' });
  return grade;
}

/** One statement: reads one row past the page to learn whether another page follows. */
export async function selectLessonPage(db: Database, { lessons }: CurriculumTables, args: QueryLessonsArgs): Promise<LessonPage> {
  const size = pageSize(args.first);
  const grade = gradeFilter(args.grade);
  const conditions: SQL[] = [];
  if (args.subject) conditions.push(eq(lessons.subject, args.subject));
  if (grade !== undefined) conditions.push(eq(lessons.grade, grade));
  if (args.after != null) conditions.push(gt(lessons.id, decodeCursor(args.after)));
  const rows = await db.select().from(lessons).where(and(...conditions)).orderBy(lessons.id).limit(size + 1);
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
