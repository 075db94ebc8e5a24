import { createSubgraphLambdaHandler } from '../../runtime/lambda.js';
import { runtime, telemetry } from '../../runtime/coldStart.js';
import { memory } from './index.js';

export const handler = createSubgraphLambdaHandler(memory, runtime, telemetry);
