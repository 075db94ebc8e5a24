import type { Migration } from './migration.js';

/**
 * `processed_events.clock_clamped`: which applied events had a time so far off, even after
 * correcting the device's clock, that it was clamped (pipeline/event/clock.ts). Lets an
 * operator find the devices with broken clocks without the lake.
 */
export const clockClamped: Migration = {
  version: 6,
  name: 'clock_clamped',
  up: (t) => [`ALTER TABLE ${t('processed_events')} ADD COLUMN clock_clamped VARCHAR(8) NULL`],
};
