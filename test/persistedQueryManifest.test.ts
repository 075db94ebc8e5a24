/**
 * Persisted query manifests as the ecosystem writes them: `@apollo/generate-persisted-query-manifest`
 * makes one from an app's source, and the gateway, given it through PERSISTED_QUERY_MANIFESTS with
 * the safelist on, serves its operations by id alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { manifestFromConfig } from '../gateway/fromConfig.js';
import { loadManifest, MANIFEST_FORMAT, sha256, type ManifestOperation, type PersistedQueryManifest } from '../gateway/manifest.js';
import { ConfigError, loadConfig } from '../runtime/config.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });

/** A small Apollo Client Web app: one screen's query, written as the app's source holds it. */
const appDir = mkdtempSync(join(tmpdir(), 'lg-app-'));
const SOURCE = `import { gql } from '@apollo/client';

export const CHILD_NAMES = gql\`
  query ChildNames {
    me { displayName children { displayName } }
  }
\`;
`;
const manifestPath = join(appDir, 'persisted-query-manifest.json');
let generated: PersistedQueryManifest;

/** Runs the npm tool in the app's folder, as the app's `npm run` would, with a config file naming its sources. */
async function generateManifest(): Promise<PersistedQueryManifest> {
  mkdirSync(join(appDir, 'src'));
  writeFileSync(join(appDir, 'src', 'childNames.ts'), SOURCE);
  writeFileSync(join(appDir, 'persisted-query-manifest.config.json'), JSON.stringify({ documents: ['src/**/*.ts'], output: 'persisted-query-manifest.json' }));
  const cli = createRequire(import.meta.url).resolve('@apollo/generate-persisted-query-manifest/cli.js');
  await promisify(execFile)(process.execPath, [cli, '--config', 'persisted-query-manifest.config.json'], { cwd: appDir });
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as PersistedQueryManifest;
}

beforeAll(async () => {
  generated = await generateManifest();
}, 60_000);
// Read from the setting as `npm start` and the Lambda read it, once the tool has written the file.
const graph = useGateway(apps, { safelist: true, manifest: () => manifestFromConfig(loadConfig({ PERSISTED_QUERY_MANIFESTS: manifestPath })) });

const childNames = (): ManifestOperation => generated.operations.find((operation) => operation.name === 'ChildNames')!;
const byId = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
const asParent = async () => ({ authorization: `Bearer ${await graph.token(as.parent(DEMO.parent))}` });

describe('an app’s persisted query manifest', () => {
  it('is made by the npm tool from the app’s source: the printed document with __typename, its id the sha256 of that body', () => {
    expect(generated.format).toBe(MANIFEST_FORMAT);
    expect(generated.version).toBe(1);
    expect(generated.operations).toEqual([{ id: expect.any(String), name: 'ChildNames', type: 'query', body: expect.stringContaining('__typename') }]);
    expect(childNames().id).toBe(sha256(childNames().body));
  });

  it('has its operation served by id alone to a non-admin, with the safelist on', async () => {
    const response = await graph.post(JSON.stringify(byId(childNames().id)), await asParent());
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.me).toEqual(expect.objectContaining({ __typename: 'User', displayName: expect.any(String) }));
    expect(response.body.data?.me.children.length).toBeGreaterThan(0);
  });

  it('has the same answer for the body’s text, which the safelist allows', async () => {
    const byText = await graph.post(JSON.stringify({ query: childNames().body }), await asParent());
    expect(byText.body.errors).toBeUndefined();
    const byHash = await graph.post(JSON.stringify(byId(childNames().id)), await asParent());
    expect(byText.body).toEqual(byHash.body);
  });

  it('allows only the body: the text in the app’s source, before the tool added __typename, is refused', async () => {
    const asWritten = 'query ChildNames {\n    me { displayName children { displayName } }\n  }';
    const response = await graph.post(JSON.stringify({ query: asWritten }), await asParent());
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('leaves the shipped operations served by id', async () => {
    const home = loadManifest().operations.find((operation) => operation.name === 'StudentHome')!;
    const response = await graph.post(JSON.stringify(byId(home.id)), { authorization: `Bearer ${await graph.token(as.student(DEMO.children[0]))}` });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toBeTruthy();
  });

  it('does not make a hash in no manifest resolvable', async () => {
    const response = await graph.post(JSON.stringify(byId(sha256('query ChildNames { me { id } }'))), await asParent());
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('PERSISTED_QUERY_MANIFESTS', () => {
  const write = (name: string, content: unknown) => {
    const path = join(appDir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const manifests = (value: string) => () => manifestFromConfig(loadConfig({ PERSISTED_QUERY_MANIFESTS: value }));

  it('adds every file it lists to the shipped operations', () => {
    const other = write('other.json', { format: MANIFEST_FORMAT, version: 1, operations: [{ id: 'MyName:1', name: 'MyName', type: 'query', body: 'query MyName { me { displayName } }' }] });
    const ids = manifests(` ${manifestPath} , ${other},`)().operations.map(({ id }) => id);
    expect(ids).toEqual([...loadManifest().operations.map(({ id }) => id), childNames().id, 'MyName:1']);
  });

  it('refuses the start when a file is not a manifest, naming the setting and the file', () => {
    const relay = write('relay.json', { [childNames().id]: childNames().body });
    expect(manifests(relay)).toThrow(ConfigError);
    expect(manifests(relay)).toThrow(`Environment variable PERSISTED_QUERY_MANIFESTS: The persisted query manifest ${relay} has "format": missing`);
  });

  it('refuses the start when a file gives a shipped operation’s id another body', () => {
    const home = loadManifest().operations.find((operation) => operation.name === 'StudentHome')!;
    const clash = write('clash.json', { format: MANIFEST_FORMAT, version: 1, operations: [{ ...childNames(), id: home.id }] });
    expect(manifests(clash)).toThrow(ConfigError);
    expect(manifests(clash)).toThrow(`${clash} has an id in operation 1 (ChildNames) that is a sha256 but not that of its body`);
  });

  it('refuses the start when two files give one id different bodies, naming both', () => {
    // A client's own ids (createOperationId) are free-form, so two apps can pick the same.
    const operation = { id: 'Home', name: 'ChildNames', type: 'query', body: childNames().body };
    const first = write('first.json', { format: MANIFEST_FORMAT, version: 1, operations: [operation] });
    const second = write('second.json', { format: MANIFEST_FORMAT, version: 1, operations: [{ ...operation, name: 'MyName', body: 'query MyName { me { displayName } }' }] });
    expect(manifests(`${first},${second}`)).toThrow(ConfigError);
    expect(manifests(`${first},${second}`)).toThrow(`${first} (ChildNames) and ${second} (MyName) give the id Home different bodies`);
  });

  it('refuses a URL: the gateway reads files and fetches nothing', () => {
    expect(() => loadConfig({ PERSISTED_QUERY_MANIFESTS: 'https://example.com/manifest.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ PERSISTED_QUERY_MANIFESTS: 'https://example.com/manifest.json' })).toThrow('must list file paths');
  });
});
