import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, ManifestError, mergeManifests, MANIFEST_FORMAT, sha256, type ManifestOperation, type PersistedQueryManifest } from './manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'lg-manifest-'));
let files = 0;
/** Writes `content` (JSON unless a string) to a file of its own and returns its path. */
function manifestFile(content: unknown): string {
  const path = join(dir, `manifest-${++files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const body = 'query Me {\n  me {\n    id\n    __typename\n  }\n}';
const me: ManifestOperation = { id: sha256(body), body, name: 'Me', type: 'query' };
const apollo = (operations: unknown[]) => ({ format: MANIFEST_FORMAT, version: 1, operations });
const manifestOf = (operations: ManifestOperation[]): PersistedQueryManifest => ({ format: MANIFEST_FORMAT, version: 1, operations });

describe('loading a persisted query manifest', () => {
  it('reads the shipped one, in Apollo’s format with each id the sha256 of its body', () => {
    const shipped = loadManifest();
    expect(shipped.format).toBe(MANIFEST_FORMAT);
    expect(shipped.operations.length).toBeGreaterThan(0);
    for (const operation of shipped.operations) {
      expect(operation.id).toBe(sha256(operation.body));
      expect(operation.body).toContain(`${operation.type} ${operation.name}`);
    }
  });

  it('keeps the fields it knows and the ids a client chose itself', () => {
    const custom = { ...me, id: 'Me:v2', clientName: 'ios' };
    expect(loadManifest(manifestFile(apollo([custom]))).operations).toEqual([{ ...me, id: 'Me:v2' }]);
  });

  it.each<{ name: string; content: unknown; says: string }>([
    { name: 'text that is not JSON', content: '{"format": ', says: 'is not JSON' },
    { name: 'JSON that is no object', content: [me], says: 'holds a list, not a manifest object' },
    { name: 'another format', content: { ...apollo([me]), format: 'relay-persisted-queries' }, says: '"format": "relay-persisted-queries"' },
    { name: 'the gateway’s former shape', content: { operations: { [me.id]: { name: 'student/Me', document: body } } }, says: 'former shape (operations by hash)' },
    { name: 'another version', content: { ...apollo([me]), version: 2 }, says: 'is version 2 of the format; the gateway reads version 1' },
    { name: 'no operations list', content: { format: MANIFEST_FORMAT, version: 1 }, says: 'has no "operations" list' },
    { name: 'an operation without a body', content: apollo([{ ...me, body: '' }]), says: 'has no "body" text in operation 1 (Me)' },
    { name: 'an operation of an unknown type', content: apollo([{ ...me, type: 'fragment' }]), says: '"type": "fragment" in operation 1 (Me)' },
    { name: 'a sha256 id of another body', content: apollo([{ ...me, id: sha256('{ me { id } }') }]), says: 'is a sha256 but not that of its body' },
    { name: 'one id for two bodies', content: apollo([{ ...me, id: 'Me' }, { ...me, id: 'Me', body: 'query Me { me { id } }' }]), says: 'two operations with the id Me and different bodies' },
  ])('refuses $name in one paragraph naming the file', ({ content, says }) => {
    const path = manifestFile(content);
    expect(() => loadManifest(path)).toThrow(ManifestError);
    expect(() => loadManifest(path)).toThrow(says);
    expect(() => loadManifest(path)).toThrow(`The persisted query manifest ${path} `);
    expect(() => loadManifest(path)).toThrow(/@apollo\/generate-persisted-query-manifest/);
    expect(() => loadManifest(path)).not.toThrow(/\n/);
  });

  it('refuses a file it cannot read, saying why', () => {
    expect(() => loadManifest(join(dir, 'missing.json'))).toThrow(/missing\.json cannot be read \(ENOENT\)/);
  });
});

describe('merging manifests', () => {
  it('keeps an operation two manifests share once', () => {
    const other = { ...me, id: 'Other', body: 'query Other { me { id } }', name: 'Other' };
    const merged = mergeManifests([{ where: 'a.json', manifest: manifestOf([me]) }, { where: 'b.json', manifest: manifestOf([me, other]) }]);
    expect(merged.operations).toEqual([me, other]);
  });

  it('refuses one id with two bodies, naming both manifests', () => {
    const clash = { ...me, id: 'Me', name: 'MeToo', body: 'query MeToo { me { displayName } }' };
    const merge = () => mergeManifests([{ where: 'a.json', manifest: manifestOf([{ ...me, id: 'Me' }]) }, { where: 'b.json', manifest: manifestOf([clash]) }]);
    expect(merge).toThrow(ManifestError);
    expect(merge).toThrow('a.json (Me) and b.json (MeToo) give the id Me different bodies');
  });
});
