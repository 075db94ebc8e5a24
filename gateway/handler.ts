import type { Context } from 'aws-lambda';
import { loadGatewayConfig } from './config.js';
import { loadPlanFile } from './planning/planFile.js';
import { isWarmerEvent, SubgraphWarmUps, type WarmerEvent } from './warmUp.js';

// The subgraph functions start while the gateway's own code loads (the imports below, the runtime's
// clients first): the init waits only until the warm-ups are on the wire, never for their answers.
const settings = loadGatewayConfig();
const planFile = loadPlanFile();
const warmUps = SubgraphWarmUps.fromConfig(settings, planFile);
await warmUps.start().written;
const { runtime, telemetry } = await import('../runtime/serve/coldStart.js');
warmUps.logTo(runtime.deps.logger);
const { createGatewayLambdaHandler } = await import('./lambdaHandler.js');
const requests = await createGatewayLambdaHandler(settings, runtime, telemetry, warmUps, planFile);

type ApiEvent = Parameters<typeof requests>[0];

/** API Gateway's events, and the scheduled warmer's (infra/), which only EventBridge may send. */
export const handler = (event: ApiEvent | WarmerEvent, context: Context, callback: () => void) =>
  isWarmerEvent(event) ? warmUps.warm(event) : requests(event, context, callback);
