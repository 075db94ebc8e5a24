import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explorerBundle } from './bundle.js';
import { explorerLambdaRoutes } from './lambdaRoute.js';
import { v2Event } from '../../test/support/apiGatewayEvents.js';

const get = (path: string, method: 'GET' | 'POST' = 'GET') => ({ ...v2Event({ method }), rawPath: path });

describe('the explorer from the gateway Lambda', () => {
  it('serves the page and its files gzipped, with the same security headers', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle());
    const page = await route!(get('/explorer'));
    expect(page).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(page!.body!, 'base64')).toString('utf8')).toContain('<html');
    expect(page!.headers!['content-security-policy']).toContain("default-src 'self'");
    const script = await route!(get('/explorer/main.js'));
    expect(Buffer.from(script!.body!, 'base64').length).toBeLessThan(6 * 1024 * 1024 * 0.75);
  });

  it('leaves every other path to the graph and refuses writes', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle());
    expect(await route!(get('/graphql'))).toBeUndefined();
    expect(await route!(get('/explorers'))).toBeUndefined();
    expect(await route!(get('/explorer', 'POST'))).toMatchObject({ statusCode: 405 });
  });

  it('answers 404 NOT_FOUND for a file the bundle does not hold, never the graph', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle());
    for (const path of ['/explorer/nope.js', '/explorer/', '/explorer/main.js/x', '/explorer/..%2Fgraphql']) {
      const answer = await route!(get(path));
      expect(answer).toMatchObject({ statusCode: 404 });
      expect(JSON.parse(answer!.body!).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 on its paths where the bundle was not built', async () => {
    const [route] = explorerLambdaRoutes(mkdtempSync(join(tmpdir(), 'lg-no-explorer-')));
    expect(await route!(get('/explorer'))).toMatchObject({ statusCode: 404 });
    expect(await route!(get('/graphql'))).toBeUndefined();
  });
});
