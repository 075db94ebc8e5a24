import { createSubgraphLambdaHandler } from '../../runtime/lambda.js';
import { runtime, telemetry } from '../../runtime/coldStart.js';
import { analytics } from './index.js';

export const handler = createSubgraphLambdaHandler(analytics, runtime, telemetry);
