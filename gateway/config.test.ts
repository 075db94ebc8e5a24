import { describe, expect, it } from 'vitest';
import { ConfigError } from '../runtime/config.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { loadGatewayConfig } from './config.js';

const SUBGRAPH_FUNCTIONS = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}`]));

describe('the gateway configuration', () => {
  it('reads the function of each subgraph for the lambda transport, by name or ARN', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:amal-users:live';
    const config = loadGatewayConfig({ SUBGRAPH_TRANSPORT: 'lambda', ...SUBGRAPH_FUNCTIONS, SUBGRAPH_FUNCTION_USERS: arn });
    expect(config.transport).toBe('lambda');
    expect(config.subgraphFunctions).toEqual({ ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `amal-${name}`])), users: arn });
  });

  it.each([
    { name: 'the lambda transport without a subgraph’s function', env: { SUBGRAPH_TRANSPORT: 'lambda', ...SUBGRAPH_FUNCTIONS, SUBGRAPH_FUNCTION_MEMORY: '' }, variable: 'SUBGRAPH_FUNCTION_MEMORY' },
    { name: 'a subgraph function that is no Lambda name', env: { SUBGRAPH_FUNCTION_USERS: 'users subgraph' }, variable: 'SUBGRAPH_FUNCTION_USERS' },
    { name: 'an unknown way to treat anonymous callers', env: { ANONYMOUS_CALLERS: 'sometimes' }, variable: 'ANONYMOUS_CALLERS' },
    { name: 'a signed context neither on nor off', env: { SUBGRAPH_SIGNED_CONTEXT_CATALOG: 'no' }, variable: 'SUBGRAPH_SIGNED_CONTEXT_CATALOG' },
  ])('refuses $name with a message naming $variable', ({ env, variable }) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(variable);
  });

  it('serves anonymous callers and signs every subgraph call unless told otherwise', () => {
    expect(loadGatewayConfig({})).toMatchObject({ anonymousCallers: 'serve', unsignedSubgraphs: [] });
    const config = loadGatewayConfig({ ANONYMOUS_CALLERS: 'refuse', SUBGRAPH_SIGNED_CONTEXT_CATALOG: 'off', SUBGRAPH_SIGNED_CONTEXT_USERS: 'on' });
    expect(config).toMatchObject({ anonymousCallers: 'refuse', unsignedSubgraphs: ['catalog'] });
  });
});

describe('the CORS origins', () => {
  it('are the listed ones, and in development any localhost port as well', () => {
    expect(loadGatewayConfig({ CORS_ORIGINS: 'https://app.example.com,https://admin.example.com' }).cors).toEqual({ origins: ['https://app.example.com', 'https://admin.example.com'], localhost: true });
    expect(loadGatewayConfig({}).cors).toEqual({ origins: [], localhost: true });
  });

  it('are the listed ones only in production', () => {
    const production = { NODE_ENV: 'production', CONTEXT_SECRETS: 'a-production-secret', AUTH_JWKS_URL: 'https://cognito.example.com/jwks.json' };
    expect(loadGatewayConfig({ ...production, CORS_ORIGINS: 'https://app.example.com' }).cors).toEqual({ origins: ['https://app.example.com'], localhost: false });
  });

  it.each(['https://app.example.com/', 'https://*.example.com', 'app.example.com', 'https://app.example.com/graphql'])('refuses "%s" with a message naming CORS_ORIGINS', (origin) => {
    const env = { CORS_ORIGINS: `https://ok.example.com,${origin}` };
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(`Environment variable CORS_ORIGINS must list origins such as https://app.example.com`);
    expect(() => loadGatewayConfig(env)).toThrow(`got "${origin}"`);
  });
});

describe('the explorer’s sign-in', () => {
  const production = { NODE_ENV: 'production', CONTEXT_SECRETS: 'a-production-secret', AUTH_JWKS_URL: 'https://cognito.example.com/jwks.json' };
  const pool = { EXPLORER_CLIENT_ID: 'explorer-client', EXPLORER_SIGN_IN_DOMAIN: 'https://amal.auth.eu-west-1.amazoncognito.com' };

  it('is the user pool’s hosted sign-in in production, with Cognito’s endpoints', () => {
    expect(loadGatewayConfig({ ...production, ...pool })).toMatchObject({
      devSignIn: false,
      explorerSignIn: {
        clientId: 'explorer-client',
        scopes: 'openid email profile',
        authorizationUrl: 'https://amal.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
        tokenUrl: 'https://amal.auth.eu-west-1.amazoncognito.com/oauth2/token',
        logoutUrl: 'https://amal.auth.eu-west-1.amazoncognito.com/logout',
        logoutReturnParameter: 'logout_uri',
      },
    });
  });

  it('is absent in production without the pool’s client: admins paste a token', () => {
    expect(loadGatewayConfig(production)).toMatchObject({ devSignIn: false, explorerSignIn: undefined });
  });

  it('is the development provider at the development issuer by default, outside production', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      devSignIn: true,
      auth: { issuer: 'http://127.0.0.1:4040' },
      explorerSignIn: { clientId: 'learning-graph-explorer', authorizationUrl: 'http://127.0.0.1:4040/auth', tokenUrl: 'http://127.0.0.1:4040/token', logoutReturnParameter: 'post_logout_redirect_uri' },
    });
    expect(loadGatewayConfig({ AUTH_ISSUER: 'https://issuer.example.com' }).devSignIn).toBe(false);
    expect(loadGatewayConfig({ DEV_SIGN_IN: 'off' })).toMatchObject({ devSignIn: false, explorerSignIn: undefined });
  });

  it('refuses the development provider in production, saying why', () => {
    const env = { ...production, DEV_SIGN_IN: 'on' };
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow('DEV_SIGN_IN=on is refused in production: the development sign-in lets anyone in as any demo person, the admin too');
  });

  it.each([
    { name: 'the development provider beside another key set', env: { DEV_SIGN_IN: 'on', AUTH_JWKS_URL: 'https://cognito.example.com/jwks.json' }, says: 'AUTH_JWKS_URL' },
    { name: 'the development provider beside the pool’s client', env: { DEV_SIGN_IN: 'on', ...pool }, says: 'EXPLORER_CLIENT_ID' },
    { name: 'the development provider at an issuer it cannot serve', env: { DEV_SIGN_IN: 'on', AUTH_ISSUER: 'http://localhost:4000/dev-issuer' }, says: 'AUTH_ISSUER, which must be http://127.0.0.1:<port>' },
    { name: 'a client without the domain', env: { ...production, EXPLORER_CLIENT_ID: 'explorer-client' }, says: 'EXPLORER_SIGN_IN_DOMAIN' },
    { name: 'a domain that is no https origin', env: { ...production, ...pool, EXPLORER_SIGN_IN_DOMAIN: 'http://amal.auth.eu-west-1.amazoncognito.com/' }, says: 'EXPLORER_SIGN_IN_DOMAIN must be' },
  ])('refuses $name', ({ env, says }) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(says);
  });
});
