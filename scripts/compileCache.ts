/**
 * A V8 compile cache shipped inside a Lambda bundle (Node >= 24.12's portable compile cache), so a
 * cold start deserializes the bundle's code instead of compiling it.
 *
 * Node keys a portable cache by each module's path relative to the cache folder, and names that
 * folder after the Node release, the architecture, a hash of the V8 flags and the user id. Lambda
 * runs the bundle from a read-only /var/task as a user of its own, and only /tmp is writable, so:
 * at build the bundle runs once from `<root>/var/task` with its cache in `<root>/tmp/compile-cache`
 * (the same relative paths as /var/task and /tmp), and the cache is shipped in the bundle's
 * `compile-cache/`; at start `index.mjs` (WRAPPER) copies it to /tmp under its own user id, enables
 * it, and imports the bundle (`main.mjs`). A cache made by another Node release or architecture is
 * not copied: the bundle then compiles as it would without one. So the cache pays only when
 * `npm run build -- --node <path>` is given the very Node (release and architecture) the function
 * runs.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';

/** The file the wrapper imports: the bundle's own entry. */
export const BUNDLE_ENTRY = 'main';

const WRAPPER = `// Copies the compile cache npm run build made (scripts/compileCache.ts) to the only writable folder, then loads the bundle.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
try {
  const shipped = fileURLToPath(new URL('./compile-cache/', import.meta.url));
  const made = readdirSync(shipped).find((tag) => tag.startsWith(process.version + '-' + process.arch + '-'));
  if (made) {
    // Node names the folder after the user too; copied file by file, since a copied folder would keep its read-only mode.
    const directory = join(tmpdir(), 'compile-cache');
    const mine = join(directory, made.replace(/-\\d+$/, '-' + process.getuid()));
    mkdirSync(mine, { recursive: true });
    for (const file of readdirSync(join(shipped, made))) copyFileSync(join(shipped, made, file), join(mine, file));
    enableCompileCache({ directory, portable: true });
  }
} catch {
  // No cache (or none for this Node): the bundle compiles as usual.
}
export const { handler } = await import('./${BUNDLE_ENTRY}.mjs');
`;

/** The version of the Node at `node` when it has the portable compile cache (>= 24.12), else undefined. */
export function portableCompileCacheIn(node: string): string | undefined {
  const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 24 || (major === 24 && minor >= 12) ? version : undefined;
}

// In the build's run: the cache on, the bundle loaded (its init), one `{ __typename }` answered (a subgraph refuses it
// unsigned: its own init has run one), and out.
const FILL = `
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
enableCompileCache({ directory: join(tmpdir(), 'compile-cache'), portable: true });
const { handler } = await import(process.argv[1]);
const now = Date.now();
const event = {
  version: '2.0', routeKey: 'POST /graphql', rawPath: '/graphql', rawQueryString: '', isBase64Encoded: false,
  headers: { 'content-type': 'application/json' },
  requestContext: { accountId: 'build', apiId: 'build', domainName: 'build', domainPrefix: 'build', requestId: 'compile-cache', routeKey: 'POST /graphql', stage: '$default', time: new Date(now).toISOString(), timeEpoch: now,
    http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'build' } },
  body: JSON.stringify({ query: '{ __typename }' }),
};
if (typeof handler === 'function') await handler(event, { functionName: 'build', awsRequestId: 'compile-cache', getRemainingTimeInMillis: () => 10000 }, () => {}).catch(() => undefined);
process.exit(0);
`;

/**
 * Writes WRAPPER as `outdir/index.mjs` and fills `outdir/compile-cache/` by running the bundle once
 * with `node`, in an environment of unreachable backing services (its init must not wait on them).
 * Returns the cache's bytes; a run that fails leaves no cache (the wrapper then loads the bundle as is).
 */
export function shipCompileCache(outdir: string, node: string): number {
  writeFileSync(join(outdir, 'index.mjs'), WRAPPER);
  const root = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  try {
    const task = join(root, 'var', 'task');
    cpSync(outdir, task, { recursive: true });
    mkdirSync(join(root, 'tmp'));
    spawnSync(node, ['--input-type=module', '-e', FILL, join(task, 'index.mjs')], {
      cwd: task,
      env: {
        PATH: process.env.PATH ?? '',
        TMPDIR: join(root, 'tmp'),
        NODE_ENV: 'production',
        AWS_REGION: 'eu-west-1',
        APP_NAME: 'amal',
        // Nothing listens on port 9: connections are refused at once.
        DATABASE_URL: 'mysql://build@127.0.0.1:9/build',
        REDIS_URL: 'redis://127.0.0.1:9',
        CONTEXT_SECRETS: randomBytes(32).toString('hex'),
        AUTH_ISSUER: 'https://build.invalid',
        AUTH_AUDIENCE: 'build',
        AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
        SUBGRAPH_TRANSPORT: 'lambda',
        ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `build-${name}`])),
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'build',
        AWS_SECRET_ACCESS_KEY: 'build',
        LOG_LEVEL: 'silent',
        POWERTOOLS_SERVICE_NAME: 'build',
      },
      stdio: 'ignore',
      timeout: 60_000,
    });
    const made = join(root, 'tmp', 'compile-cache');
    const files = readdirSync(made, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    if (files.length === 0) return 0;
    cpSync(made, join(outdir, 'compile-cache'), { recursive: true });
    // Node writes them for its own user only; the function's user must read them.
    for (const file of readdirSync(join(outdir, 'compile-cache'), { recursive: true, withFileTypes: true })) chmodSync(join(file.parentPath, file.name), file.isFile() ? 0o644 : 0o755);
    return files.reduce((sum, file) => sum + statSync(join(file.parentPath, file.name)).size, 0);
  } catch {
    return 0;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
