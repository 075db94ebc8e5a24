import { describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { persistedQueryStore } from '../gateway/persistedQueries.js';
import { MANIFEST_FORMAT, type ManifestOperation, type PersistedQueryManifest } from '../gateway/manifest.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
/** Two gateways sharing only Redis, as two Lambda containers do. */
const first = useGateway(apps);
const second = useGateway(apps);

const hashOf = (query: string) => createHash('sha256').update(query).digest('hex');
const manifestOf = (operations: ManifestOperation[]): PersistedQueryManifest => ({ format: MANIFEST_FORMAT, version: 1, operations });
const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: hashOf(query) } });

describe('automatic persisted queries', () => {
  it('register through one container and resolve by hash in another', async () => {
    const query = `{ me { id displayName } } # ${randomUUID()}`;
    const headers = async (gateway: typeof first) => ({ authorization: `Bearer ${await gateway.token(as.parent(DEMO.parent))}` });

    const unknown = await second.post(JSON.stringify({ extensions: apq(query) }), await headers(second));
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await first.post(JSON.stringify({ query, extensions: apq(query) }), await headers(first));
    expect(registered.body.errors).toBeUndefined();

    const byHash = await second.post(JSON.stringify({ extensions: apq(query) }), await headers(second));
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it('read as "not found" when Redis is unreachable, so the client resends the text', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const store = persistedQueryStore({ redis: down, keyPrefix: 'test:', app: 'amal', manifest: manifestOf([]) });
    await expect(store.get(`apq:${hashOf('{ me { id } }')}`)).resolves.toBeUndefined();
    await expect(store.set(`apq:${hashOf('{ me { id } }')}`, '{ me { id } }')).resolves.toBeUndefined();
    down.disconnect();
  });

  it('resolve the apps’ own operations from the manifest without Redis', async () => {
    const manifest = manifestOf([{ id: hashOf('{ me { id } }'), body: '{ me { id } }', name: 'Me', type: 'query' }]);
    const store = persistedQueryStore({ redis: undefined, keyPrefix: '', app: 'amal', manifest });
    await expect(store.get(`apq:${hashOf('{ me { id } }')}`)).resolves.toBe('{ me { id } }');
  });
});

