/** Wires a gateway from validated configuration: the one place `npm start` and the Lambda share. */
import type { Config } from '../runtime/config.js';
import { SUBGRAPH_NAMES } from '../runtime/config.js';
import type { AppRuntime } from '../runtime/appDeps.js';
import type { SubgraphModule } from '../runtime/subgraph.js';
import { readSdl } from '../schema/subgraphs.js';
import * as subgraphs from '../subgraphs/index.js';
import { createAuthenticator, type Authenticate } from './auth/authenticate.js';
import { loadDevIssuer } from './auth/devIssuer.js';
import { createGateway, type Gateway } from './server.js';
import { loadManifest } from './safelist.js';
import type { SubgraphTarget } from './datasources/index.js';

export function targetsFromConfig(config: Config, runtime: AppRuntime): Record<string, SubgraphTarget> {
  const contextSecret = config.contextSecrets[0] ?? '';
  const targets: Record<string, SubgraphTarget> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = config.subgraphUrls[name];
    if (config.transport === 'local') targets[name] = { kind: 'local', subgraph: subgraphs[name] as SubgraphModule<never>, deps: runtime.deps };
    else if (url) targets[name] = { kind: 'http', url, contextSecret };
    // else: over HTTP at the URL the supergraph names
  }
  return targets;
}

export async function authenticatorFromConfig(config: Config): Promise<Authenticate> {
  const { issuer, audience, jwksUrl, devIssuerKeyFile } = config.auth;
  if (jwksUrl) return createAuthenticator({ issuer, audience, app: config.app, jwks: new URL(jwksUrl) });
  const dev = await loadDevIssuer(devIssuerKeyFile, issuer, audience);
  return createAuthenticator({ issuer, audience, app: config.app, jwks: dev.publicJwks });
}

export async function gatewayFromConfig(config: Config, runtime: AppRuntime): Promise<Gateway> {
  return createGateway({
    app: config.app,
    supergraphSdl: readSdl('supergraph'),
    targets: targetsFromConfig(config, runtime),
    contextSecret: config.contextSecrets[0] ?? '',
    authenticate: await authenticatorFromConfig(config),
    logger: runtime.deps.logger,
    production: config.production,
    safelist: config.safelist,
    manifest: loadManifest(),
    redis: runtime.deps.redis,
    redisKeyPrefix: config.redisKeyPrefix,
  });
}
