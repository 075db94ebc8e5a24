import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explorerBundle } from './bundle.js';
import { explorerLambdaRoutes } from './lambdaRoute.js';
import { cognitoSignIn } from './signIn.js';
import { v2Event } from '../../test/support/apiGatewayEvents.js';

const get = (path: string, method: 'GET' | 'POST' = 'GET') => ({ ...v2Event({ method }), rawPath: path });

describe('the explorer from the gateway Lambda', () => {
  it('serves the page and its files gzipped, with the same security headers', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle(), undefined);
    const page = await route!(get('/explorer'));
    expect(page).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(page!.body!, 'base64')).toString('utf8')).toContain('<html');
    expect(page!.headers!['content-security-policy']).toContain("default-src 'self'");
    const script = await route!(get('/explorer/main.js'));
    expect(Buffer.from(script!.body!, 'base64').length).toBeLessThan(6 * 1024 * 1024 * 0.75);
  });

  it('serves the sign-in settings, and lets the page reach the provider’s token endpoint alone', async () => {
    const signIn = cognitoSignIn('https://amal.auth.eu-west-1.amazoncognito.com', 'explorer-client');
    const [route] = explorerLambdaRoutes(await explorerBundle(), signIn);
    const settings = await route!(get('/explorer/settings.json'));
    expect(settings).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(JSON.parse(gunzipSync(Buffer.from(settings!.body!, 'base64')).toString('utf8'))).toEqual({ signIn });
    const page = await route!(get('/explorer'));
    expect(page!.headers!['content-security-policy']).toContain("connect-src 'self' https://amal.auth.eu-west-1.amazoncognito.com;");
  });

  it('serves settings without a provider when admins paste tokens, and connects to itself alone', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle(), undefined);
    const settings = await route!(get('/explorer/settings.json'));
    expect(JSON.parse(gunzipSync(Buffer.from(settings!.body!, 'base64')).toString('utf8'))).toEqual({ signIn: null });
    expect((await route!(get('/explorer')))!.headers!['content-security-policy']).toContain("connect-src 'self';");
  });

  it('leaves every other path to the graph and refuses writes', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle(), undefined);
    expect(await route!(get('/graphql'))).toBeUndefined();
    expect(await route!(get('/explorers'))).toBeUndefined();
    expect(await route!(get('/explorer', 'POST'))).toMatchObject({ statusCode: 405 });
  });

  it('answers 404 NOT_FOUND for a file the bundle does not hold, never the graph', async () => {
    const [route] = explorerLambdaRoutes(await explorerBundle(), undefined);
    for (const path of ['/explorer/nope.js', '/explorer/', '/explorer/main.js/x', '/explorer/..%2Fgraphql']) {
      const answer = await route!(get(path));
      expect(answer).toMatchObject({ statusCode: 404 });
      expect(JSON.parse(answer!.body!).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 on its paths where the bundle was not built', async () => {
    const [route] = explorerLambdaRoutes(mkdtempSync(join(tmpdir(), 'lg-no-explorer-')), undefined);
    expect(await route!(get('/explorer'))).toMatchObject({ statusCode: 404 });
    expect(await route!(get('/graphql'))).toBeUndefined();
  });
});
