/**
 * The explorer's static bundle: GraphiQL 5 with the explorer plugin, built with esbuild from the
 * npm packages into gateway/explorer/dist/<fingerprint>/ (gitignored). It is built, not committed:
 * Monaco makes it several MB of generated code that would churn on every upgrade, and a build takes
 * a few seconds. `npm start` and the test setup call `explorerBundle()`, which builds only when no
 * bundle matches the fingerprint of the sources and package versions, so a clean clone just works
 * and a warm start costs a hash. Builds go to a temporary folder renamed into place, so two
 * processes starting at once never serve a half-written bundle.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const uiDir = join(here, 'ui');
const distDir = join(here, 'dist');

/** Packages whose version changes the bundle. */
const PACKAGES = ['graphiql', '@graphiql/plugin-explorer', '@graphiql/react', '@graphiql/toolkit', 'monaco-editor', 'monaco-graphql', 'react', 'react-dom', 'esbuild'];

/** Monaco's language services, each a worker file beside main.js (ui/monacoWorkers.ts loads them). */
const WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

/** The folder holding the current bundle (index.html, main.js, main.css, workers, fonts), built if missing. */
export async function explorerBundle(): Promise<string> {
  const target = join(distDir, fingerprint());
  if (existsSync(target)) return target;
  const temporary = `${target}.${process.pid}.tmp`;
  await buildInto(temporary);
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(target)) throw error; // else another process finished the same build first
  }
  removeOtherBundles(target);
  return target;
}

async function buildInto(outdir: string): Promise<void> {
  await build({
    absWorkingDir: uiDir,
    entryPoints: [{ in: 'main.tsx', out: 'main' }, ...Object.entries(WORKERS).map(([out, entry]) => ({ in: entry, out }))],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    loader: { '.ttf': 'file' },
    assetNames: '[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  copyFileSync(join(uiDir, 'index.html'), join(outdir, 'index.html'));
}

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(uiDir).sort()) hash.update(file).update(readFileSync(join(uiDir, file)));
  for (const name of PACKAGES) hash.update(`${name}@${installedVersion(name)}`);
  return hash.digest('hex').slice(0, 16);
}

/** Read from the package's own package.json: not every package exports it for `require`. */
function installedVersion(name: string): string {
  const require = createRequire(join(uiDir, 'main.tsx'));
  const base = require.resolve.paths(name)?.find((dir) => existsSync(join(dir, name, 'package.json')));
  if (!base) throw new Error(`The explorer needs the npm package ${name}: run npm ci`);
  return (JSON.parse(readFileSync(join(base, name, 'package.json'), 'utf8')) as { version: string }).version;
}

function removeOtherBundles(keep: string): void {
  for (const entry of readdirSync(distDir)) {
    const path = join(distDir, entry);
    if (path !== keep && !entry.endsWith('.tmp')) rmSync(path, { recursive: true, force: true });
  }
}
