import { sql, type SQL } from 'drizzle-orm';
import { badUserInput } from '../../runtime/errors.js';
import type { EntityRef } from '../../runtime/subgraph/entityRef.js';
import type { MemoryContext } from './context.js';

const MAX_SESSION_SIZE = 50;

/**
 * A practice session for the signed-in student, as content bytes: concepts due for review first
 * (most overdue first), then concepts never practised, one content byte each. One statement,
 * whatever the size: a session is asked for at every practice, so it is one round trip.
 *
 * New concepts are those the student has never practised and that have content, in lesson order.
 * Users (and their grade) belong to another subgraph, so the student's grade is taken to be the
 * grade of the concept it practised last: that grade's concepts come first, then the rest, so a
 * session never runs dry. A student with no history starts at the first lesson of the catalogue.
 * The n-th answer to a concept gets its n-th content byte (rotating).
 */
export async function nextSession(ctx: MemoryContext, size: number, now = new Date()): Promise<EntityRef[]> {
  const userId = Number(ctx.access.requireUser().userId);
  if (!Number.isInteger(size) || size < 1 || size > MAX_SESSION_SIZE) {
    throw badUserInput(`size must be an integer from 1 to ${MAX_SESSION_SIZE}; got ${size}`, { argument: 'size' });
  }
  const [rows] = await ctx.deps.db.execute(sessionStatement(ctx, userId, size, now));
  return (rows as unknown as { id: number | string }[]).map((row) => ({ id: String(row.id) }));
}

function sessionStatement(ctx: MemoryContext, userId: number, size: number, now: Date): SQL {
  const { conceptMemory: memory } = ctx.tables;
  const { concepts, contentBytes: bytes } = ctx.catalogue;
  // Columns under an alias of their table (the statement reads concepts and memory twice each).
  const of = (alias: string, column: { name: string }) => sql`${sql.identifier(alias)}.${sql.identifier(column.name)}`;
  return sql`
    WITH due AS (
      SELECT ${of('m', memory.conceptId)} AS concept_id, ${of('m', memory.attempts)} AS attempts, 0 AS bucket,
        ROW_NUMBER() OVER (ORDER BY ${of('m', memory.dueAt)}, ${of('m', memory.conceptId)}) AS place
      FROM ${memory} m
      WHERE ${of('m', memory.userId)} = ${userId} AND ${of('m', memory.dueAt)} <= ${now}
      ORDER BY place LIMIT ${size}
    ),
    student_grade AS (
      SELECT ${of('c', concepts.grade)} AS grade
      FROM ${memory} m JOIN ${concepts} c ON ${of('c', concepts.id)} = ${of('m', memory.conceptId)}
      WHERE ${of('m', memory.userId)} = ${userId}
      ORDER BY ${of('m', memory.lastReviewedAt)} DESC LIMIT 1
    ),
    fresh AS (
      SELECT ${of('c', concepts.id)} AS concept_id, 0 AS attempts, 1 AS bucket,
        ROW_NUMBER() OVER (ORDER BY ${of('c', concepts.grade)} = (SELECT grade FROM student_grade) DESC,
          ${of('c', concepts.lessonId)}, ${of('c', concepts.position)}, ${of('c', concepts.id)}) AS place
      FROM ${concepts} c
      LEFT JOIN ${memory} m ON ${of('m', memory.conceptId)} = ${of('c', concepts.id)} AND ${of('m', memory.userId)} = ${userId}
      WHERE ${of('m', memory.conceptId)} IS NULL
        AND EXISTS (SELECT 1 FROM ${bytes} b WHERE ${of('b', bytes.conceptId)} = ${of('c', concepts.id)})
        AND (SELECT COUNT(*) FROM due) < ${size}
      ORDER BY place LIMIT ${size}
    ),
    picks AS (
      SELECT * FROM (SELECT * FROM due UNION ALL SELECT * FROM fresh) p ORDER BY bucket, place LIMIT ${size}
    ),
    rotation AS (
      SELECT ${of('b', bytes.id)} AS id, ${of('b', bytes.conceptId)} AS concept_id,
        ROW_NUMBER() OVER (PARTITION BY ${of('b', bytes.conceptId)} ORDER BY ${of('b', bytes.id)}) - 1 AS nth,
        COUNT(*) OVER (PARTITION BY ${of('b', bytes.conceptId)}) AS total
      FROM ${bytes} b
      WHERE ${of('b', bytes.conceptId)} IN (SELECT concept_id FROM picks)
    )
    SELECT r.id FROM picks p JOIN rotation r ON r.concept_id = p.concept_id AND r.nth = p.attempts MOD r.total
    ORDER BY p.bucket, p.place`;
}
