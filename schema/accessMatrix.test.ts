import { describe, expect, it } from 'vitest';
import { buildASTSchema, parse } from 'graphql';
import { accessMatrix } from './accessMatrix.js';

const DIRECTIVES = 'directive @authenticated on FIELD_DEFINITION | OBJECT\n';
const apiOf = (sdl: string) => buildASTSchema(parse(sdl));

describe('the access matrix', () => {
  it('refuses a field some subgraph declares without a rule, naming the field and the subgraph', async () => {
    const subgraphs = [
      { name: 'notes', sdl: `${DIRECTIVES}type Query { notes: String @authenticated }` },
      { name: 'drafts', sdl: `${DIRECTIVES}type Query { drafts: String }` },
    ];
    await expect(accessMatrix(apiOf('type Query { notes: String drafts: String }'), subgraphs)).rejects.toThrow('No access declared (@public, @authenticated or @policy) in the SDL for Query.drafts (drafts)');
  });

  it('refuses a field of the API that no subgraph declares', async () => {
    const subgraphs = [{ name: 'notes', sdl: `${DIRECTIVES}type Query { notes: String @authenticated }` }];
    await expect(accessMatrix(apiOf('type Query { notes: String archive: String }'), subgraphs)).rejects.toThrow('for Query.archive');
  });

  it('gives a field several subgraphs declare the most any of them gives each viewer', async () => {
    const subgraphs = [
      { name: 'catalogue', sdl: 'directive @public on FIELD_DEFINITION\ntype Query { title: String @public }' },
      { name: 'practice', sdl: `${DIRECTIVES}type Query { title: String @authenticated }` },
    ];
    const [row] = await accessMatrix(apiOf('type Query { title: String }'), subgraphs);
    expect(row).toMatchObject({ field: 'Query.title', rule: 'everyone', cells: { anonymous: 'yes', teacherWithout: 'yes' } });
  });
});
