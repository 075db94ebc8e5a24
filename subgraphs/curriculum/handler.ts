import { createSubgraphLambdaHandler } from '../../runtime/lambda.js';
import { runtime, telemetry } from '../../runtime/coldStart.js';
import { curriculum } from './index.js';

export const handler = createSubgraphLambdaHandler(curriculum, runtime, telemetry);
