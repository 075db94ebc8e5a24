import { runtime } from '../../runtime/coldStart.js';
import { createOutboxRelayHandler, createSqsBatchHandler } from './sqsBatch.js';

/** The SQS event source's target (report batch item failures on). */
export const handler = createSqsBatchHandler(runtime.deps);
/** The schedule's target: the outbox relay. */
export const drain = createOutboxRelayHandler(runtime.deps);
