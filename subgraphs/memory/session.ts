import { and, asc, desc, eq, exists, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import { groupByKeys } from '../../runtime/subgraph/batch.js';
import { badUserInput } from '../../runtime/errors.js';
import type { EntityRef } from '../../runtime/subgraph/entityRef.js';
import type { MemoryContext } from './context.js';

const MAX_SESSION_SIZE = 50;

interface SessionConcept {
  conceptId: number;
  /** Answers so far; rotates which of the concept's content bytes is shown. */
  attempts: number;
}

/**
 * A practice session for the signed-in student, as content bytes: concepts due for review first
 * (most overdue first), then concepts never practised. At most three statements, whatever the size.
 */
export async function nextSession(ctx: MemoryContext, size: number, now = new Date()): Promise<EntityRef[]> {
  const userId = Number(ctx.access.requireUser().userId);
  if (!Number.isInteger(size) || size < 1 || size > MAX_SESSION_SIZE) {
    throw badUserInput(`size must be an integer from 1 to ${MAX_SESSION_SIZE}; got ${size}`, { argument: 'size' });
  }
  const due = await dueConcepts(ctx, userId, size, now);
  const fresh = due.length < size ? await newConcepts(ctx, userId, size - due.length) : [];
  return contentFor(ctx, [...due, ...fresh.map((conceptId) => ({ conceptId, attempts: 0 }))]);
}

function dueConcepts(ctx: MemoryContext, userId: number, limit: number, now: Date): Promise<SessionConcept[]> {
  const { conceptMemory } = ctx.tables;
  return ctx.deps.db
    .select({ conceptId: conceptMemory.conceptId, attempts: conceptMemory.attempts })
    .from(conceptMemory)
    .where(and(eq(conceptMemory.userId, userId), lte(conceptMemory.dueAt, now)))
    .orderBy(asc(conceptMemory.dueAt), asc(conceptMemory.conceptId))
    .limit(limit);
}

/**
 * Concepts the student has never practised and that have content, in lesson order. Users (and
 * their grade) belong to another subgraph, so the student's grade is taken to be the grade of the
 * concept it practised last: that grade's concepts come first, then the rest, so a session never
 * runs dry. A student with no history starts at the first lesson of the catalogue.
 */
async function newConcepts(ctx: MemoryContext, userId: number, limit: number): Promise<number[]> {
  const { db } = ctx.deps;
  const { concepts, contentBytes } = ctx.catalogue;
  const { conceptMemory } = ctx.tables;
  const lastPractised = alias(conceptMemory, 'last_practised');
  const lastConcept = alias(concepts, 'last_concept');
  const studentGrade = db.select({ grade: lastConcept.grade }).from(lastPractised)
    .innerJoin(lastConcept, eq(lastConcept.id, lastPractised.conceptId))
    .where(eq(lastPractised.userId, userId))
    .orderBy(desc(lastPractised.lastReviewedAt))
    .limit(1);
  const rows = await db.select({ id: concepts.id }).from(concepts)
    .leftJoin(conceptMemory, and(eq(conceptMemory.conceptId, concepts.id), eq(conceptMemory.userId, userId)))
    .where(and(
      isNull(conceptMemory.conceptId),
      exists(db.select({ id: contentBytes.id }).from(contentBytes).where(eq(contentBytes.conceptId, concepts.id))),
    ))
    .orderBy(sql`${concepts.grade} = (${studentGrade}) desc`, asc(concepts.lessonId), asc(concepts.position), asc(concepts.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** One content byte per concept, in the order given; the n-th answer to a concept gets its n-th byte. */
async function contentFor(ctx: MemoryContext, picks: SessionConcept[]): Promise<EntityRef[]> {
  if (picks.length === 0) return [];
  const { contentBytes } = ctx.catalogue;
  const rows = await ctx.deps.db.select({ id: contentBytes.id, conceptId: contentBytes.conceptId }).from(contentBytes)
    .where(inArray(contentBytes.conceptId, picks.map((pick) => pick.conceptId)))
    .orderBy(asc(contentBytes.conceptId), asc(contentBytes.id));
  const bytesOf = groupByKeys(picks.map((pick) => pick.conceptId), rows, (row) => row.conceptId);
  return picks.flatMap(({ attempts }, i) => {
    const bytes = bytesOf[i] ?? [];
    const byte = bytes[attempts % bytes.length];
    return byte ? [{ id: String(byte.id) }] : [];
  });
}
