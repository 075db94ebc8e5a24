import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

const NAME = 'rewards';
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** The repo as it is on disk (tracked and new files, not ignored ones) in a temp folder sharing node_modules: the real one is never touched. */
function throwawayCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lg-scaffold-'));
  copies.push(dir);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0');
  for (const file of files.filter((path) => path && existsSync(path))) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    copyFileSync(file, join(dir, file));
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Every file under `dir` (node_modules left out) with a hash of its content. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.startsWith('node_modules/'));
  return new Map(files.map((file) => [file, createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]));
}

/** The files added, changed or removed between two snapshots. */
function written(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** Runs a tool of node_modules/.bin in `dir`, outside this vitest run (its VITEST_* variables dropped). */
function run(dir: string, tool: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  return new Promise((done) => {
    const child = spawn(join('node_modules', '.bin', tool), args, { cwd: dir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => done({ code, output }));
  });
}

async function expectSuccess(step: Promise<{ code: number | null; output: string }>): Promise<void> {
  const { code, output } = await step;
  expect(code, output.slice(-3000)).toBe(0);
}

/**
 * What adding a subgraph may write outside its folder: the registry, its SDL, and what `npm run
 * generate` and `npm run security:matrix` regenerate from them. No other file of the repo.
 */
const OUTSIDE_ITS_FOLDER = [
  'schema/subgraphs.json', 'subgraphs/index.ts', `schema/${NAME}.graphql`,
  'schema/supergraph.graphql', `schema/${NAME}.federated.graphql`, 'operations/queryPlans.json', 'docs/SECURITY.md',
];

describe('npm run subgraph:new', () => {
  it('writes a subgraph that composes, type-checks, declares the access of every field and passes its own test and the subgraph conformance suite with no hand edits', async () => {
    const dir = throwawayCopy();
    const before = snapshot(dir);
    const started = Date.now();

    await expectSuccess(run(dir, 'tsx', 'scripts/subgraphNew.ts', NAME));
    for (const file of ['index.ts', 'context.ts', 'loaders.ts', 'resolvers.ts', 'tables.ts', 'handler.ts', `${NAME}.test.ts`, 'codegen.yml', 'conformance.ts', 'generated/resolvers.ts']) {
      expect(existsSync(join(dir, 'subgraphs', NAME, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(dir, 'schema/subgraphs.json'), 'utf8')).hosted[NAME]).toEqual({ port: expect.any(Number) });
    // It edits no core file: besides the registry, its SDL and regenerated files, it writes only inside subgraphs/<name>/.
    const outside = written(before, snapshot(dir)).filter((file) => !file.startsWith(`subgraphs/${NAME}/`));
    expect(outside.filter((file) => !OUTSIDE_ITS_FOLDER.includes(file))).toEqual([]);
    expect(outside).toEqual(expect.arrayContaining(['schema/subgraphs.json', 'subgraphs/index.ts', `schema/${NAME}.graphql`]));

    await Promise.all([
      expectSuccess(run(dir, 'tsc', '--noEmit', '-p', '.')),
      (async () => {
        await expectSuccess(run(dir, 'tsx', 'scripts/compose.ts', '--check'));
        await expectSuccess(run(dir, 'tsx', 'scripts/codegen.ts', '--check'));
        await expectSuccess(run(dir, 'tsx', 'scripts/schemaCheck.ts'));
        // Fails on a field of the composed API without a rule, or an access matrix the scaffold left stale.
        await expectSuccess(run(dir, 'tsx', 'scripts/securityMatrix.ts', '--check'));
      })(),
      (async () => {
        const tests = await run(dir, 'vitest', 'run', '--reporter=verbose', `subgraphs/${NAME}`, 'test/conformance/subgraphs.test.ts');
        expect(tests.code, tests.output.slice(-3000)).toBe(0);
        // Its entry in test/conformance/subgraphs.ts put it under the suite every subgraph passes.
        expect(tests.output).toContain(`the ${NAME} subgraph (subgraph conformance)`);
      })(),
    ]);
    console.log(`scaffold-to-green (subgraph:new, then typecheck, composition, codegen, schema and access-matrix checks, its test and the conformance suite): ${((Date.now() - started) / 1000).toFixed(1)} s`);

    expect(existsSync(join('subgraphs', NAME))).toBe(false);
    expect(readFileSync('schema/subgraphs.json', 'utf8')).not.toContain(`"${NAME}"`);
    expect(readFileSync('subgraphs/index.ts', 'utf8')).not.toContain(`./${NAME}/`);
  }, 300_000);

  it.each(['Rewards', 'users', 'x', 'two-words'])('refuses the name "%s"', async (name) => {
    const dir = copies[0] ?? throwawayCopy();
    const { code, output } = await run(dir, 'tsx', 'scripts/subgraphNew.ts', name);
    expect(code).toBe(1);
    expect(output).toMatch(/exists already|one lower-case word/);
  });
});
