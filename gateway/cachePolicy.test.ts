import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cacheControlHeader, cacheHintsFrom, cachePolicyOf, composedCacheHints } from './cachePolicy.js';

// Two subgraphs sharing `Shelf.id`; only the first marks it `@public`.
const catalogue = `
  type Query { shelf: Shelf @public @cacheControl(maxAge: 600) staffRoom: Shelf @cacheControl(maxAge: 600, scope: "PUBLIC") }
  type Shelf @cacheControl(maxAge: 600) { id: ID! @public title: String! @public note: String @cacheControl(maxAge: 600, scope: "PUBLIC") }
  type Mutation { shelve(title: String!): Shelf @public }
`;
const stock = `type Shelf { id: ID! count: Int! }`;
const schema = buildSchema(`
  directive @public on FIELD_DEFINITION | OBJECT
  directive @cacheControl(maxAge: Int, scope: String) on FIELD_DEFINITION | OBJECT
  type Query { shelf: Shelf staffRoom: Shelf }
  type Shelf { id: ID! title: String! note: String count: Int! }
  type Mutation { shelve(title: String!): Shelf }
`);
const hints = cacheHintsFrom([catalogue, stock]);

function policyOf(query: string) {
  const document = parse(query);
  return cachePolicyOf(schema, document, document.definitions[0] as OperationDefinitionNode, hints);
}
const headerOf = (query: string) => cacheControlHeader(policyOf(query));

describe('cachePolicyOf', () => {
  it('is public when every field is @public', () => {
    expect(headerOf('{ shelf { title __typename } }')).toBe('max-age=600, public');
  });

  it('is private when a field is not @public, whatever scope its hint names', () => {
    expect(policyOf('{ shelf { title note } }')).toEqual({ maxAge: 600, scope: 'PRIVATE' });
    expect(policyOf('{ staffRoom { title } }')).toEqual({ maxAge: 600, scope: 'PRIVATE' });
  });

  it('is private for a field that one subgraph marks @public and another does not', () => {
    expect(policyOf('{ shelf { id } }')).toEqual({ maxAge: 600, scope: 'PRIVATE' });
  });

  it('takes the smallest maxAge, 0 for an object without a hint', () => {
    expect(headerOf('{ shelf { title } __schema { queryType { name } } }')).toBe('no-store');
  });

  it('never caches a mutation, even of @public fields', () => {
    expect(headerOf('mutation { shelve(title: "x") { title } }')).toBe('no-store');
  });
});

describe('cacheControlHeader', () => {
  it('lets a cache keep only an answer that is the same for everyone', () => {
    expect(cacheControlHeader({ maxAge: 600, scope: 'PUBLIC' })).toBe('max-age=600, public');
  });

  it('lets no cache keep an answer that depends on the viewer, however long its hints allow (a browser would replay it to the next viewer of the device)', () => {
    expect(cacheControlHeader({ maxAge: 600, scope: 'PRIVATE' })).toBe('no-store');
  });

  it('lets no cache keep an answer with no maxAge', () => {
    expect(cacheControlHeader({ maxAge: 0, scope: 'PUBLIC' })).toBe('no-store');
  });
});

describe('composedCacheHints', () => {
  it('holds as public exactly the fields the subgraphs mark @public everywhere they declare them', () => {
    expect([...composedCacheHints().publicFields].sort()).toEqual([
      'Concept.grade', 'Concept.name', 'Concept.subject',
      'Lesson.concepts', 'Lesson.grade', 'Lesson.id', 'Lesson.locale', 'Lesson.subject', 'Lesson.title',
      'LessonConnection.edges', 'LessonConnection.pageInfo',
      'LessonEdge.cursor', 'LessonEdge.node',
      'PageInfo.endCursor', 'PageInfo.hasNextPage',
      'Query.lesson', 'Query.lessons',
    ]);
  });
});
