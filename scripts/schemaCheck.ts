/**
 * `npm run schema:check`: compares the API schema of a fresh composition with the one released to
 * clients (schema/api.graphql) and fails on undeclared breaking changes, printing every change.
 * `npm run schema:release` (`--release`), after a production deploy: records the fresh API schema
 * as released, if the check passes.
 */
import { apiSchemaOf, composeSupergraph, registeredSubgraphs } from '../schema/compose.js';
import { checkSchema, formatSchemaCheck, readDeclarations, readReleasedSchema, recordRelease } from '../schema/check.js';
import { exitWith } from './cli.js';

const composition = composeSupergraph(registeredSubgraphs());
if (!composition.ok) exitWith(`Composition failed:\n  - ${composition.errors.join('\n  - ')}`);

const fresh = apiSchemaOf(composition.supergraphSdl);
const check = await checkSchema(readReleasedSchema(), fresh, readDeclarations());
console.log(`Schema check: the released API schema (schema/api.graphql) -> a fresh composition\n${formatSchemaCheck(check)}`);
if (!check.passed) process.exit(1);

if (process.argv.includes('--release')) {
  recordRelease(fresh);
  console.log('Recorded schema/api.graphql as released; schema/breaking-changes.json is empty again. Commit both.');
}
