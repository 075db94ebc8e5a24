/**
 * The lake: every consumed event, raw, as newline-delimited JSON in gzip files under
 * `<prefix>app=<app>/dt=<yyyy-mm-dd>/` (dt: the UTC day the event occurred, corrected for the
 * device's clock: `correctedAt`, or `occurredAt` in events queued before it existed), the layout Firehose
 * writes in AWS and the Glue table reads (docs/ANALYTICS.md).
 *
 * Failure model. Writing is at least once: the consumer writes a batch after its rollups commit
 * and acknowledges it after the write, so a crash in between writes the same events again on
 * redelivery. Readers (Athena queries, the replay) therefore count distinct (user_id,
 * client_event_id).
 *
 * Erased people. A tombstone per erased person, `<prefix>tombstones/app=<app>/<userId>.json`
 * (the id and the erasure time, nothing else), tells readers that cannot see the suppression list
 * (Athena's `events_kept` view) to skip that person's records. A writer returns the events it could not store after its own retries, and
 * throws when the whole lake is unreachable; either way those messages are delivered again.
 */
import type { AppName } from '../../runtime/tenancy.js';
import type { QueuedEvent } from '../event/queuedEvent.js';

export interface LakeWriter {
  readonly kind: 'off' | 'directory' | 's3' | 'firehose';
  /** Stores the raw events of `app`; returns the ones it could not store. */
  write(app: AppName, events: readonly QueuedEvent[]): Promise<{ failed: QueuedEvent[] }>;
  /** Stores the tombstone of an erased person; writing it again with the same time changes nothing. */
  writeTombstone(app: AppName, userId: number, erasedAt: Date): Promise<void>;
}

export interface LakeReader {
  /** Every event stored for `app` on the UTC day `day` (`YYYY-MM-DD`), duplicates included. */
  readDay(app: AppName, day: string): Promise<QueuedEvent[]>;
  /**
   * Every record of `userId` in the app's lake, all days, duplicates included. Reads every object
   * of the app (one at a time), so it is for rare work: a data export.
   */
  recordsOf(app: AppName, userId: number): Promise<QueuedEvent[]>;
}
