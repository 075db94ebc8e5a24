import { createSubgraphLambdaHandler } from '../../runtime/lambda.js';
import { runtime } from '../../runtime/coldStart.js';
import { analytics } from './index.js';

export const handler = createSubgraphLambdaHandler(analytics, runtime);
