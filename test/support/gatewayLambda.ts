/**
 * The gateway's Lambda module (gateway/handler.ts) as a cold start builds it, for specs that drive
 * the Lambda front: in production (its keys from a JWKS URL as from Cognito, the safelist on by
 * default) or in development (the dev issuer's key file). Each start imports a fresh copy of the
 * module, so one spec file can hold both containers.
 */
import { vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Handler } from 'aws-lambda';
import { loadDevIssuer } from '../../gateway/auth/devIssuer.js';
import type { Viewer } from '../../runtime/security/signedContext.js';
import { REDIS_URL, TEST_CONTEXT_SECRET, type TestApps } from './harness.js';

export type GatewayHandler = Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

export interface GatewayLambda {
  /** Imports the handler module with this environment (restored afterwards). */
  start(): Promise<void>;
  stop(): Promise<void>;
  handler(): GatewayHandler;
  /** A token of this container's issuer for a signed-in viewer; none for an anonymous one. */
  token(viewer: Viewer): Promise<string | undefined>;
}

export function gatewayLambda(apps: TestApps, { production, env = {} }: { production: boolean; env?: Record<string, string> }): GatewayLambda {
  let handler: GatewayHandler | undefined;
  let mint: (viewer: Viewer) => Promise<string | undefined> = async () => undefined;
  let stop = async () => {};
  return {
    async start() {
      const keyFile = join(mkdtempSync(join(tmpdir(), 'lg-gateway-lambda-')), 'issuer.json');
      const issuer = await loadDevIssuer(keyFile, 'http://localhost:4000/dev-issuer', 'learning-apps');
      const jwks = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify(issuer.publicJwks)));
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const saved = { ...process.env };
      Object.assign(process.env, {
        APP_NAME: 'amal',
        DATABASE_URL: apps.url,
        REDIS_URL,
        REDIS_KEY_PREFIX: apps.runtime().deps.redisKeyPrefix,
        CONTEXT_SECRETS: TEST_CONTEXT_SECRET,
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        RESPONSE_CACHE_TTL_SECONDS: '30',
        LOG_LEVEL: 'silent',
        ...(production
          ? { NODE_ENV: 'production', AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks` }
          : { DEV_ISSUER_KEY_FILE: keyFile }),
        ...env,
      });
      try {
        vi.resetModules();
        handler = (await import('../../gateway/handler.js')).handler as unknown as GatewayHandler;
        const { runtime } = await import('../../runtime/serve/coldStart.js');
        stop = async () => {
          await runtime.close();
          await new Promise((resolve) => jwks.close(resolve));
        };
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }
      mint = async (viewer) => (viewer.kind === 'user' ? issuer.mint({ userId: viewer.userId, role: viewer.role }) : undefined);
    },
    stop: () => stop(),
    handler() {
      if (!handler) throw new Error('gatewayLambda: start() it first (in beforeAll)');
      return handler;
    },
    token: (viewer) => mint(viewer),
  };
}
