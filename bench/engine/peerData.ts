/**
 * The engine bench's data: 50 people, each with 20 rows. Rows carry the request's `salt`, so every
 * request's answer is its own and no gateway can merge or keep one request's fetch for another.
 */
export const PEOPLE = Array.from({ length: 50 }, (_, i) => ({ id: String(i + 1), name: `شخص ${i + 1}`, email: `person${i + 1}@example.org` }));

export function rowsOf(personId: string, salt: number) {
  return Array.from({ length: 20 }, (_, i) => ({ id: `${personId}-${i}`, title: `سطر ${i} (${salt})`, score: (Number(personId) * 31 + i * 7 + salt) % 100 }));
}

/** The SDL of each stock subgraph. */
export const PEER_SUBGRAPHS = {
  people: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { people(first: Int!): [Person!]! }
    type Person @key(fields: "id") { id: ID! name: String! email: String! }
  `,
  rows: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Person @key(fields: "id") { id: ID! rows(salt: Int!): [Row!]! }
    type Row { id: ID! title: String! score: Int! }
  `,
} as const;

export type PeerSubgraph = keyof typeof PEER_SUBGRAPHS;

/** The one document of the bench: one people fetch, then one entity fetch of 50 people × 20 rows. */
export const PEER_QUERY = 'query PeopleRows($first: Int!, $salt: Int!) { people(first: $first) { id name email rows(salt: $salt) { id title score } } }';
