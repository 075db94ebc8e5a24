import { buildSchema, execute, getIntrospectionQuery, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, apiSchemaOf, registeredSubgraphs } from '../schema/compose.js';
import { readSdl } from '../schema/subgraphs.js';
import { loadManifest } from './manifest.js';
import { COST_BUDGET } from './limits.js';
import { CostCalculator, CostEstimateError, costDirectivesOf, introspectionListSizes, sizingKey } from './demandControl.js';

// A small library: shelves hold books (assumed 20), a search is sized by `first`, a page of
// results hands `first` to its `items`, a book's reviews take no size (the default, 10).
const sdl = `
  directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | SCALAR | ENUM
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  type Query {
    shelf(id: ID!): Shelf
    search(text: String, first: Int = 5): [Book!]! @listSize(slicingArguments: ["first"])
    page(first: Int = 10): BookPage! @listSize(slicingArguments: ["first"], sizedFields: ["items"])
    window(first: Int, last: Int): [Book!]! @listSize(slicingArguments: ["first", "last"])
    some(first: Int, last: Int): [Book!]! @listSize(slicingArguments: ["first", "last"], requireOneSlicingArgument: false, assumedSize: 7)
    audit: Report @cost(weight: 50)
  }
  type Mutation { shelve(title: String!): Book }
  type Shelf { id: ID! books: [Book!]! @listSize(assumedSize: 20) }
  type BookPage { items: [Book!]! total: Int! }
  type Book { id: ID! title: String! tags: [String!]! reviews: [Review!]! shelf: Shelf }
  type Review { stars: Int! }
  type Report @cost(weight: 5) { lines: Int! }
`;
const schema = buildSchema(sdl);
const calculator = new CostCalculator(schema, costDirectivesOf(sdl));

function operationOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return { document, operation };
}
const estimate = (query: string, variables: Record<string, unknown> = {}) => {
  const { document, operation } = operationOf(query);
  return calculator.estimate(document, operation, variables).cost;
};

