/** Engine bench: both stock subgraphs' resolvers in one Apollo Server (the floor, no gateway). */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSchema } from 'graphql';
import { PEOPLE, rowsOf } from '../engine/peerData.js';

const schema = buildSchema(`
  type Query { people(first: Int!): [Person!]! }
  type Person { id: ID! name: String! email: String! rows(salt: Int!): [Row!]! }
  type Row { id: ID! title: String! score: Int! }
`);
const rootValue = { people: ({ first }: { first: number }) => PEOPLE.slice(0, first).map((person) => ({ ...person, rows: ({ salt }: { salt: number }) => rowsOf(person.id, salt) })) };
const server = new ApolloServer({ schema, rootValue });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
console.log(`ready ${url}`);
