import type { Context } from 'aws-lambda';
import { config, runtime, telemetry } from '../runtime/serve/coldStart.js';
import { gatewayConfig } from './config.js';
import { loadPlanFile } from './planning/planFile.js';
import { isWarmerEvent, SubgraphWarmUps, type WarmerEvent } from './warmUp.js';

const settings = gatewayConfig(config);
// The subgraph functions start while the gateway's own code loads (the import below): the init
// waits only until the warm-ups are on the wire, never for their answers.
const warmUps = SubgraphWarmUps.fromConfig(settings, loadPlanFile(), runtime.deps.logger);
await warmUps.send().written;
const { createGatewayLambdaHandler } = await import('./lambdaHandler.js');
const requests = await createGatewayLambdaHandler(settings, runtime, telemetry, warmUps);

type ApiEvent = Parameters<typeof requests>[0];

/** API Gateway's events, and the scheduled warmer's (infra/), which only EventBridge may send. */
export const handler = (event: ApiEvent | WarmerEvent, context: Context, callback: () => void) =>
  isWarmerEvent(event) ? warmUps.warm(event) : requests(event, context, callback);
