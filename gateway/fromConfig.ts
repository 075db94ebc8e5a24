/** Wires a gateway from validated configuration: the one place `npm start` and the Lambda share. */
import { ConfigError, type Config, type ResilienceConfig } from '../runtime/config.js';
import { foreignSubgraphSecret, UNSHARED_SECRET, type ExternalSubgraphConfig, type GatewayConfig } from './config.js';
import { cacheHintsFrom, composedCacheHints } from './cachePolicy.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import type { AppRuntime } from '../runtime/container/appDeps.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { lambdaClient } from '../runtime/clients/lambda.js';
import { createAuthenticator, type Authenticate } from './auth/authenticate.js';
import { loadDevIssuer } from './auth/devIssuer.js';
import { createGateway, type Gateway, type GatewayOptions } from './server.js';
import { loadSupergraph, subgraphsOf } from './supergraph.js';
import { loadPlanFile, plansFor, supergraphHash, type PlanFile } from './planning/planFile.js';
import { loadManifest, ManifestError, mergeManifests, type PersistedQueryManifest } from './manifest.js';
import type { SubgraphTarget } from './datasources/index.js';
import type { SubgraphWarmUps } from './warmUp.js';

/**
 * Where each subgraph is reached. The subgraphs' code is imported only when they run in this process.
 * `warmUps`: the cold gateway's warm-ups, which calls to a subgraph function wait for while in flight.
 */
export async function targetsFromConfig(config: GatewayConfig, runtime: AppRuntime, warmUps?: SubgraphWarmUps): Promise<Record<string, SubgraphTarget>> {
  const contextSecret = config.contextSecrets[0] ?? '';
  const targets: Record<string, SubgraphTarget> = {};
  const subgraphs = config.transport === 'local' ? await import('../subgraphs/index.js') : undefined;
  for (const name of SUBGRAPH_NAMES) {
    const url = config.subgraphUrls[name];
    const functionName = config.subgraphFunctions[name];
    if (subgraphs) targets[name] = { kind: 'local', subgraph: subgraphs[name] as SubgraphModule<never>, deps: runtime.deps };
    else if (config.transport === 'lambda' && functionName) targets[name] = { kind: 'lambda', functionName, contextSecret, client: lambdaClient(undefined), warmUps };
    else if (url) targets[name] = { kind: 'http', url, contextSecret };
    // else: over HTTP at the URL the supergraph names
  }
  for (const external of config.externalSubgraphs) targets[external.name] = externalTarget(external);
  return targets;
}

/** Another team's subgraph: its Lambda function when one is configured, else its URL; signed with its own secret. */
export function externalTarget({ url, functionName, contextSecret }: ExternalSubgraphConfig): SubgraphTarget {
  return functionName ? { kind: 'lambda', functionName, contextSecret, client: lambdaClient(undefined) } : { kind: 'http', url, contextSecret };
}

export function resilienceFromConfig({ subgraphTimeoutMs, subgraphTimeoutsMs, circuitFailures, circuitOpenMs }: ResilienceConfig): GatewayOptions['subgraphResilience'] {
  return {
    all: { timeoutMs: subgraphTimeoutMs, circuitFailures, circuitOpenMs },
    byName: Object.fromEntries(Object.entries(subgraphTimeoutsMs).map(([name, timeoutMs]) => [name, { timeoutMs }])),
  };
}

/**
 * Tokens of the apps' client and of the explorer's. Nothing waits here: the remote JWKS (Cognito's)
 * is fetched in the background from now on, and cached by jose; the development issuer's key file
 * is read on the first request.
 */
export function authenticatorFromConfig(config: GatewayConfig): Authenticate {
  const { issuer, audience, jwksUrl, devIssuerKeyFile } = config.auth;
  const audiences = config.explorerSignIn ? [audience, config.explorerSignIn.clientId] : [audience];
  if (jwksUrl) return createAuthenticator({ issuer, audiences, app: config.app, jwks: new URL(jwksUrl) });
  let development: Promise<Authenticate> | undefined;
  return async (authorization) => {
    development ??= loadDevIssuer(devIssuerKeyFile, issuer, audience).then(
      (dev) => createAuthenticator({ issuer, audiences, app: config.app, jwks: dev.publicJwks }),
      (error: unknown) => {
        development = undefined;
        throw error;
      },
    );
    return (await development)(authorization);
  };
}

