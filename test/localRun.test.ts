import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../seed/demo.js';
import { REDIS_URL, useTestDatabase } from './support/harness.js';
import { freePort } from './support/freePort.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });

/**
 * Runs `npm start`'s script until `until` appears on stdout (or it exits), then `meanwhile` while
 * it runs, then stops it. Its development sign-in listens on a free port.
 */
async function start(env: Record<string, string>, until?: RegExp, meanwhile?: (stdout: string) => Promise<void>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const issuer = `http://127.0.0.1:${await freePort()}`;
  return new Promise((resolve, reject) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DEV_ISSUER_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lg-start-')), 'k.json'), AUTH_ISSUER: issuer, ...env },
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (started || !until?.test(stdout)) return;
      started = true;
      (meanwhile?.(stdout) ?? Promise.resolve()).catch(reject).finally(() => setTimeout(() => child.kill('SIGTERM'), 1_500));
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Each spec starts the whole system in a child process: its own 30 s kill timer bounds it.
describe('npm start', { timeout: 60_000 }, () => {
  it('explains an unreachable MySQL in one paragraph, without a stack trace', async () => {
    const url = 'mysql://root@127.0.0.1:1/learning';
    const { code, stdout, stderr } = await start({ DATABASE_URL: url, REDIS_URL });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('127.0.0.1:1');
    expect(stderr).toContain('DATABASE_URL=');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('runs without Redis and says so once', async () => {
    const { stdout, stderr } = await start({ DATABASE_URL: apps.url, REDIS_URL: 'redis://127.0.0.1:1' }, /Gateway for "amal"/);
    expect(stdout).toMatch(/Gateway for "amal" \(subgraphs: local\) at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('npm run token -- --user 2 --role PARENT');
    expect(stdout).toMatch(/Explorer \(GraphiQL\) at http:\/\/127\.0\.0\.1:\d+\/explorer/);
    expect(stderr.match(/redis\.unavailable/g)).toHaveLength(1);
  });

  it('serves the development sign-in that its explorer signs admins in with, and says how', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    let discovery: Record<string, unknown> = {};
    let settings: { signIn: Record<string, unknown> | null } = { signIn: null };
    const { stdout } = await start({ DATABASE_URL: apps.url, REDIS_URL, AUTH_ISSUER: issuer }, /Gateway for "amal"/, async (output) => {
      discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
      const explorer = /Explorer \(GraphiQL\) at (\S+)explorer/.exec(output)![1]!;
      settings = await (await fetch(`${explorer}explorer/settings.json`)).json();
    });
    expect(stdout).toContain(`Sign in as the demo admin: username admin, password demo (development sign-in at ${issuer})`);
    expect(discovery).toMatchObject({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, code_challenge_methods_supported: ['S256'] });
    expect(settings.signIn).toMatchObject({ clientId: 'learning-graph-explorer', authorizationUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token`, logoutUrl: `${issuer}/session/end` });
  });
});
