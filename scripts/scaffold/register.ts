/**
 * Where a new subgraph is registered: the registry (schema/subgraphs.json), the module list
 * (subgraphs/index.ts), the migration list (migrations/index.ts), codegen.yml, the access rules
 * of its fields (runtime/policy/fieldRules.ts) and its entry for the subgraph conformance suite
 * (test/conformance/subgraphs.ts). Everything else (composition, the gateway's
 * targets, local ports, Lambda bundles, the access matrix, tests) reads those.
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

/** The next migration's version, one above the highest migrations/NNNN_*.ts. */
export function nextMigrationVersion(root: string): number {
  const versions = readdirSync(join(root, 'migrations')).map((file) => /^(\d{4})_.*\.ts$/.exec(file)?.[1]).filter((v): v is string => v !== undefined).map(Number);
  return Math.max(0, ...versions) + 1;
}

export function registerHosted(root: string, { name }: SubgraphNames): void {
  const registry = readRegistry(root);
  const port = Math.max(4000, ...Object.values(registry.hosted).map((entry) => entry.port)) + 1;
  registry.hosted[name] = { port };
  writeFileSync(join(root, 'schema', 'subgraphs.json'), formatRegistry(registry));
  appendLine(join(root, 'subgraphs', 'index.ts'), `export { ${name} } from './${name}/index.js';`);
}

export function registerMigration(root: string, file: string, exported: string): void {
  const path = join(root, 'migrations', 'index.ts');
  const source = readFileSync(path, 'utf8');
  const imports = [...source.matchAll(/^import \{ \w+ \} from '\.\/\d{4}_\w+\.js';$/gm)];
  const list = /^(export const MIGRATIONS: readonly Migration\[\] = \[)([^\]]*)(\];)$/m.exec(source);
  const lastImport = imports.at(-1);
  if (!lastImport || !list) throw new Error('migrations/index.ts no longer has the shape the scaffold edits (one import per migration file, a one-line MIGRATIONS list); register the migration by hand');
  const at = lastImport.index + lastImport[0].length;
  const withImport = `${source.slice(0, at)}\nimport { ${exported} } from './${file.replace(/\.ts$/, '.js')}';${source.slice(at)}`;
  writeFileSync(path, withImport.replace(list[0], `${list[1]}${list[2]}, ${exported}${list[3]}`));
}

/** codegen.yml ends with its `generates:` map; the new entry goes at its end. */
export function registerCodegen(root: string, entry: string): void {
  const path = join(root, 'codegen.yml');
  const source = readFileSync(path, 'utf8');
  const topLevelKeys = [...source.matchAll(/^(\w[\w-]*):/gm)].map((match) => match[1]);
  if (topLevelKeys.at(-1) !== 'generates') throw new Error('codegen.yml no longer ends with its `generates:` map; add the entry by hand');
  writeFileSync(path, source.replace(/\n*$/, '\n') + entry);
}

/** The new fields' rules go at the end of FIELD_RULES, as a section of their own like each subgraph's. */
export function registerFieldRules(root: string, entries: string): void {
  const path = join(root, 'runtime', 'policy', 'fieldRules.ts');
  const source = readFileSync(path, 'utf8');
  const end = '\n} satisfies Record<string, FieldRule>;';
  if (source.split(end).length !== 2) throw new Error('runtime/policy/fieldRules.ts no longer ends FIELD_RULES with `} satisfies Record<string, FieldRule>;`; add the rules by hand');
  writeFileSync(path, source.replace(end, `${entries.replace(/\n+$/, '')}${end}`));
}

/** The new entry goes at the end of SUBGRAPH_CONFORMANCE, its tables' import after the last import. */
export function registerConformance(root: string, { name }: SubgraphNames, entry: string): void {
  const path = join(root, 'test', 'conformance', 'subgraphs.ts');
  const source = readFileSync(path, 'utf8');
  const end = '\n} satisfies Record<SubgraphName, SubgraphConformance>;';
  const lastImport = [...source.matchAll(/^import .*;$/gm)].at(-1);
  if (source.split(end).length !== 2 || !lastImport) throw new Error('test/conformance/subgraphs.ts no longer ends SUBGRAPH_CONFORMANCE with `} satisfies Record<SubgraphName, SubgraphConformance>;`; add the entry by hand');
  const at = lastImport.index + lastImport[0].length;
  const withImport = `${source.slice(0, at)}\nimport { ${name}Tables } from '../../subgraphs/${name}/tables.js';${source.slice(at)}`;
  writeFileSync(path, withImport.replace(end, `\n${entry.replace(/\n+$/, '')}${end}`));
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
