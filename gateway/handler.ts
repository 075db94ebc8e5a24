import { createLambdaHandler } from '../runtime/lambda.js';
import { config, runtime } from '../runtime/coldStart.js';
import { gatewayFromConfig } from './fromConfig.js';

const gateway = await gatewayFromConfig(config, runtime);

export const handler = createLambdaHandler(gateway.server, ({ event }) =>
  gateway.contextFor({ authorization: event.headers?.authorization, requestId: event.requestContext.requestId }),
);
