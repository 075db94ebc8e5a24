import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSdl } from '../schema/subgraphs.js';
import { SupergraphError } from './errors.js';
import { loadSupergraph } from './supergraph.js';

const HOSTED = ['users', 'curriculum', 'memory', 'analytics'];
const fileWith = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'lg-supergraph-')), 'supergraph.graphql');
  writeFileSync(file, text);
  return file;
};

describe('loading the supergraph', () => {
  it('returns the shipped supergraph when no file is configured', () => {
    expect(loadSupergraph('', HOSTED)).toBe(readSdl('supergraph'));
  });

  it.each([
    { name: 'a missing file', file: () => '/nonexistent/supergraph.graphql', says: 'cannot read its supergraph at /nonexistent/supergraph.graphql (ENOENT)' },
    { name: 'a truncated file', file: () => fileWith(readSdl('supergraph').slice(0, 2_000)), says: 'is not valid GraphQL' },
    { name: 'one subgraph’s SDL instead of the composition', file: () => fileWith(readSdl('users')), says: 'not a composed supergraph' },
    { name: 'a stale composition without the analytics subgraph', file: () => fileWith(readSdl('supergraph').replace(/^\s*ANALYTICS @join__graph.*$/m, '')), says: 'has no subgraph named analytics' },
  ])('refuses $name with one paragraph that says how to fix it', ({ file, says }) => {
    let error: unknown;
    try {
      loadSupergraph(file(), HOSTED);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SupergraphError);
    expect((error as Error).message).toContain(says);
    expect((error as Error).message).toContain('npm run compose');
    expect((error as Error).message).not.toContain('\n');
  });
});
