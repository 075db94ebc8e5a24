import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { federatedSdlOf } from '../schema/compose.js';
import type { BaseContext, SubgraphModule } from '../runtime/subgraph/contract.js';
import { subgraphSchema } from '../runtime/subgraph/schema.js';
import { as, expectErrorCode, expectNoErrors, runSubgraph, useTestDatabase } from './support/harness.js';

const DIRECTIVES = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
directive @public on FIELD_DEFINITION | OBJECT
directive @authenticated on FIELD_DEFINITION | OBJECT
directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT
directive @about(person: String, classroom: String, orViewer: Boolean = false) on FIELD_DEFINITION | OBJECT
`;

/** A subgraph of `sdl` (after the directives' definitions) whose every field answers "ok". */
function subgraphOf(sdl: string): SubgraphModule<BaseContext> {
  const full = DIRECTIVES + sdl;
  const document = parse(full);
  const answers = Object.fromEntries(['Query', 'Mutation'].map((type) => [type, Object.fromEntries(
    document.definitions.flatMap((definition) => (definition.kind === 'ObjectTypeDefinition' && definition.name.value === type ? definition.fields ?? [] : []))
      .map((field) => [field.name.value, () => 'ok']),
  )]));
  return { name: 'ledger', typeDefs: document, federatedSdl: federatedSdlOf(full), resolvers: answers, createContext: (base) => base };
}

const ledger = subgraphOf(`
type Query {
  catalogue: String @public
  notes: String @authenticated
  audit: String @policy(policies: [["isAdmin"]])
  diary(ownerId: ID!): String @policy(policies: [["self"], ["isAdmin"]]) @about(person: "ownerId")
  "Declares no rule."
  forgotten: String
}
type Mutation {
  note: String @authenticated
  "Declares no rule."
  forgottenWrite: String
}
`);

const apps = useTestDatabase();

describe('a field that declares no rule', () => {
  it.each([
    { name: 'an admin', viewer: as.admin(1), code: 'FORBIDDEN' },
    { name: 'a student', viewer: as.student(3), code: 'FORBIDDEN' },
    { name: 'an anonymous caller', viewer: as.anonymous, code: 'UNAUTHENTICATED' },
  ])('is refused to $name, on a query and on a mutation', async ({ viewer, code }) => {
    const read = await runSubgraph(ledger, apps.runtime(), '{ forgotten }', { viewer });
    expectErrorCode(read, code);
    expect(read.data).toEqual({ forgotten: null });
    const write = await runSubgraph(ledger, apps.runtime(), 'mutation { forgottenWrite }', { viewer });
    expectErrorCode(write, code);
  });
});

describe('a declared field', () => {
  it('answers an anonymous caller only where it is @public', async () => {
    const result = await runSubgraph(ledger, apps.runtime(), '{ catalogue notes }', { viewer: as.anonymous });
    expect(result.data).toEqual({ catalogue: 'ok', notes: null });
    expectErrorCode(result, 'UNAUTHENTICATED');
  });

  it('answers any signed-in viewer where it is @authenticated', async () => {
    const result = await runSubgraph(ledger, apps.runtime(), '{ catalogue notes }', { viewer: as.student(3) });
    expectNoErrors(result);
    expect(result.data).toEqual({ catalogue: 'ok', notes: 'ok' });
  });

  it('answers whom its @policy grants, about the subject its @about names', async () => {
    const query = '{ audit diary(ownerId: "3") }';
    expect((await runSubgraph(ledger, apps.runtime(), query, { viewer: as.admin(1) })).data).toEqual({ audit: 'ok', diary: 'ok' });
    const owner = await runSubgraph(ledger, apps.runtime(), query, { viewer: as.student(3) });
    expect(owner.data).toEqual({ audit: null, diary: 'ok' });
    const stranger = await runSubgraph(ledger, apps.runtime(), query, { viewer: as.student(4) });
    expect(stranger.data).toEqual({ audit: null, diary: null });
    expect(stranger.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['FORBIDDEN', 'You may not use Query.audit here'],
      ['FORBIDDEN', 'You may not use Query.diary here'],
    ]);
  });
});

describe('a subgraph', () => {
  it.each([
    { name: 'a rule that runtime/policy/rules.ts does not define', sdl: 'type Query { a: String @policy(policies: [["isFriend"]]) }', says: 'Query.a: @policy names "isFriend", which runtime/policy/rules.ts does not define' },
    { name: 'an @about argument the field does not take', sdl: 'type Query { a(id: ID!): String @policy(policies: [["self"]]) @about(person: "childId") }', says: 'Query.a: @about names "childId", which is not an argument of the field' },
    { name: 'two access directives on one field', sdl: 'type Query { a: String @public @authenticated }', says: 'Query.a: one of @public, @authenticated or @policy, not @public and @authenticated' },
  ])('refuses to build when its SDL declares $name', ({ sdl, says }) => {
    expect(() => subgraphSchema(subgraphOf(sdl) as SubgraphModule<never>)).toThrow(`Subgraph ledger: ${says}`);
  });
});
