/**
 * Powertools for AWS Lambda around every handler, created once per container:
 * - logs: the project's Logger written through Powertools (runtime/observability/powertoolsLogger.ts), each line of
 *   an invocation keyed by the request id, which the gateway also signs into its subgraph calls, and
 *   by the invocation's Lambda context. Both are held in an AsyncLocalStorage per invocation, not set
 *   on the container's one Powertools logger, so invocations running at once in one process (Lambda
 *   Managed Instances) keep their own keys whether or not the runtime scopes Powertools' state;
 * - metrics, in CloudWatch's embedded metric format (namespace `LearningGraph`, dimension `service`):
 *   per invocation `SqlStatements`, `CacheHits`, `CacheMisses` and `GraphQLErrors`, and each subgraph
 *   call's `SubgraphLatency` (dimension `subgraph` too); `ColdStart` once per container;
 * - traces: the invocation as an X-Ray subsegment annotated with the request id; outgoing HTTPS
 *   calls (Lambda Invoke included) become subsegments and carry the trace to the subgraph functions.
 *   Responses are never attached: they hold children's data.
 * LOG_LEVEL=silent also silences the metrics, which are log lines too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import type { Config } from '../config.js';
import type { Logger } from './logger.js';
import { createPowertoolsLogger, projectLogger, type InvocationKeys } from './powertoolsLogger.js';
import { currentRequestMetrics, withRequestMetrics, type RequestMetrics } from './requestMetrics.js';
import { withReadLog } from '../cache/readLog.js';
import { METRICS_NAMESPACE } from './cloudWatchMetric.js';


export interface Telemetry {
  /** The container's logger, for AppDeps. */
  logger: Logger;
  /** Runs one invocation within its log keys, metrics scope and trace subsegment. */
  observe<T>(invocation: { requestId?: string; context?: Context }, run: () => Promise<T>): Promise<T>;
}

export function createTelemetry({ app, logLevel }: Pick<Config, 'app' | 'logLevel'>): Telemetry {
  const invocations = new AsyncLocalStorage<InvocationKeys>();
  const powertools = createPowertoolsLogger(logLevel, () => invocations.getStore());
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
  const tracer = new Tracer();
  const publishing = logLevel !== 'silent';

  return {
    logger: projectLogger(powertools, { app }),
    async observe({ requestId, context }, run) {
      const lambdaContext = context && { functionName: context.functionName, awsRequestId: context.awsRequestId, coldStart: powertools.takeColdStart() };
      if (publishing) metrics.captureColdStartMetric(context?.functionName);
      const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
      const subsegment = segment?.addNewSubsegment('## handler');
      if (subsegment) tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
      if (requestId) tracer.putAnnotation('requestId', requestId);
      try {
        return await invocations.run({ requestId, lambdaContext }, () => withRequestMetrics(async () => {
          try {
            return await withReadLog(run);
          } finally {
            if (publishing) publish(metrics, currentRequestMetrics()!, requestId);
          }
        }));
      } catch (error) {
        tracer.addErrorAsMetadata(error as Error);
        throw error;
      } finally {
        subsegment?.close();
        if (segment) tracer.setSegment(segment);
      }
    },
  };
}

function publish(metrics: Metrics, figures: Readonly<RequestMetrics>, requestId: string | undefined): void {
  for (const [subgraph, durations] of Object.entries(figures.subgraphMs)) {
    for (const ms of durations) {
      const call = metrics.singleMetric();
      call.addDimension('subgraph', subgraph);
      call.addMetric('SubgraphLatency', MetricUnit.Milliseconds, ms);
    }
  }
  for (const [subgraph, count] of Object.entries(figures.sharedFetches)) {
    const shared = metrics.singleMetric();
    shared.addDimension('subgraph', subgraph);
    shared.addMetric('SharedSubgraphFetches', MetricUnit.Count, count);
  }
  if (requestId) metrics.addMetadata('requestId', requestId);
  metrics.addMetric('SqlStatements', MetricUnit.Count, figures.statements);
  metrics.addMetric('CacheHits', MetricUnit.Count, figures.cacheHits);
  metrics.addMetric('CacheMisses', MetricUnit.Count, figures.cacheMisses);
  metrics.addMetric('GraphQLErrors', MetricUnit.Count, figures.graphqlErrors);
  // The gateway's response cache: a hit, or a query it had to build (kept or not).
  if (figures.responseCache) metrics.addMetric(figures.responseCache === 'hit' ? 'ResponseCacheHits' : 'ResponseCacheMisses', MetricUnit.Count, 1);
  if (figures.rateLimit) metrics.addMetric(figures.rateLimit === 'limited' ? 'RateLimited' : 'RateLimitFailedOpen', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
