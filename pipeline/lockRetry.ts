/**
 * Concurrent consumers update the same rollup rows, so InnoDB may pick one of two transactions as a
 * deadlock victim, or a lock wait may time out. Both roll the whole transaction back, so running it
 * again is safe; anything else is not this module's to retry.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { mysqlErrorCode } from '../runtime/errors.js';

const LOCK_CONFLICTS = new Set(['ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_DEADLOCK']);

export const isLockConflict = (error: unknown): boolean => LOCK_CONFLICTS.has(mysqlErrorCode(error) ?? '');

/** Runs `transaction`, again after a deadlock or lock wait timeout, at most `attempts` times in all. */
export async function withLockRetry<T>(transaction: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isLockConflict(error)) throw error;
      await sleep(10 * 2 ** attempt * Math.random());
    }
  }
}
