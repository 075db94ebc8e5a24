/** What `recordEvents` reports of device clocks; the rules are the event's (pipeline/event/clock.ts). */
import type { Logger } from '../../runtime/observability/logger.js';
import { metricFields } from '../../runtime/observability/cloudWatchMetric.js';
import type { ClockClamp } from '../../pipeline/event/clock.js';

/** One line (and CloudWatch metric) per call that clamped any event, so a broken app version shows up. */
export function logClampedClocks(logger: Logger, events: readonly { clockClamped?: ClockClamp }[]): void {
  const future = events.filter((event) => event.clockClamped === 'future').length;
  const past = events.filter((event) => event.clockClamped === 'past').length;
  if (future + past === 0) return;
  logger.warn('analytics.clock_clamped', { future, past, events: events.length, ...metricFields('AnalyticsClockClamped', future + past, { subgraph: 'analytics' }) });
}
