/**
 * `npm run gateway -- --supergraph <file>` as another team runs it: a stock @apollo/subgraph process
 * (test/support/stockSubgraph.ts, none of our runtime), composed into a supergraph of its own, served
 * by the gateway process.
 * Limits, deadlines, circuits, APQ, health, readiness and masking all apply to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadDevIssuer, type DevIssuer } from '../gateway/auth/devIssuer.js';
import { DEVELOPMENT_ISSUER } from '../runtime/config.js';
import { CONTEXT_HEADER } from '../runtime/security/signedContext.js';
import { REDIS_URL } from './support/harness.js';

const BOOKS: Record<string, { id: string; title: string }> = { 1: { id: '1', title: 'كليلة ودمنة' }, 2: { id: '2', title: 'Kalila and Dimna' } };

/** The other team's subgraph (test/support/stockSubgraph.ts), steered by calls the gateway never makes. */
const catalog = {
  url: '',
  process: undefined as ChildProcess | undefined,
  async control(query: string): Promise<Record<string, unknown>> {
    const response = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-control': '1' }, body: JSON.stringify({ query }) });
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  },
  calls: async () => Number((await catalog.control('{ calls }')).calls),
  failing: (on: boolean) => catalog.control(`mutation { setFailing(on: ${on}) }`),
};

function startCatalog(): Promise<void> {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['test/support/stockSubgraph.ts'], { env: { ...process.env, PORT: '0' } });
  catalog.process = child;
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /stock subgraph at (\S+)/.exec(output)?.[1];
      if (url) {
        catalog.url = url;
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`The stock subgraph exited with ${code}: ${output}`)));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'lg-any-supergraph-'));
const keyFile = join(dir, 'issuer.json');
let issuer: DevIssuer;

interface RunningGateway { url: string; process: ChildProcess; output: () => string }
const running: RunningGateway[] = [];

function startGateway(args: string[], env: Record<string, string> = {}): Promise<RunningGateway> {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['scripts/gateway.ts', ...args], {
    env: { ...process.env, REDIS_URL, REDIS_KEY_PREFIX: `test:any-${process.pid}-${running.length}:`, DEV_ISSUER_KEY_FILE: keyFile, LOG_LEVEL: 'silent', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = / at (http:\S+)/.exec(output)?.[1];
      if (url) {
        const gateway = { url, process: child, output: () => output };
        running.push(gateway);
        resolve(gateway);
      }
    });
    child.on('exit', (code) => reject(Object.assign(new Error(`The gateway exited with ${code}`), { code, output })));
  });
}

/** How a refused start ends: its exit code and what it printed. */
async function refusedStart(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const gateway = await startGateway(args);
    gateway.process.kill();
    throw new Error('the gateway started');
  } catch (error) {
    const { code, output } = error as { code?: number; output?: string };
    if (code === undefined) throw error;
    return { code, output: output ?? '' };
  }
}

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

let supergraphFile = '';
let gateway: RunningGateway;
beforeAll(async () => {
  await startCatalog();
  const { _service } = (await catalog.control('{ _service { sdl } }')) as { _service: { sdl: string } };
  const composed = composeServices([{ name: 'catalog', url: catalog.url, typeDefs: parse(_service.sdl) }]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  supergraphFile = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);
  issuer = await loadDevIssuer(keyFile, DEVELOPMENT_ISSUER, 'learning-apps');
  gateway = await startGateway(['--supergraph', supergraphFile, '--port', '0'], { SUBGRAPH_TIMEOUT_MS: '500', CIRCUIT_FAILURES: '3', CIRCUIT_OPEN_MS: '60000' });
}, 60_000);
afterAll(async () => {
  for (const { process } of running) process.kill();
  catalog.process?.kill();
});

