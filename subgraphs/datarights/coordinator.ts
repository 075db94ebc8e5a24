/**
 * Export and erasure of one child across every subgraph that holds personal data. The subgraphs
 * share one MySQL, so each holder's module runs in-process; a new subgraph holding personal data
 * adds its module to PERSONAL_DATA_HOLDERS (docs/EXTENDING.md).
 *
 * Erasure failure model. The first call writes the audit row and puts the child on the
 * suppression list in one transaction, before any step: from then on the consumer drops the
 * child's events (late, redriven or still queued) and the replay skips its lake records. Each step
 * is idempotent and recorded in the audit row once done; a crash (or a failing backend) midway
 * leaves the row incomplete, and the next call for the child runs the steps not yet done. The
 * lake step runs first: Athena reads a bucket lake without the suppression list, and skips the
 * child only once its tombstone is there. The cache step runs last, once no row of the child is
 * left for a reader to put back.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { SCHEMA_VERSION } from '../../runtime/cache/entityCache.js';
import type { PersonalDataHolder } from '../../runtime/subgraph/dataRights.js';
import { writtenMarkerOf } from '../../runtime/cache/markers.js';
import { callerBudgetsPattern, userCaller } from '../../runtime/security/rateLimiter.js';
import { scanKeys } from '../../runtime/clients/redisScan.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { Role } from '../../runtime/security/signedContext.js';
import { analyticsDataRights } from '../analytics/dataRights.js';
import { lakeWriterFor } from '../../pipeline/lake/lakeFor.js';
import { memoryDataRights } from '../memory/dataRights.js';
import { usersDataRights } from '../users/dataRights.js';
import { datarightsTables, type ErasureRow } from './tables.js';

/** Every subgraph holding personal data (curriculum holds none); erased in this order, the profile last. */
export const PERSONAL_DATA_HOLDERS: readonly PersonalDataHolder[] = [analyticsDataRights, memoryDataRights, usersDataRights];

export const EXPORT_FORMAT_VERSION = 1;

export interface ChildExport {
  formatVersion: number;
  exportedAt: Date;
  json: string;
}

export async function exportChild(deps: AppDeps, childId: number, holders = PERSONAL_DATA_HOLDERS): Promise<ChildExport> {
  const exportedAt = new Date();
  const sections: Record<string, unknown> = {};
  for (const holder of holders) sections[holder.name] = await holder.export(deps, childId);
  const document = { formatVersion: EXPORT_FORMAT_VERSION, app: deps.app, childId: String(childId), exportedAt: exportedAt.toISOString(), ...sections };
  return { formatVersion: EXPORT_FORMAT_VERSION, exportedAt, json: JSON.stringify(document) };
}

export interface ErasureStep {
  /** Recorded in the audit row once done. */
  name: string;
  run(deps: AppDeps, userId: number): Promise<void>;
}

/** The child's tombstone in the lake, stamped with the erasure's time so that a resumed step writes the same object. */
const lakeStep: ErasureStep = {
  name: 'lake',
  async run(deps, userId) {
    const erasure = await erasureOf(deps, userId);
    if (!erasure) throw new Error(`The lake step of an erasure ran for user ${userId}, who has no erasure`);
    await lakeWriterFor(deps).writeTombstone(deps.app, userId, erasure.requestedAt);
  },
};

/**
 * The child's entity cache entries and their written markers, the entries of what the child could
 * see, and every kept answer of the app: a kept answer holding the child's data may belong to any
 * viewer (a parent's, a teacher's dashboard), and the response cache is only an accelerator. Also
 * the child's rate-limit counters: keyed by its id, they say when it last used the app.
 */
