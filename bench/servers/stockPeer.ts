/**
 * Engine bench: a stock @apollo/subgraph server (`tsx bench/servers/stockPeer.ts people|rows`),
 * as another team would run one with Apollo's docs: nothing of this repo's runtime.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { PEER_SUBGRAPHS, PEOPLE, rowsOf, type PeerSubgraph } from '../engine/peerData.js';

const name = process.argv[2] as PeerSubgraph;
if (!(name in PEER_SUBGRAPHS)) throw new Error(`Unknown peer subgraph "${name}"`);

const peopleResolvers = {
  Query: { people: (_: unknown, { first }: { first: number }) => PEOPLE.slice(0, first) },
  Person: { __resolveReference: ({ id }: { id: string }) => PEOPLE.find((person) => person.id === id) },
};
const rowsResolvers = {
  Person: { rows: ({ id }: { id: string }, { salt }: { salt: number }) => rowsOf(id, salt) },
};
const resolvers = name === 'people' ? peopleResolvers : rowsResolvers;

const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(PEER_SUBGRAPHS[name]), resolvers }) });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
console.log(`ready ${url}`);
