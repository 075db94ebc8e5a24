/**
 * Another team's subgraph as its own process: stock @apollo/server and @apollo/subgraph, none of
 * this repo's runtime. `tsx test/support/stockSubgraph.ts` prints `stock subgraph at <url>`.
 * A spec steers it with calls that carry `x-control: 1` (never sent by a gateway): `calls` counts
 * the other requests it served, `setFailing` makes them fail with HTTP 500.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { setTimeout as sleep } from 'node:timers/promises';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    book(id: ID!): Book
    slow: String
    broken: String
    headersSeen: [String!]!
    calls: Int!
  }
  type Mutation {
    setFailing(on: Boolean!): Boolean!
  }
  type Book @key(fields: "id") { id: ID! title: String! author: Book }
`);

const BOOKS: Record<string, { id: string; title: string }> = { 1: { id: '1', title: 'كليلة ودمنة' }, 2: { id: '2', title: 'Kalila and Dimna' } };
let calls = 0;
let failing = false;

interface Context { headers: string[] }

const resolvers = {
  Query: {
    book: (_: unknown, { id }: { id: string }) => BOOKS[id] ?? null,
    slow: async () => {
      await sleep(1_500);
      return 'late';
    },
    broken: () => {
      throw new Error('connect ECONNREFUSED mysql://catalog:hunter2@10.0.0.7/books');
    },
    headersSeen: (_: unknown, __: unknown, context: unknown) => (context as Context).headers,
    calls: () => calls,
  },
  Mutation: {
    setFailing: (_: unknown, { on }: { on: boolean }) => (failing = on),
  },
  Book: { __resolveReference: ({ id }: { id: string }) => BOOKS[id] ?? null, author: () => null },
};

const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }), plugins: [ApolloServerPluginInlineTraceDisabled()] });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
  context: async ({ req }): Promise<Context> => {
    if (req.headers['x-control'] !== '1') {
      calls++;
      // A thrown context function is Apollo Server's HTTP 500.
      if (failing) throw new Error('catalog is down');
    }
    return { headers: Object.keys(req.headers).sort() };
  },
});
console.log(`stock subgraph at ${url}`);
