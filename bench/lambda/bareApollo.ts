/** The baseline of `npm run bench:lambda`: Apollo Server with a one-field schema behind the same Lambda integration, and nothing else. */
import { ApolloServer } from '@apollo/server';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';

const server = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });

// The integration types Apollo's CommonJS build of the class; this is the ESM build (see runtime/serve/lambda.ts).
export const handler = startServerAndCreateLambdaHandler(server as unknown as Parameters<typeof startServerAndCreateLambdaHandler>[0], handlers.createAPIGatewayProxyEventV2RequestHandler());
