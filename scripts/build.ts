/**
 * `npm run build`: one esbuild bundle per Lambda (infra/bundles.ts) in `dist/<name>/index.mjs`
 * (scripts/bundle.ts says how each is made).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAMBDA_BUNDLES } from '../infra/bundles.js';
import { bundleLambda } from './bundle.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;

rmSync(dist, { recursive: true, force: true });
for (const [name, entry] of Object.entries(LAMBDA_BUNDLES)) {
  console.log(`dist/${name}/index.mjs ${kib(await bundleLambda(entry, join(dist, name)))}`);
}