describe('the gateway over another team’s supergraph', () => {
  it('serves anonymous callers from the subgraph at the URL the supergraph names, with the signed context', async () => {
    const { status, body } = await post(gateway.url, { query: '{ book(id: "1") { id title } headersSeen }' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.book).toEqual(BOOKS[1]);
    expect(body.data.headersSeen).toContain(CONTEXT_HEADER);
  });

  it('answers its health and readiness, the subgraph included', async () => {
    expect(await (await fetch(new URL('/health', gateway.url))).json()).toEqual({ status: 'live' });
    const admin = `Bearer ${await issuer.mint({ userId: '1', role: 'ADMIN' })}`;
    const ready = (await (await fetch(new URL('/ready', gateway.url), { headers: { authorization: admin } })).json()) as { status: string; checks: Record<string, { status: string }> };
    expect(ready.status).toBe('ready');
    expect(ready.checks['subgraph:catalog']?.status).toBe('up');
  });

  it('serves a document by its APQ hash once registered', async () => {
    const query = '{ book(id: "2") { title } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    expect((await post(gateway.url, { extensions: { persistedQuery } })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(gateway.url, { query, extensions: { persistedQuery } })).body.data).toEqual({ book: { title: BOOKS[2]!.title } });
    expect((await post(gateway.url, { extensions: { persistedQuery } })).body.data).toEqual({ book: { title: BOOKS[2]!.title } });
  });

  it('refuses a query deeper than the limits before calling the subgraph', async () => {
    const before = await catalog.calls();
    const deep = `{ book(id: "1") { ${'author { '.repeat(12)}id${' }'.repeat(12)} } }`;
    const { status, body } = await post(gateway.url, { query: deep });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await catalog.calls()).toBe(before);
  });

  it('masks the subgraph’s internal error: no connection string reaches the client', async () => {
    const { body } = await post(gateway.url, { query: '{ broken }' });
    expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('ends a slow call at its deadline with SUBGRAPH_TIMEOUT', async () => {
    const { body } = await post(gateway.url, { query: '{ slow }' });
    expect(body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_TIMEOUT');
    expect(body.data).toEqual({ slow: null });
  });

  it('opens the subgraph’s circuit after consecutive failures, then calls it no more', async () => {
    await catalog.failing(true);
    try {
      for (let i = 0; i < 3; i++) expect((await post(gateway.url, { query: '{ book(id: "1") { id } }' })).body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      const calls = await catalog.calls();
      const { body } = await post(gateway.url, { query: '{ book(id: "1") { id } }' });
      expect(body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(await catalog.calls()).toBe(calls);
    } finally {
      await catalog.failing(false);
    }
  });
});

describe('the gateway over another team’s supergraph, configured', () => {
  let strict: RunningGateway;
  beforeAll(async () => {
    strict = await startGateway(['--supergraph', supergraphFile, '--port', '0'], { ANONYMOUS_CALLERS: 'refuse', SUBGRAPH_SIGNED_CONTEXT_CATALOG: 'off' });
  }, 60_000);

  it('refuses anonymous callers with UNAUTHENTICATED when told to', async () => {
    const { status, body } = await post(strict.url, { query: '{ book(id: "1") { id } }' });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it('calls a subgraph whose signed context is off without it', async () => {
    const token = await issuer.mint({ userId: '7', role: 'STUDENT' });
    const { body } = await post(strict.url, { query: '{ headersSeen }' }, { authorization: `Bearer ${token}` });
    expect(body.errors).toBeUndefined();
    expect(body.data.headersSeen).not.toContain(CONTEXT_HEADER);
    expect(body.data.headersSeen).toContain('x-request-id');
  });
});

describe('a supergraph file the gateway cannot serve', () => {
  it.each([
    { name: 'a missing file', file: () => join(dir, 'nowhere.graphql'), says: 'cannot read its supergraph' },
    { name: 'a file that is not GraphQL', file: () => write('garbage.graphql', 'this is { not graphql'), says: 'is not valid GraphQL' },
    { name: 'a subgraph’s SDL instead of a composed supergraph', file: () => write('subgraph.graphql', 'type Query { hello: String }'), says: 'not a composed supergraph' },
    { name: 'a supergraph Apollo Gateway cannot build', file: () => write('broken.graphql', 'enum join__Graph { A @join__graph(name: "a", url: "http://127.0.0.1:1") }\ntype Query { x: String }'), says: 'Apollo Gateway cannot serve the supergraph' },
  ])('is refused in one paragraph: $name', async ({ file, says }) => {
    const { code, output } = await refusedStart(['--supergraph', file(), '--port', '0']);
    expect(code).toBe(1);
    expect(output).toContain(says);
    expect(output).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('is refused with the usage when no file is given', async () => {
    const { code, output } = await refusedStart(['--port', '0']);
    expect(code).toBe(1);
    expect(output).toContain('npm run gateway -- --supergraph <file>');
  }, 30_000);
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