/** Builds the gateway without waiting on the network: the supergraph, manifest and plans are read from the bundle. */
export async function gatewayFromConfig(config: GatewayConfig, runtime: AppRuntime, warmUps?: SubgraphWarmUps, planFile = loadPlanFile()): Promise<Gateway> {
  const supergraphSdl = loadSupergraph(config.supergraphFile, SUBGRAPH_NAMES);
  return createGateway({
    ...sharedOptions(config, runtime.deps),
    supergraphSdl,
    plans: shippedPlans(config, supergraphSdl, planFile),
    targets: await targetsFromConfig(config, runtime, warmUps),
    cacheHints: composedCacheHints(),
    responseCacheTtlSeconds: config.cache && config.responseCache !== 'off' ? config.responseCacheTtlSeconds : 0,
    responseCacheKeeps: config.responseCache === 'all' ? 'all' : 'public',
    applyPendingInvalidations: () => runtime.deps.cache.applyPendingInvalidations(),
  });
}

/**
 * The gateway over any composed supergraph (`npm run gateway -- --supergraph <file>`): it hosts no
 * subgraph and needs no database, reaching each subgraph over HTTP at the URL the supergraph names.
 * Every request-level feature applies; the response cache does not, since only our subgraphs
 * report what an answer was read from, and the Cache-Control policy is `private` throughout.
 * None of the subgraphs is taken for ours, whatever its name: each call is signed with that
 * subgraph's SUBGRAPH_SECRET_<NAME> (foreignSubgraphSecret), never with CONTEXT_SECRETS.
 */
export function gatewayOverSupergraph(config: GatewayConfig, deps: Pick<AppDeps, 'redis' | 'logger'>): Gateway {
  const supergraphSdl = loadSupergraph(config.supergraphFile, []);
  const targets: Record<string, SubgraphTarget> = {};
  for (const { name, url } of subgraphsOf(supergraphSdl)) {
    const signed = !config.unsignedSubgraphs.includes(name.toLowerCase());
    targets[name] = { kind: 'http', url, contextSecret: signed ? foreignSubgraphSecret(config, name) : undefined };
  }
  return createGateway({
    ...sharedOptions(config, deps),
    // Every subgraph has a target: this signs nothing, and is not ours either.
    contextSecret: UNSHARED_SECRET,
    supergraphSdl,
    plans: shippedPlans(config, supergraphSdl),
    targets,
    cacheHints: cacheHintsFrom([]),
  });
}

function sharedOptions(config: GatewayConfig, { redis, logger }: Pick<AppDeps, 'redis' | 'logger'>) {
  return {
    app: config.app,
    requestDeadlineMs: config.resilience.requestDeadlineMs,
    subgraphResilience: resilienceFromConfig(config.resilience),
    contextSecret: config.contextSecrets[0] ?? '',
    authenticate: authenticatorFromConfig(config),
    logger,
    production: config.production,
    safelist: config.safelist,
    manifest: manifestFromConfig(config),
    redis,
    redisKeyPrefix: config.redisKeyPrefix,
    rateLimits: config.rateLimits,
    refuseAnonymous: config.anonymousCallers === 'refuse',
    unsignedSubgraphs: config.unsignedSubgraphs,
  } satisfies Partial<GatewayOptions>;
}

/**
 * The shipped manifest with those PERSISTED_QUERY_MANIFESTS names. A bad file, or an id two of them
 * give different bodies, refuses the start: the setting is what to fix.
 */
export function manifestFromConfig({ persistedQueryManifests }: Pick<Config, 'persistedQueryManifests'>): PersistedQueryManifest {
  const shipped = { where: 'operations/manifest.json', manifest: loadManifest() };
  try {
    return mergeManifests([shipped, ...persistedQueryManifests.map((file) => ({ where: file, manifest: loadManifest(file) }))]);
  } catch (error) {
    if (error instanceof ManifestError) throw new ConfigError(`Environment variable PERSISTED_QUERY_MANIFESTS: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The shipped plans: for the shipped supergraph they must match it (a stale file refuses to start);
 * a supergraph of SUPERGRAPH_FILE uses them only when it is the one they were made for.
 */
function shippedPlans(config: GatewayConfig, supergraphSdl: string, file = loadPlanFile()): PlanFile | undefined {
  if (!config.supergraphFile) return plansFor(file, supergraphSdl);
  return file.supergraphSha256 === supergraphHash(supergraphSdl) ? file : undefined;
}
