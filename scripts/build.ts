/**
 * `npm run build`: one esbuild bundle per Lambda (infra/bundles.ts) in `dist/<name>/index.mjs`,
 * ESM for Node 22, minified, with source maps; the AWS SDK stays out (the Lambda runtime ships it).
 *
 * The SDL files are copied next to each bundle rather than inlined. schema/subgraphs.ts reads them
 * with `readFileSync(new URL(`./${name}.graphql`, import.meta.url))`, a file name built at run time
 * that no loader or define can see; inlining would mean rewriting that module during the build, so
 * the bundle would run code the tests never ran. Copied, the same line works unchanged (the URL now
 * resolves beside index.mjs), for about 1 ms of reading at cold start.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LAMBDA_BUNDLES } from '../infra/bundles.js';

const root = new URL('../', import.meta.url);
const schemaDir = new URL('schema/', root);
const dist = new URL('dist/', root);

// ESM output, but mysql2, ioredis and Apollo's packages are CommonJS and call require().
const requireShim = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;

rmSync(dist, { recursive: true, force: true });
const sdlFiles = readdirSync(schemaDir).filter((file) => file.endsWith('.graphql'));

for (const [name, entry] of Object.entries(LAMBDA_BUNDLES)) {
  const outdir = new URL(`${name}/`, dist);
  const outfile = new URL('index.mjs', outdir);
  await build({
    entryPoints: [fileURLToPath(new URL(entry, root))],
    outfile: fileURLToPath(outfile),
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
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of sdlFiles) copyFileSync(new URL(file, schemaDir), new URL(file, outdir));
  console.log(`dist/${name}/index.mjs ${kib(statSync(outfile).size)}`);
}
