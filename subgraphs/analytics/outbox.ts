/**
 * The outbox: events accepted while the queue was unreachable, kept in MySQL until the relay
 * (pipeline/relay.ts) has placed them on the queue.
 */
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { QueuedEvent } from '../../pipeline/event/queuedEvent.js';
import { analyticsTables } from '../../pipeline/tables.js';
import { withLockRetry } from '../../pipeline/lockRetry.js';

export async function writeOutbox({ db, app }: Pick<AppDeps, 'db' | 'app'>, events: readonly QueuedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const createdAt = new Date();
  // The relay's locking read and delete of the oldest rows can make InnoDB pick this insert as a deadlock victim; the insert is all or nothing, so it is safe to run again.
  await withLockRetry(() => db.insert(analyticsTables(app).eventOutbox).values(events.map((event) => ({ payload: JSON.stringify(event), createdAt }))));
}
