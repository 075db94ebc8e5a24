/**
 * The outbox: events accepted while the queue was unreachable, kept in MySQL until the relay
 * (pipeline/relay.ts) has placed them on the queue.
 */
import type { AppDeps } from '../../runtime/subgraph/contract.js';
import type { QueuedEvent } from './events.js';
import { analyticsTables } from './tables.js';

export async function writeOutbox({ db, app }: Pick<AppDeps, 'db' | 'app'>, events: readonly QueuedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const createdAt = new Date();
  await db.insert(analyticsTables(app).eventOutbox).values(events.map((event) => ({ payload: JSON.stringify(event), createdAt })));
}
