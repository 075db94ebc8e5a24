/**
 * `npm run subgraph:new -- <name>`: a new subgraph with the shape of the core ones, registered and
 * generated, so it composes, type-checks and passes its test with no hand edits:
 *
 *   schema/<name>.graphql            its SDL: an example entity and a field on User
 *   subgraphs/<name>/                index, context, loaders, resolvers, tables, handler, a test
 *   migrations/NNNN_<name>.ts        its tables
 *
 * and its entries in schema/subgraphs.json, subgraphs/index.ts, migrations/index.ts, codegen.yml,
 * runtime/policy/fieldRules.ts (the access rule of each of its fields: without one a field is
 * denied to everyone) and test/conformance/subgraphs.ts (what the subgraph conformance suite asks it). Then it runs `npm run generate` (composition and resolver types) and
 * `npm run security:matrix` (the access matrix in docs/SECURITY.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from './cli.js';
import { render, subgraphNames, type SubgraphNames } from './scaffold/names.js';
import { assertNew, nextMigrationVersion, registerCodegen, registerConformance, registerFieldRules, registerHosted, registerMigration } from './scaffold/register.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const templates = new URL('./scaffold/templates/', import.meta.url);

const requested = process.argv[2] ?? exitWith('Usage: npm run subgraph:new -- <name>   (one lower-case word, e.g. rewards)');
const names = validNames(requested);
const { name } = names;
const version = nextMigrationVersion(root);
const migrationFile = `${String(version).padStart(4, '0')}_${name}_subgraph.ts`;
const values = { ...names, version: String(version) };

const FILES: Record<string, string> = {
  'schema.graphql': `schema/${name}.graphql`,
  'index.ts': `subgraphs/${name}/index.ts`,
  'context.ts': `subgraphs/${name}/context.ts`,
  'loaders.ts': `subgraphs/${name}/loaders.ts`,
  'resolvers.ts': `subgraphs/${name}/resolvers.ts`,
  'tables.ts': `subgraphs/${name}/tables.ts`,
  'handler.ts': `subgraphs/${name}/handler.ts`,
  'test.ts': `subgraphs/${name}/${name}.test.ts`,
  'migration.ts': `migrations/${migrationFile}`,
};

function validNames(requested: string): SubgraphNames {
  try {
    const names = subgraphNames(requested);
    assertNew(root, names);
    return names;
  } catch (error) {
    return exitWith((error as Error).message);
  }
}

const template = (file: string) => render(readFileSync(new URL(`${file}.tmpl`, templates), 'utf8'), values);

for (const [file, target] of Object.entries(FILES)) {
  mkdirSync(dirname(join(root, target)), { recursive: true });
  writeFileSync(join(root, target), template(file));
  console.log(`wrote      ${target}`);
}
registerHosted(root, names);
registerMigration(root, migrationFile, `${name}Subgraph`);
registerCodegen(root, template('codegen.yml'));
registerFieldRules(root, template('fieldRules.ts'));
registerConformance(root, names, template('conformance.ts'));
console.log('registered schema/subgraphs.json, subgraphs/index.ts, migrations/index.ts, codegen.yml, runtime/policy/fieldRules.ts, test/conformance/subgraphs.ts');

execFileSync('npm', ['run', '--silent', 'generate'], { cwd: root, stdio: 'inherit' });
execFileSync('npm', ['run', '--silent', 'security:matrix'], { cwd: root, stdio: 'inherit' });
console.log(`
The ${name} subgraph is ready. Next:
  npx vitest run subgraphs/${name}     its test
  npx vitest run test/conformance/subgraphs.test.ts   the conformance suite every subgraph passes
  npm run migrate && npm start         its table, and the gateway serving it (try { me { ${name}Records { note } } })
  npm run schema:check                 what it adds to the API clients see
Rename the example record to your domain in schema/${name}.graphql and its fields in
runtime/policy/fieldRules.ts (each field's rule: who may see it), then npm run generate and
npm run security:matrix; give test/security/accessMatrix.test.ts a way to ask each new root field.`);
