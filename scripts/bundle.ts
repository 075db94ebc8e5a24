/**
 * One Lambda bundle, as `npm run build` makes them: `<outdir>/index.mjs`, ESM for Node 22,
 * minified, with source maps; the AWS SDK stays out (the Lambda runtime ships it).
 *
 * Files read at run time: the code finds its data beside its own module, e.g.
 * `readFileSync(new URL(`./${name}.graphql`, import.meta.url))` in schema/subgraphs.ts and
 * `new URL('../operations/manifest.json', import.meta.url)` in gateway/safelist.ts. They are copied,
 * not inlined: the first builds the file name at run time, which no loader or define can see, and
 * inlining would mean rewriting those modules, so the bundle would run code the tests never ran.
 * Each of our modules keeps the repo's layout instead: its `import.meta.url` is rebased to where
 * it would sit inside the bundle folder (`<bundle>/schema/subgraphs.ts`), and RUNTIME_FILES are
 * copied there at their repo paths. The same lines then work unchanged, for about 1 ms of reading
 * at cold start.
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** What the code reads beside its modules: a new `new URL(…, import.meta.url)` read adds its files here. */
const RUNTIME_FILES = [
  { dir: 'schema', name: /\.graphql$/ },
  { dir: 'operations', name: /^manifest\.json$/ },
];

// ESM output, but mysql2, ioredis and Apollo's packages are CommonJS and call require().
const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** In our own modules, `import.meta.url` becomes the URL the module would have at its repo path inside the bundle folder. */
const rebaseImportMetaUrl: Plugin = {
  name: 'rebase-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const at = `./${relative(root, args.path).split(sep).join('/')}`;
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(at)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/** Bundles `entry` (a path from the repo root) into `outdir`; returns the size of index.mjs in bytes. */
export async function bundleLambda(entry: string, outdir: string): Promise<number> {
  const outfile = join(outdir, 'index.mjs');
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: true,
    // Stack traces need only the mappings; the sources would double the upload.
    sourcesContent: false,
    legalComments: 'none',
    external: ['@aws-sdk/*'],
    banner: { js: requireShim },
    plugins: [rebaseImportMetaUrl],
    logLevel: 'warning',
  });
  for (const { dir, name } of RUNTIME_FILES) {
    for (const file of readdirSync(join(root, dir)).filter((file) => name.test(file))) {
      mkdirSync(join(outdir, dir), { recursive: true });
      copyFileSync(join(root, dir, file), join(outdir, dir, file));
    }
  }
  return statSync(outfile).size;
}
