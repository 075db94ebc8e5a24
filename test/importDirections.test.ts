/**
 * Folders depend one way: each top folder imports only the folders in the layers below it, and
 * two folders of one layer import neither each other. A contract two folders share (the analytics
 * event: pipeline/event/) lives in the lower one, never restated in the higher. Specs beside their
 * sources may also use the harness (test/) and the demo data (seed/); test/'s own specs span the
 * whole repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Top first. */
const LAYERS: readonly (readonly string[])[] = [
  ['bench'], // measures the whole system, through the harness
  ['test'], // the harness and the conformance suites
  ['scripts'], // command-line entry points
  ['infra'], // the AWS stack; reads the event contract for the lake's columns
  ['seed'], // the demo data, written through the subgraphs' and the pipeline's tables
  ['gateway'], // hosts the subgraphs in-process
  ['subgraphs'], // the domains; analytics produces into the pipeline, datarights erases from it
  ['pipeline'], // the analytics events: their contract, the queue, the lake, the consumer, the rollups
  ['migrations'], // each app's tables, the shared history and each subgraph's own, in version order
  ['schema'], // the registry and the SDL
  ['runtime', 'examples'], // what every part shares; another team's subgraph, which shares nothing
];
const SPEC_HELPERS = ['test', 'seed'];

const root = fileURLToPath(new URL('..', import.meta.url));
const layerOf = new Map(LAYERS.flatMap((folders, depth) => folders.map((folder) => [folder, depth] as const)));
const topOf = (path: string) => path.split(sep)[0]!;
/** A spec, or a subgraph's conformance entry: what the conformance suite asks of it, loaded by that suite alone. */
const isSpec = (path: string) => path.endsWith('.test.ts') || /^subgraphs\/[^/]+\/conformance\.ts$/.test(path);

function sourcesIn(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(m?ts|tsx)$/.test(path) && !path.split(sep).includes('node_modules'))
    .map((path) => join(folder, path));
}

const topFolders = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !['node_modules', 'dist', 'cdk.out'].includes(entry.name))
  .map((entry) => entry.name)
  .filter((folder) => sourcesIn(folder).length > 0);

interface Import { file: string; target: string }

/** Every import (static, type-only, re-export, dynamic) of a file inside the repository, as repository paths. */
const imports: Import[] = topFolders.flatMap(sourcesIn).flatMap((file) =>
  ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ file, target: normalize(join(dirname(file), specifier)) }))
    .filter(({ target }) => !relative(root, join(root, target)).startsWith('..')));

/** What `file` may import besides its own folder. */
function mayImport(file: string): (folder: string) => boolean {
  const from = topOf(file);
  if (isSpec(file) && from === 'test') return () => true;
  const depth = layerOf.get(from)!;
  return (folder) => (layerOf.get(folder) ?? -1) > depth || (isSpec(file) && SPEC_HELPERS.includes(folder));
}

const upward = (kind: (file: string) => boolean) => imports
  .filter(({ file, target }) => kind(file) && topOf(target) !== topOf(file) && !mayImport(file)(topOf(target)))
  .map(({ file, target }) => `${file} imports ${target}, but ${topOf(target)}/ is not below ${topOf(file)}/ in LAYERS`);

describe('the top folders', () => {
  it('each have their place in the layers', () => {
    expect(topFolders.filter((folder) => !layerOf.has(folder))).toEqual([]);
  });

  it('import only folders below them', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(upward((file) => !isSpec(file))).toEqual([]);
  });

  it('have specs that import only what their folder may, the harness and the demo data', () => {
    expect(upward(isSpec)).toEqual([]);
  });
});