describe('CostCalculator.estimate', () => {
  it('counts 1 per object and 0 per scalar, plus 10 for a mutation', () => {
    expect(estimate('{ shelf(id: "1") { id } }')).toBe(1);
    expect(estimate('mutation { shelve(title: "x") { id title } }')).toBe(11);
    expect(estimate('{ __typename }')).toBe(0);
  });

  it('multiplies a list by its assumed size, and a list inside it again', () => {
    expect(estimate('{ shelf(id: "1") { books { id } } }')).toBe(1 + 20);
    // Reviews have no @listSize: the default size, 10.
    expect(estimate('{ shelf(id: "1") { books { reviews { stars } } } }')).toBe(1 + 20 * (1 + 10));
    expect(estimate('{ shelf(id: "1") { books { shelf { books { id } } } } }')).toBe(1 + 20 * (1 + 1 + 20));
  });

  it('sizes a list by its slicing argument, literal or variable, else the argument’s default', () => {
    expect(estimate('{ search(first: 3) { id } }')).toBe(3);
    expect(estimate('query($n: Int) { search(first: $n) { id } }', { n: 40 })).toBe(40);
    expect(estimate('query($n: Int = 8) { search(first: $n) { id } }')).toBe(8);
    expect(estimate('{ search(text: "x") { id } }')).toBe(5);
  });

  it('leaves a variable that is no Int to coercion and counts the default meanwhile', () => {
    expect(estimate('query($n: Int) { search(first: $n) { id } }', { n: 'lots' })).toBe(5);
    expect(estimate('query($n: Int) { search(first: $n) { id } }', { n: 2 ** 40 })).toBe(5);
  });

  it('says whether a variable changed the estimate', () => {
    const { document, operation } = operationOf('query($n: Int) { search(first: $n) { id } shelf(id: "1") { id } }');
    expect(calculator.estimate(document, operation, { n: 2 }).usedVariables).toBe(true);
    const plain = operationOf('query($id: ID!) { shelf(id: $id) { id } }');
    expect(calculator.estimate(plain.document, plain.operation, { id: '1' }).usedVariables).toBe(false);
  });

  it('names the variables that size its lists, whose values alone key a remembered estimate', () => {
    const { document, operation } = operationOf('query($n: Int, $m: Int, $id: ID!) { search(first: $n) { id } shelf(id: $id) { id } page(first: $m) { items { id } } }');
    const { sizingVariables } = calculator.estimate(document, operation, { n: 2, m: 3, id: '1' });
    expect([...sizingVariables].sort()).toEqual(['m', 'n']);
    // Another shelf, the same sizes: the same key and the same estimate.
    expect(sizingKey(sizingVariables, { n: 2, m: 3, id: '9' })).toBe(sizingKey(sizingVariables, { n: 2, m: 3, id: '1' }));
    expect(calculator.estimate(document, operation, { n: 2, m: 3, id: '9' }).cost).toBe(calculator.estimate(document, operation, { n: 2, m: 3, id: '1' }).cost);
    // Another size: another key. A value that is no Int keys like an absent one, as both count the default.
    expect(sizingKey(sizingVariables, { n: 200, m: 3 })).not.toBe(sizingKey(sizingVariables, { n: 2, m: 3 }));
    expect(sizingKey(sizingVariables, { n: 'lots', m: 3 })).toBe(sizingKey(sizingVariables, { m: 3 }));
  });

  it('hands the size to the sized fields of a connection, not to the connection', () => {
    expect(estimate('{ page(first: 30) { total items { id } } }')).toBe(1 + 30);
    expect(estimate('{ page { items { reviews { stars } } } }')).toBe(1 + 10 * (1 + 10));
  });

  it('refuses several slicing arguments, or none without a default, where exactly one is required', () => {
    expect(() => estimate('{ window(first: 2, last: 3) { id } }')).toThrow(CostEstimateError);
    expect(() => estimate('{ window { id } }')).toThrow(/exactly one of first, last/);
    expect(estimate('{ window(last: 4) { id } }')).toBe(4);
  });

  it('takes the largest slicing argument, or the assumed size, where one is not required', () => {
    expect(estimate('{ some(first: 2, last: 9) { id } }')).toBe(9);
    expect(estimate('{ some { id } }')).toBe(7);
  });

  it('weighs fields and types by @cost', () => {
    expect(estimate('{ audit { lines } }')).toBe(50);
    expect(estimate('mutation { shelve(title: "x") { shelf { id } } }')).toBe(10 + 1 + 1);
  });

  it('counts every alias and every appearance', () => {
    expect(estimate('{ a: shelf(id: "1") { books { id } } b: shelf(id: "2") { books { id } } }')).toBe(2 * 21);
    expect(estimate('{ shelf(id: "1") { books { id } books { title } } }')).toBe(1 + 2 * 20);
  });

  it('counts fragments where they are spread, inline or named, and a fragment spread twice twice', () => {
    const named = '{ shelf(id: "1") { ...Books } } fragment Books on Shelf { books { id } }';
    expect(estimate(named)).toBe(21);
    expect(estimate('{ shelf(id: "1") { ... on Shelf { books { id } } } }')).toBe(21);
    expect(estimate('{ shelf(id: "1") { ...Books ...Books } } fragment Books on Shelf { books { id } }')).toBe(41);
    expect(estimate('{ page(first: 3) { ...Items } } fragment Items on BookPage { items { id } }')).toBe(1 + 3);
  });

  it('prices a fragment bomb in linear time, at its full size', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Book { shelf { books { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'id'} } } }`).join(' ');
    const cost = estimate(`{ search(first: 1) { ...F0 } } ${fragments}`);
    expect(cost).toBeGreaterThan(2 ** levels);
  });

  it('counts introspection like any query, with list sizes from the schema', () => {
    const sizes = introspectionListSizes(schema);
    const types = Object.keys(schema.getTypeMap()).length;
    expect(sizes.get('__Schema.types')?.assumedSize).toBe(types);
    expect(estimate('{ __schema { types { name } } }')).toBe(1 + types);
    // types × fields is the schema's number of fields.
    const fields = Object.values(schema.getTypeMap()).reduce((sum, type) => sum + ('getFields' in type && !('parseValue' in type) ? Object.keys(type.getFields()).length : 0), 0);
    expect(estimate('{ __schema { types { fields { name } } } }')).toBe(Math.ceil(1 + types + fields));
    // Each nested level multiplies.
    const nested = estimate('{ __schema { types { fields { type { fields { type { name } } } } } } }');
    expect(nested).toBeGreaterThan(estimate('{ __schema { types { fields { type { name } } } } }') * 2);
  });
});

describe('CostCalculator.actual', () => {
  const actual = (query: string, data: Record<string, unknown> | null) => {
    const { document, operation } = operationOf(query);
    return calculator.actual(document, operation, data);
  };

  it('counts the objects of the answer by the same weights', () => {
    const query = '{ shelf(id: "1") { books { id reviews { stars } } } audit { lines } }';
    const data = { shelf: { books: [{ id: '1', reviews: [{ stars: 5 }] }, { id: '2', reviews: [] }] }, audit: null };
    expect(actual(query, data)).toBe(1 + 2 + 1);
    expect(actual('{ audit { lines } }', { audit: { lines: 3 } })).toBe(50);
  });

  it('counts a response key once, however often the document repeats it, and follows fragments', () => {
    const query = '{ s: shelf(id: "1") { books { id } ...B } } fragment B on Shelf { books { title } }';
    expect(actual(query, { s: { books: [{ id: '1', title: 'a' }] } })).toBe(2);
  });

  it('counts each answer of one operation afresh, objects of an abstract type by their own type', () => {
    const union = `
      directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | SCALAR | ENUM
      type Query { things: [Thing!]! }
      union Thing = Card | Box
      type Card @cost(weight: 3) { id: ID! }
      type Box { id: ID! cards: [Card!]! }
    `;
    const unionCalculator = new CostCalculator(buildSchema(union), costDirectivesOf(union));
    const { document, operation } = operationOf('{ things { __typename ... on Card { id } ... on Box { cards { id } } } }');
    const count = (things: unknown[]) => unionCalculator.actual(document, operation, { things });
    // A thing costs its field's type's weight (the union's, 1); a Box's cards cost Card's weight (3) each.
    expect(count([{ __typename: 'Card', id: '1' }, { __typename: 'Box', cards: [{ id: '2' }, { id: '3' }] }])).toBe(1 + (1 + 3 + 3));
    expect(count([])).toBe(0);
    expect(count([{ __typename: 'Box', cards: [] }, { __typename: 'Box', cards: [{ id: '4' }] }])).toBe(1 + (1 + 3));
  });

  it('is the mutation’s 10 for an answer without data', () => {
    expect(actual('mutation { shelve(title: "x") { id } }', null)).toBe(10);
  });

  it('is near the estimate for a whole introspection', () => {
    const { document, operation } = operationOf(getIntrospectionQuery());
    const { data } = execute({ schema, document }) as { data: Record<string, unknown> };
    const counted = calculator.actual(document, operation, data);
    expect(counted).toBeGreaterThan(0);
    expect(calculator.estimate(document, operation).cost).toBeGreaterThanOrEqual(counted);
  });
});

describe('costDirectivesOf', () => {
  it('reads the names a supergraph’s cost link gives the directives', () => {
    const supergraph = `
      schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1", as: "price", import: [{ name: "@listSize", as: "@howMany" }]) { query: Query }
      directive @price(weight: Int!) on FIELD_DEFINITION
      directive @howMany(assumedSize: Int) on FIELD_DEFINITION
      type Query { a: [Int] @howMany(assumedSize: 3) b: Int @price(weight: 4) }
    `;
    const directives = costDirectivesOf(supergraph);
    expect(directives.listSizes.get('Query.a')).toEqual({ assumedSize: 3, slicingArguments: [], sizedFields: [], requireOneSlicingArgument: true });
    expect(directives.weights.get('Query.b')).toBe(4);
  });

  it('finds the subgraphs’ @listSize in the composed supergraph', () => {
    const composed = composeSupergraph(registeredSubgraphs());
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    const { listSizes } = costDirectivesOf(composed.supergraphSdl);
    expect(listSizes.get('Lesson.contentBytes')?.assumedSize).toBe(50);
    expect(listSizes.get('Classroom.students')?.assumedSize).toBe(40);
    expect(listSizes.get('Query.lessons')).toMatchObject({ slicingArguments: ['first'], sizedFields: ['edges'] });
    expect(listSizes.get('User.dueReviews')).toMatchObject({ slicingArguments: ['limit'] });
  });
});

describe('the apps’ operations', () => {
  const supergraphSdl = readSdl('supergraph');
  const apps = new CostCalculator(apiSchemaOf(supergraphSdl), costDirectivesOf(supergraphSdl));

  it.each(loadManifest().operations.map(({ name, body }) => ({ name, body })))('$name is estimated within half the budget', ({ body }) => {
    const { document, operation } = operationOf(body);
    expect(apps.estimate(document, operation).cost).toBeLessThanOrEqual(COST_BUDGET / 2);
  });

  it('lets the explorer introspect within half the budget', () => {
    const { document, operation } = operationOf(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(apps.estimate(document, operation).cost).toBeLessThanOrEqual(COST_BUDGET / 2);
  });

  it('refuses the nested lesson → contentBytes → concept → lesson query of issue 24', () => {
    const { document, operation } = operationOf(`{ lesson(id: "1") { ${'contentBytes { concept { lesson { '.repeat(2)}contentBytes { id }${' } } }'.repeat(2)} } }`);
    expect(apps.estimate(document, operation).cost).toBeGreaterThan(COST_BUDGET * 10);
  });
});
