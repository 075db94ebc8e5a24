/**
 * Writes the access matrix (schema/accessMatrix.ts) of the composed API, from what each registered
 * subgraph's SDL declares, into docs/SECURITY.md between its markers; `--check` fails when the file
 * is stale or a field has no rule.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { readSdl } from '../schema/subgraphs.js';
import { registeredSubgraphs } from '../schema/compose.js';
import { accessMatrix, matrixMarkdown } from '../schema/accessMatrix.js';

const START = '<!-- access-matrix:start (npm run security:matrix) -->';
const END = '<!-- access-matrix:end -->';
const target = new URL('../docs/SECURITY.md', import.meta.url);

const schema = Supergraph.build(readSdl('supergraph')).apiSchema().toGraphQLJSSchema();
const rows = await accessMatrix(schema, registeredSubgraphs());
const current = readFileSync(target, 'utf8');
const [before, rest] = current.split(START);
const after = rest?.split(END)[1];
if (before === undefined || after === undefined) {
  console.error(`docs/SECURITY.md has no ${START} ... ${END} markers`);
  process.exit(1);
}
const next = `${before}${START}\n${matrixMarkdown(rows)}\n${END}${after}`;
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('docs/SECURITY.md\'s access matrix is stale: run `npm run security:matrix` and commit it.');
    process.exit(1);
  }
  console.log(`docs/SECURITY.md's access matrix is fresh (${rows.length} fields × 7 viewers).`);
} else {
  writeFileSync(target, next);
  console.log(`Wrote the access matrix into docs/SECURITY.md (${rows.length} fields × 7 viewers).`);
}
