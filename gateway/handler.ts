import { createLambdaHandler } from '../runtime/lambda.js';
import { backingServiceChecks } from '../runtime/health.js';
import { config, runtime, telemetry } from '../runtime/coldStart.js';
import { gatewayFromConfig } from './fromConfig.js';
import { subgraphReadinessChecks } from './readiness.js';

const gateway = gatewayFromConfig(config, runtime);

export const handler = createLambdaHandler(
  gateway.server,
  ({ event }) => gateway.contextFor({ authorization: event.headers?.authorization, requestId: event.requestContext.requestId }),
  telemetry,
  () => [...backingServiceChecks(runtime.deps), ...subgraphReadinessChecks(gateway)],
);
await handler.ready;
