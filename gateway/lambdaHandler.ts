/** The gateway's Lambda handler for API Gateway events, built once per container (gateway/handler.ts). */
import { fileURLToPath } from 'node:url';
import { createLambdaHandler, preflightRoute } from '../runtime/serve/lambda.js';
import { backingServiceChecks, healthAnswer } from '../runtime/serve/health.js';
import type { Telemetry } from '../runtime/observability/telemetry.js';
import type { AppRuntime } from '../runtime/container/appDeps.js';
import type { GatewayConfig } from './config.js';
import { gatewayFromConfig } from './fromConfig.js';
import { readinessDetailFor, subgraphReadinessChecks } from './readiness.js';
import { explorerLambdaRoutes } from './explorer/lambdaRoute.js';
import type { SubgraphWarmUps } from './warmUp.js';
import type { PlanFile } from './planning/planFile.js';

export async function createGatewayLambdaHandler(config: GatewayConfig, runtime: AppRuntime, telemetry: Telemetry, warmUps: SubgraphWarmUps, planFile: PlanFile) {
  const gateway = await gatewayFromConfig(config, runtime, warmUps, planFile);
  const handler = createLambdaHandler(
    gateway.server,
    ({ event }) => gateway.contextFor({ authorization: event.headers?.authorization, requestId: event.requestContext.requestId, clientAddress: event.requestContext.http?.sourceIp }),
    telemetry,
    healthAnswer(() => [...backingServiceChecks(runtime.deps), ...subgraphReadinessChecks(gateway)], { mayDetail: readinessDetailFor(gateway) }),
    // CORS is the HTTP API's (infra/constructs/Api.ts); `npm run build` puts the explorer's files
    // beside the bundle (dist/gateway/explorer/).
    [preflightRoute, ...explorerLambdaRoutes(fileURLToPath(new URL('./explorer/', import.meta.url)), config.explorerSignIn)],
  );
  await handler.ready;
  return handler;
}
