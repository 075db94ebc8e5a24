/**
 * Another team's subgraph, written as that team would: plain @apollo/server and @apollo/subgraph,
 * none of the learning graph's runtime. It extends `User` with `unreadNotifications` and answers
 * only calls the gateway signed with this subgraph's own secret (gatewayContext.ts).
 *
 *   GATEWAY_CONTEXT_SECRETS=<secret> APP_NAME=amal PORT=4010 npx tsx examples/notifications-subgraph/server.ts
 *
 * The gateway side: docs/EXTENDING.md ("Extend User from another team's subgraph").
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { GATEWAY_CONTEXT_HEADER, verifyGatewayContext, type GatewayContext } from './gatewayContext.js';

const secrets = (process.env.GATEWAY_CONTEXT_SECRETS ?? '').split(',').filter(Boolean);
const app = process.env.APP_NAME ?? 'amal';
/** Its name in the gateway's registry (schema/subgraphs.json): the audience of the contexts meant for it. */
const NAME = 'notifications';
if (secrets.length === 0) throw new Error('GATEWAY_CONTEXT_SECRETS is required: the secret(s) the gateway signs calls to this subgraph with');

/** Demo data; a real team reads its own store. */
const UNREAD = new Map([['1', 0], ['2', 3], ['3', 1], ['4', 2]]);

const resolvers = {
  User: {
    unreadNotifications(user: { id: string }, _: unknown, { viewer }: GatewayContext) {
      const mayRead = viewer.kind === 'user' && (viewer.userId === user.id || viewer.role === 'ADMIN');
      if (!mayRead) throw new GraphQLError('Only the user and admins may see their notifications', { extensions: { code: 'FORBIDDEN' } });
      return UNREAD.get(user.id) ?? 0;
    },
  },
};

const server = new ApolloServer<GatewayContext>({
  schema: buildSubgraphSchema([{ typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')), resolvers }]),
});

const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4010) },
  async context({ req }) {
    const header = req.headers[GATEWAY_CONTEXT_HEADER];
    const context = verifyGatewayContext(Array.isArray(header) ? header[0] : header, secrets, app, NAME);
    if (!context) throw new GraphQLError('This subgraph only answers calls signed by the gateway', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    return context;
  },
});
console.log(`notifications subgraph at ${url}`);
