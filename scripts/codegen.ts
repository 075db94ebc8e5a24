/**
 * `npm run codegen`: the resolver types of every hosted subgraph (schema/subgraphs.json),
 * subgraphs/<name>/generated/resolvers.ts from schema/<name>.graphql, with codegen.yml's plugins
 * and options, the subgraph's context type (`<Name>Context` of its context.ts) and its own part of
 * the configuration (subgraphs/<name>/codegen.yml: the models its resolvers receive), so adding a
 * subgraph edits no shared file. `--check` fails when a committed file differs from a fresh one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig, type CodegenConfig } from '@graphql-codegen/cli';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The configuration in `file` (YAML), read as graphql-codegen reads its own; empty when there is no such file. */
async function configIn<T>(file: string): Promise<Partial<T>> {
  const path = join(root, file);
  if (!existsSync(path)) return {};
  const loaded: unknown = (await loadCodegenConfig({ configFilePath: path }))?.config;
  return (loaded ?? {}) as Partial<T>;
}

type Shared = Omit<CodegenConfig, 'generates'> & { plugins: string[]; config: Record<string, unknown> };
const { plugins, config: shared, ...options } = (await configIn<Shared>('codegen.yml')) as Shared;
const generates: CodegenConfig['generates'] = {};
for (const name of SUBGRAPH_NAMES) {
  const own = await configIn<Record<string, unknown>>(`subgraphs/${name}/codegen.yml`);
  generates[`subgraphs/${name}/generated/resolvers.ts`] = {
    schema: `schema/${name}.graphql`,
    plugins,
    config: { ...shared, contextType: `../context.js#${name[0]!.toUpperCase()}${name.slice(1)}Context`, ...own },
  };
}

const outputs = (await generate({ ...options, cwd: root, silent: true, generates }, false)) as { filename: string; content: string }[];
const files = outputs.map(({ filename, content }) => ({ file: relative(root, isAbsolute(filename) ? filename : join(root, filename)), content }));
const read = (file: string) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '');

if (process.argv.includes('--check')) {
  const stale = files.filter(({ file, content }) => read(file) !== content).map(({ file }) => file);
  if (stale.length) {
    console.error(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale: run \`npm run codegen\` and commit.`);
    process.exit(1);
  }
  console.log(`The resolver types of ${files.length} subgraphs are fresh.`);
} else {
  for (const { file, content } of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  console.log(`Wrote the resolver types of ${files.length} subgraphs.`);
}
