import { createLambdaHandler, preflightRoute } from '../runtime/serve/lambda.js';
import { backingServiceChecks } from '../runtime/serve/health.js';
import { config, runtime, telemetry } from '../runtime/serve/coldStart.js';
import { gatewayConfig } from './config.js';
import { gatewayFromConfig } from './fromConfig.js';
import { subgraphReadinessChecks } from './readiness.js';
import { explorerLambdaRoutes } from './explorer/lambdaRoute.js';
import { fileURLToPath } from 'node:url';

const gateway = await gatewayFromConfig(gatewayConfig(config), runtime);

export const handler = createLambdaHandler(
  gateway.server,
  ({ event }) => gateway.contextFor({ authorization: event.headers?.authorization, requestId: event.requestContext.requestId, clientAddress: event.requestContext.http?.sourceIp }),
  telemetry,
  () => [...backingServiceChecks(runtime.deps), ...subgraphReadinessChecks(gateway)],
  // CORS is the HTTP API's (infra/constructs/Api.ts); `npm run build` puts the explorer's files
  // beside the bundle (dist/gateway/explorer/).
  [preflightRoute, ...explorerLambdaRoutes(fileURLToPath(new URL('./explorer/', import.meta.url)))],
);
await handler.ready;
