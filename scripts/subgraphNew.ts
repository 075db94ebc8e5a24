/**
 * `npm run subgraph:new -- <name>`: a new subgraph with the shape of the core ones, registered and
 * generated, so it composes, type-checks and passes its test with no hand edits, and edits no
 * shared file:
 *
 *   schema/<name>.graphql                 its SDL: an example entity and a field on User, each
 *                                         field's access declared (@authenticated, @policy, ...)
 *   subgraphs/<name>/                     index, context, loaders, resolvers, tables, handler, a test,
 *                                         its codegen options (codegen.yml), its conformance entry
 *                                         (conformance.ts) and its tables' migration (migrations/)
 *
 * and its entry in the registry (schema/subgraphs.json and subgraphs/index.ts). Then it runs `npm
 * run generate` (composition, plans and resolver types) and `npm run security:matrix` (the access
 * matrix in docs/SECURITY.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWith } from './cli.js';
import { render, subgraphNames, type SubgraphNames } from './scaffold/names.js';
import { assertNew, nextMigrationVersion, registerHosted } from './scaffold/register.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const templates = new URL('./scaffold/templates/', import.meta.url);

const requested = process.argv[2] ?? exitWith('Usage: npm run subgraph:new -- <name>   (one lower-case word, e.g. rewards)');
const names = validNames(requested);
const { name } = names;
const version = String(nextMigrationVersion(root)).padStart(4, '0');
const values = { ...names, version };

const FILES: Record<string, string> = {
  'schema.graphql': `schema/${name}.graphql`,
  'index.ts': `subgraphs/${name}/index.ts`,
  'context.ts': `subgraphs/${name}/context.ts`,
  'loaders.ts': `subgraphs/${name}/loaders.ts`,
  'resolvers.ts': `subgraphs/${name}/resolvers.ts`,
  'tables.ts': `subgraphs/${name}/tables.ts`,
  'handler.ts': `subgraphs/${name}/handler.ts`,
  'test.ts': `subgraphs/${name}/${name}.test.ts`,
  'codegen.yml': `subgraphs/${name}/codegen.yml`,
  'conformance.ts': `subgraphs/${name}/conformance.ts`,
  'migration.sql': `subgraphs/${name}/migrations/${version}_${name}_subgraph.sql`,
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
console.log('registered schema/subgraphs.json, subgraphs/index.ts');

execFileSync('npm', ['run', '--silent', 'generate'], { cwd: root, stdio: 'inherit' });
execFileSync('npm', ['run', '--silent', 'security:matrix'], { cwd: root, stdio: 'inherit' });
console.log(`
The ${name} subgraph is ready. Next:
  npx vitest run subgraphs/${name}     its test
  npx vitest run test/conformance/subgraphs.test.ts   the conformance suite every subgraph passes
  npm run migrate && npm start         its table, and the gateway serving it (try { me { ${name}Records { note } } })
  npm run schema:check                 what it adds to the API clients see
Rename the example record to your domain in schema/${name}.graphql, declaring each field's access
there (who may see it: @authenticated, @policy naming a rule of runtime/policy/rules.ts, @about), then
npm run generate and npm run security:matrix; give test/security/accessMatrix.test.ts a way to ask
each new root field.`);
