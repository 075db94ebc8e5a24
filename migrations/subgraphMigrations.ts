/**
 * The migrations a hosted subgraph keeps in its own folder, so adding a subgraph edits no shared
 * file: `subgraphs/<name>/migrations/NNNN_<name>.sql`, applied with the shared history
 * (./index.ts) in version order, recorded the same way.
 *
 * The file: DDL statements, each ending with `;` at the end of a line; `--` lines are comments; a
 * table is written `{{table}}` and becomes the app's (`{{rewards_records}}` is
 * `amal_rewards_records`). As every migration, each statement must be safe to run again (./migration.ts).
 * The files are read at run time, beside the code as everywhere else (scripts/bundle.ts ships them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import type { Migration } from './migration.js';

const FILE = /^(\d{4})_(\w+)\.sql$/;

/** A migration from the text of its SQL file. */
export function sqlMigration(version: number, name: string, text: string): Migration {
  const statements = text.split('\n').filter((line) => !line.trimStart().startsWith('--')).join('\n')
    .split(/;[ \t]*$/m).map((statement) => statement.trim()).filter(Boolean);
  return { version, name, up: (t) => statements.map((statement) => statement.replace(/\{\{(\w+)\}\}/g, (_, table: string) => t(table))) };
}

/** Every migration the hosted subgraphs `names` keep in their folders. */
export function subgraphMigrations(names: readonly string[] = SUBGRAPH_NAMES): Migration[] {
  return names.flatMap((name) => {
    const folder = new URL(`../subgraphs/${name}/migrations/`, import.meta.url);
    let files: string[];
    try {
      files = readdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return files.flatMap((file) => {
      const [, version, migration] = FILE.exec(file) ?? [];
      return version && migration ? [sqlMigration(Number(version), migration, readFileSync(new URL(file, folder), 'utf8'))] : [];
    });
  });
}

/** `migrations` by version; throws when two share one, which would leave one never applied. */
export function inVersionOrder(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const clash = sorted.find((migration, i) => i > 0 && sorted[i - 1]!.version === migration.version);
  if (clash) throw new Error(`Two migrations have version ${clash.version} (${sorted.filter((m) => m.version === clash.version).map((m) => m.name).join(', ')}): give the later one the next free number`);
  return sorted;
}
