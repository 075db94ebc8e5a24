import { createSubgraphLambdaHandler } from '../../runtime/lambda.js';
import { runtime, telemetry } from '../../runtime/coldStart.js';
import { datarights } from './index.js';

export const handler = createSubgraphLambdaHandler(datarights, runtime, telemetry);
