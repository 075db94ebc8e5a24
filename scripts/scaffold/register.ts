/**
 * The registry, the one place outside its own folder a new subgraph is written: its name in
 * schema/subgraphs.json (what composition, the gateway, the local servers and the Lambda bundles
 * read, without loading any subgraph's code) and its module in subgraphs/index.ts (what a process
 * that hosts subgraphs loads). Everything else it needs lives in subgraphs/<name>/ (its code, its
 * codegen options, its migrations, its conformance entry) and its SDL, schema/<name>.graphql; its
 * fields' access is declared in that SDL.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubgraphNames } from './names.js';

interface Registry {
  hosted: Record<string, { port: number }>;
  external: Record<string, { url: string }>;
}

export function assertNew(root: string, { name }: SubgraphNames): void {
  const registry = readRegistry(root);
  const taken = name in registry.hosted || name in registry.external || existsSync(join(root, 'subgraphs', name)) || existsSync(join(root, 'schema', `${name}.graphql`));
  if (taken) throw new Error(`A subgraph named "${name}" exists already (schema/subgraphs.json, subgraphs/${name}/ or schema/${name}.graphql)`);
}

/** The next migration's version, one above the highest of the shared history (migrations/NNNN_*.ts) and every subgraph's own (subgraphs/<name>/migrations/NNNN_*.sql). */
export function nextMigrationVersion(root: string): number {
  const versionsIn = (dir: string, file: RegExp) => (existsSync(dir) ? readdirSync(dir).map((name) => file.exec(name)?.[1]).filter((v): v is string => v !== undefined).map(Number) : []);
  const subgraphs = readdirSync(join(root, 'subgraphs'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const versions = [
    ...versionsIn(join(root, 'migrations'), /^(\d{4})_.*\.ts$/),
    ...subgraphs.flatMap((name) => versionsIn(join(root, 'subgraphs', name, 'migrations'), /^(\d{4})_.*\.sql$/)),
  ];
  return Math.max(0, ...versions) + 1;
}

/** Adds the subgraph to the registry: its name and local port (the next free one) to schema/subgraphs.json, its module to subgraphs/index.ts. */
export function registerHosted(root: string, { name }: SubgraphNames): void {
  const registry = readRegistry(root);
  const port = Math.max(4000, ...Object.values(registry.hosted).map((entry) => entry.port)) + 1;
  registry.hosted[name] = { port };
  writeFileSync(join(root, 'schema', 'subgraphs.json'), formatRegistry(registry));
  appendLine(join(root, 'subgraphs', 'index.ts'), `export { ${name} } from './${name}/index.js';`);
}

function readRegistry(root: string): Registry {
  return JSON.parse(readFileSync(join(root, 'schema', 'subgraphs.json'), 'utf8')) as Registry;
}

/** One subgraph a line, as the file is written by hand. */
function formatRegistry({ hosted, external }: Registry): string {
  const inline = (entry: object) => `{ ${Object.entries(entry).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
  const section = (entries: Record<string, object>) => {
    const lines = Object.entries(entries).map(([name, entry]) => `    ${JSON.stringify(name)}: ${inline(entry)}`);
    return lines.length ? `{\n${lines.join(',\n')}\n  }` : '{}';
  };
  return `{\n  "hosted": ${section(hosted)},\n  "external": ${section(external)}\n}\n`;
}

function appendLine(path: string, line: string): void {
  writeFileSync(path, readFileSync(path, 'utf8').replace(/\n*$/, '\n') + line + '\n');
}
