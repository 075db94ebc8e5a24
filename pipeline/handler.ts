import type { Context, SQSEvent } from 'aws-lambda';
import { runtime, telemetry } from '../runtime/serve/coldStart.js';
import { createOutboxRelayHandler, createSqsBatchHandler } from './sqsBatch.js';

const consume = createSqsBatchHandler(runtime.deps);
const relay = createOutboxRelayHandler(runtime.deps);

/** The SQS event source's target (report batch item failures on). */
export const handler = (event: SQSEvent, context?: Context) => telemetry.observe({ context }, () => consume(event));
/** The schedule's target: the outbox relay. */
export const drain = (_event?: unknown, context?: Context) => telemetry.observe({ context }, () => relay());
