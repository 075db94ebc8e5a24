import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MAX_REQUEST_DEADLINE_MS } from './config.js';

describe('the configuration', () => {
  it('gives deadlines that fit a Lambda behind API Gateway by default', () => {
    const { resilience } = loadConfig({});
    expect(resilience.requestDeadlineMs).toBeLessThan(30_000);
    expect(resilience.subgraphTimeoutMs).toBeLessThanOrEqual(resilience.requestDeadlineMs);
  });

  it('reads a timeout per subgraph, ours or another team’s', () => {
    const { resilience } = loadConfig({ SUBGRAPH_TIMEOUT_MS_MEMORY: '800', SUBGRAPH_TIMEOUT_MS_NOTIFICATIONS: '1200' });
    expect(resilience.subgraphTimeoutsMs).toEqual({ memory: 800, notifications: 1200 });
  });

  it.each([
    { name: 'a request deadline at API Gateway’s limit', env: { REQUEST_DEADLINE_MS: '30000' }, variable: 'REQUEST_DEADLINE_MS' },
    { name: 'a subgraph timeout beyond the request deadline', env: { REQUEST_DEADLINE_MS: '2000', SUBGRAPH_TIMEOUT_MS: '3000' }, variable: 'SUBGRAPH_TIMEOUT_MS' },
    { name: 'a per-subgraph timeout that is not a number', env: { SUBGRAPH_TIMEOUT_MS_USERS: 'soon' }, variable: 'SUBGRAPH_TIMEOUT_MS_USERS' },
    { name: 'answers kept longer than writes are remembered', env: { RESPONSE_CACHE_TTL_SECONDS: '3600' }, variable: 'RESPONSE_CACHE_TTL_SECONDS' },
    { name: 'a response cache scope it does not know', env: { RESPONSE_CACHE: 'viewer' }, variable: 'RESPONSE_CACHE' },
    { name: 'an unbounded pool queue', env: { DATABASE_QUEUE_LIMIT: '0' }, variable: 'DATABASE_QUEUE_LIMIT' },
    { name: 'an APP_NAME outside the allowlist', env: { APP_NAME: 'amal_users; --' }, variable: 'APP_NAME' },
    { name: 'a DATABASE_URL that names no database', env: { DATABASE_URL: 'mysql://root@127.0.0.1:3306/' }, variable: 'DATABASE_URL' },
    { name: 'a DATABASE_URL whose database is not a plain name', env: { DATABASE_URL: 'mysql://root@127.0.0.1:3306/learning`;drop' }, variable: 'DATABASE_URL' },
    { name: 'a DATABASE_URL that is not a URL', env: { DATABASE_URL: '127.0.0.1:3306 learning' }, variable: 'DATABASE_URL' },
    { name: 'production without CONTEXT_SECRETS', env: { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://example.invalid/jwks' }, variable: 'CONTEXT_SECRETS' },
  ])('refuses $name with a message naming $variable', ({ env, variable }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('signs contexts in development with a secret of this process, not one in the repository', () => {
    const secrets = loadConfig({}).contextSecrets;
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).contextSecrets).toEqual(secrets);
    expect(() => loadConfig({ CONTEXT_SECRETS: 'dev-only-context-secret-change-me' })).toThrow(/published in this repository/);
    expect(() => loadConfig({ CONTEXT_SECRETS: 'new,dev-only-context-secret-change-me' })).toThrow(/published in this repository/);
  });

  it('keeps the request deadline below API Gateway’s 30 s', () => {
    expect(MAX_REQUEST_DEADLINE_MS).toBeLessThan(30_000);
    expect(loadConfig({ REQUEST_DEADLINE_MS: String(MAX_REQUEST_DEADLINE_MS) }).resilience.requestDeadlineMs).toBe(MAX_REQUEST_DEADLINE_MS);
  });
});
