import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../seed/demo.js';
import { REDIS_URL, useTestDatabase } from './support/harness.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });

/** Runs `npm start`'s script to its end (it must refuse; a start that serves is killed after 30 s). */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
      env: { ...process.env, PORT: '0', DATABASE_URL: apps.url, REDIS_URL, DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-refuse-')), 'k.json'), ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start refuses to start', () => {
  it.each<{ name: string; env: Record<string, string>; says: string }>([
    { name: 'without its supergraph', env: { SUPERGRAPH_FILE: '/nonexistent/supergraph.graphql' }, says: 'SUPERGRAPH_FILE' },
    { name: 'with an APP_NAME outside the allowlist', env: { APP_NAME: 'evil' }, says: 'APP_NAME must be one of amal, thurayya' },
    { name: 'with the development sign-in in production', env: { NODE_ENV: 'production', CONTEXT_SECRETS: 'a-production-secret', AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json', DEV_SIGN_IN: 'on' }, says: 'DEV_SIGN_IN=on is refused in production' },
    { name: 'with a persisted query manifest it cannot read', env: { PERSISTED_QUERY_MANIFESTS: '/nonexistent/manifest.json' }, says: 'PERSISTED_QUERY_MANIFESTS: The persisted query manifest /nonexistent/manifest.json cannot be read' },
  ])('$name, in one paragraph and without serving anything', async ({ env, says }) => {
    const { code, stdout, stderr } = await start(env);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/Gateway for/);
    expect(stderr).toContain(says);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
