import { createSubgraphLambdaHandler } from '../../runtime/lambda.js';
import { runtime, telemetry } from '../../runtime/coldStart.js';
import { users } from './index.js';

export const handler = createSubgraphLambdaHandler(users, runtime, telemetry);
