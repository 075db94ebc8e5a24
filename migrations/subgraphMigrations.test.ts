import { describe, expect, it } from 'vitest';
import { inVersionOrder, sqlMigration, subgraphMigrations } from './subgraphMigrations.js';

const t = (table: string) => `\`amal_${table}\``;

describe('a subgraph migration file', () => {
  it('becomes its statements, comments left out, each table the app\'s', () => {
    const migration = sqlMigration(7, 'rewards_subgraph', [
      '-- The tables of the rewards subgraph.',
      'CREATE TABLE IF NOT EXISTS {{rewards_records}} (',
      '  id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(500) NOT NULL -- no ; here',
      ') ENGINE=InnoDB;',
      '',
      'CREATE INDEX note_idx ON {{rewards_records}} (note);',
    ].join('\n'));
    expect(migration.up(t)).toEqual([
      'CREATE TABLE IF NOT EXISTS `amal_rewards_records` (\n  id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(500) NOT NULL -- no ; here\n) ENGINE=InnoDB',
      'CREATE INDEX note_idx ON `amal_rewards_records` (note)',
    ]);
  });

  it('is found for no subgraph that keeps none (every core subgraph\'s tables are in the shared history)', () => {
    expect(subgraphMigrations(['users', 'datarights'])).toEqual([]);
  });

  it('refuses two migrations with one version', () => {
    const one = sqlMigration(7, 'rewards_subgraph', 'SELECT 1;');
    const other = sqlMigration(7, 'badges_subgraph', 'SELECT 1;');
    expect(() => inVersionOrder([other, one])).toThrow('Two migrations have version 7 (badges_subgraph, rewards_subgraph): give the later one the next free number');
  });
});
