import type { Migration } from './migration.js';

/**
 * `processed_events.batch_id`: the consumer inserts a whole batch's dedupe records in one statement
 * and reads back, by this id, which of them were new (and so which events its rollups must count).
 */
export const eventBatches: Migration = {
  version: 2,
  name: 'event_batches',
  up: (t) => [`ALTER TABLE ${t('processed_events')} ADD COLUMN batch_id CHAR(36) NULL`],
};
