import { createSubgraphLambdaHandler } from '../../runtime/serve/lambda.js';
import { runtime, telemetry } from '../../runtime/serve/coldStart.js';
import { datarights } from './index.js';

export const handler = createSubgraphLambdaHandler(datarights, runtime, telemetry);
// In Lambda's init: the server started, MySQL and Redis connected (runtime/serve/lambda.ts).
await handler.ready;