function cacheStep(holders: readonly PersonalDataHolder[]): ErasureStep {
  return {
    name: 'cache',
    async run({ redis, redisKeyPrefix, app }, userId) {
      if (!redis) return;
      const entries = [
        ...holders.flatMap((holder) => holder.personCacheEntities.map((entity) => [entity, String(userId)])),
        // What the child could see, under the policy's entity names (the earlier one and the current one).
        ['visible-people', `STUDENT:${userId}`],
        ['relationships', String(userId)],
      ].map(([entity, id]) => `${redisKeyPrefix}${app}:${entity}:v${SCHEMA_VERSION}:${id}`);
      const answers = await scanKeys(redis, `${redisKeyPrefix}${app}:response:*`);
      const budgets = await scanKeys(redis, callerBudgetsPattern(redisKeyPrefix, app, userCaller(userId)));
      const keys = [...entries, ...entries.map(writtenMarkerOf), ...answers, ...budgets];
      for (let start = 0; start < keys.length; start += 500) await redis.del(...keys.slice(start, start + 500));
    },
  };
}

export function erasureSteps(holders = PERSONAL_DATA_HOLDERS): ErasureStep[] {
  return [lakeStep, ...holders.map((holder): ErasureStep => ({ name: holder.name, run: (deps, userId) => holder.erase(deps, userId) })), cacheStep(holders)];
}

export interface ErasureReceipt {
  erasureId: string;
  requestedAt: Date;
  completedAt: Date | null;
  steps: string[];
}

const receiptOf = (row: ErasureRow): ErasureReceipt => ({
  erasureId: row.id,
  requestedAt: row.requestedAt,
  completedAt: row.completedAt,
  steps: row.stepsDone ? row.stepsDone.split(',') : [],
});

/** The erasure of a person, started or done; undefined when none was asked for. */
export async function erasureOf({ db, app }: Pick<AppDeps, 'db' | 'app'>, userId: number): Promise<ErasureRow | undefined> {
  const { erasures, erasedPeople } = datarightsTables(app);
  const [row] = await db.select({ erasure: erasures }).from(erasedPeople).innerJoin(erasures, eq(erasures.id, erasedPeople.erasureId)).where(eq(erasedPeople.userId, userId));
  return row?.erasure;
}

/** Starts the erasure (audit row and suppression list together), or returns the one already started. */
async function startErasure(deps: AppDeps, userId: number, requester: { userId: number; role: Role }): Promise<ErasureRow> {
  const { erasures, erasedPeople } = datarightsTables(deps.app);
  const id = randomUUID();
  const now = new Date();
  await deps.db.transaction(async (tx) => {
    // The person's row decides between concurrent first calls: only the one that inserts it audits.
    const [placed] = await tx.insert(erasedPeople).ignore().values({ userId, erasureId: id, erasedAt: now });
    if (placed.affectedRows === 1) {
      await tx.insert(erasures).values({ id, requestedBy: requester.userId, requestedByRole: requester.role === 'ADMIN' ? 'ADMIN' : 'PARENT', requestedAt: now, stepsDone: '' });
    }
  });
  const started = await erasureOf(deps, userId);
  if (!started) throw new Error(`The erasure of a person was started but cannot be read back`);
  return started;
}

/** Erases the person everywhere, resuming an erasure left incomplete; the same receipt every time. */
export async function eraseChild(deps: AppDeps, userId: number, requester: { userId: number; role: Role }, steps = erasureSteps()): Promise<ErasureReceipt> {
  const { erasures } = datarightsTables(deps.app);
  const erasure = (await erasureOf(deps, userId)) ?? (await startErasure(deps, userId, requester));
  if (erasure.completedAt) return receiptOf(erasure);
  const done = erasure.stepsDone ? erasure.stepsDone.split(',') : [];
  for (const step of steps) {
    if (done.includes(step.name)) continue;
    await step.run(deps, userId);
    done.push(step.name);
    await deps.db.update(erasures).set({ stepsDone: done.join(',') }).where(eq(erasures.id, erasure.id));
    deps.logger.info('datarights.erasure_step', { erasureId: erasure.id, step: step.name });
  }
  // The steps' cache notes name the child: dropped now, not with this container's next batch.
  await deps.cache.dropAppliedNotes();
  await deps.db.update(erasures).set({ completedAt: sql`COALESCE(${erasures.completedAt}, NOW(3))` }).where(eq(erasures.id, erasure.id));
  const completed = await erasureOf(deps, userId);
  if (!completed) throw new Error('An erasure finished but its audit row cannot be read back');
  return receiptOf(completed);
}
