/**
 * `npm run build [-- --node <path>]`: the manifest and query plans made afresh for the supergraph
 * (scripts/operations.ts), then one esbuild bundle per Lambda (infra/bundles.ts) in
 * `dist/<name>/index.mjs` (scripts/bundle.ts says how each is made). `--node`: the Node the
 * functions will run; one with the portable compile cache (>= 24.12, the very release and
 * architecture Lambda runs) ships a compile cache in each bundle (scripts/compileCache.ts).
 */
import { cpSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LAMBDA_BUNDLES } from '../infra/bundles.js';
import { bundleLambda } from './bundle.js';
import { explorerBundle } from '../gateway/explorer/bundle.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;
const { node } = parseArgs({ options: { node: { type: 'string', default: process.execPath } } }).values;

// Writes operations/manifest.json and queryPlans.json, which the gateway bundle ships.
await import('./operations.js');

rmSync(dist, { recursive: true, force: true });
for (const [name, entry] of Object.entries(LAMBDA_BUNDLES)) {
  const { atStart, total, compileCache } = await bundleLambda(entry, join(dist, name), { node });
  console.log(`dist/${name}/ ${kib(atStart)} loaded at start, ${kib(total).trim()} in all${compileCache ? `, ${kib(compileCache).trim()} of compile cache` : ''}`);
}

// The gateway serves the explorer from the folder beside gateway/handler.ts in its bundle's layout.
const explorer = join(dist, 'gateway', 'gateway', 'explorer');
cpSync(await explorerBundle(), explorer, { recursive: true });
console.log(`${relative(dist, explorer)}/ (the explorer's files)`);
