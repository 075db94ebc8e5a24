import { createSubgraphLambdaHandler } from '../../runtime/serve/lambda.js';
import { runtime, telemetry } from '../../runtime/serve/coldStart.js';
import { memory } from './index.js';

export const handler = createSubgraphLambdaHandler(memory, runtime, telemetry);
// In Lambda's init: the server started, MySQL and Redis connected (runtime/serve/lambda.ts).
await handler.ready;
