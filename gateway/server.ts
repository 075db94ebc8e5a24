/**
 * The gateway: Apollo Server + Apollo Gateway over a static supergraph. Each subgraph is reached
 * through the data source its target names; a subgraph without a target (another team's) is
 * reached over HTTP at the URL the supergraph gives it.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { createPlannedGateway } from './planning/plannedGateway.js';
import type { PlanFile } from './planning/planFile.js';
import { randomUUID } from 'node:crypto';
import { clientError, ErrorCode, maskInternalErrors } from '../runtime/errors.js';
import { operationLog } from '../runtime/observability/operationLog.js';
import type { Logger } from '../runtime/observability/logger.js';
import type { AppName } from '../runtime/tenancy.js';
import type { Authenticate } from './auth/authenticate.js';
import type { GatewayContext } from './context.js';
import { dataSourceFor, readsReported, readsUntraceable, sharingIdenticalFetches, timed, type SubgraphDataSource, type SubgraphTarget } from './datasources/index.js';
import { recordSharedFetch } from '../runtime/observability/requestMetrics.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { responseCachePlugin, type KeptAnswers } from './responseCache/responseCachePlugin.js';
import { armor, COST_BUDGET, PARSE_OPTIONS } from './limits.js';
import { demandControl } from './plugins/demandControl.js';
import { adminOnlyIntrospection } from './plugins/adminOnlyIntrospection.js';
import { errorReporting } from './plugins/errorReporting.js';
import { explorerLandingPage } from './plugins/explorerLandingPage.js';
import { cacheControlHeaderPlugin } from './plugins/cacheControlHeader.js';
import { rememberedCachePolicy, type CacheHints } from './cachePolicy.js';
import { operationSafelist } from './plugins/operationSafelist.js';
import { operationResolution } from './plugins/operationResolution.js';
import { persistedQueryNotFoundStatus } from './plugins/persistedQueryNotFound.js';
import { rateLimit } from './plugins/rateLimit.js';
import type { RateLimitConfig } from '../runtime/config.js';
import { persistedQueryStore } from './persistedQueries.js';
import type { PersistedQueryManifest } from './manifest.js';
import { ResilientDataSource, type ResilienceOptions } from './resilience/ResilientDataSource.js';
import type { Redis } from 'ioredis';

export interface GatewayOptions {
  app: AppName;
  supergraphSdl: string;
  /** Plans made for this supergraph (planning/planFile.ts); absent: each operation is planned on its first request. */
  plans?: PlanFile;
  /** By subgraph name; names absent here are reached over HTTP at their supergraph URL. */
  targets: Partial<Record<string, SubgraphTarget>>;
  /**
   * Signs the caller's context for the subgraphs without a target (reached over HTTP at their
   * supergraph URL): ours, so CONTEXT_SECRETS; a gateway over another supergraph gives every
   * subgraph a target with its own secret instead (fromConfig.ts, gatewayOverSupergraph).
   */
  contextSecret: string;
  authenticate: Authenticate;
  logger: Logger;
  /** Introspection and field suggestions for admins only. @default false */
  production?: boolean;
  /** Only the manifest's operations run (admins exempt). @default false */
  safelist?: boolean;
  /** The apps' operations (manifest.ts): resolvable by id always, and the safelist when it is on. */
  manifest: PersistedQueryManifest;
  /** Shared APQ store; absent: APQ still resolves the manifest's operations. */
  redis: Redis | undefined;
  redisKeyPrefix: string;
  /** `@cacheControl` hints of the composed subgraphs, for the responses' Cache-Control header. */
  cacheHints: CacheHints;
  /** Keeps whole answers in Redis this long at most (responseCache/responseCachePlugin.ts). @default 0: off */
  responseCacheTtlSeconds?: number;
  /** Which answers it keeps: those made only of `@public` fields, or every viewer's too. @default 'all' */
  responseCacheKeeps?: KeptAnswers;
  /** Applies the invalidations writers left undone, before a kept answer is looked up (the app's EntityCache). */
  applyPendingInvalidations?: () => Promise<void>;
  /** The whole request's budget in ms, below API Gateway's 30 s. @default 10_000 */
  requestDeadlineMs?: number;
  /** Deadline, retry and circuit of subgraph calls: for all, then by subgraph name. @default resilienceDefaults */
  subgraphResilience?: { all?: Partial<ResilienceOptions>; byName?: Record<string, Partial<ResilienceOptions>> };
  /** Per-minute budgets per caller, in `redis` (plugins/rateLimit.ts). @default none: no rate limits */
  rateLimits?: RateLimitConfig;
  /** Requests without a token get UNAUTHENTICATED (401). @default false: anonymous callers are served */
  refuseAnonymous?: boolean;
  /** Subgraphs reached over HTTP or Lambda that are called without the signed context. @default none */
  unsignedSubgraphs?: readonly string[];
}

export interface Gateway {
  server: ApolloServer<GatewayContext>;
  /** Builds the request context from the incoming headers (throws UNAUTHENTICATED on a bad token). */
  contextFor(request: { authorization?: string; requestId?: string; clientAddress?: string }): Promise<GatewayContext>;
  app: AppName;
  /** Every subgraph's data source, by name, once the server has started (for readiness probes). */
  subgraphs: ReadonlyMap<string, ResilientDataSource>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const subgraphs = new Map<string, ResilientDataSource>();
  const gateway = createPlannedGateway({
    supergraphSdl: options.supergraphSdl,
    plans: options.plans,
    buildService: ({ name, url }) => {
      const configured = options.targets[name] ?? { kind: 'http', url: url ?? '', contextSecret: options.contextSecret };
      const target = configured.kind !== 'local' && options.unsignedSubgraphs?.includes(name) ? { ...configured, contextSecret: undefined } : configured;
      const transport = tracingReads(name, target.kind, dataSourceFor(target, name));
      const resilience = { ...options.subgraphResilience?.all, ...options.subgraphResilience?.byName?.[name] };
      const service = new ResilientDataSource(name, transport, resilience, options.logger);
      subgraphs.set(name, service);
      // Outside the timing: a fetch that joins another's call makes none.
      return sharingIdenticalFetches(timed(name, service), options.cacheHints.publicFieldsBySubgraph.get(name) ?? new Set(), () => recordSharedFetch(name));
    },
  });
  const requestDeadlineMs = options.requestDeadlineMs ?? 10_000;
  // One policy per operation, for its Cache-Control header and for whether its kept answer is everyone's.
  const cachePolicy = rememberedCachePolicy(options.cacheHints);
  const limits = armor();
  const rateLimits = options.rateLimits ? rateLimit({ redis: options.redis, keyPrefix: options.redisKeyPrefix, app: options.app, logger: options.logger, limits: options.rateLimits }) : undefined;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // Open in development; in production the plugin below keeps it for admins only.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: {
      cache: persistedQueryStore({ redis: options.redis, keyPrefix: options.redisKeyPrefix, app: options.app, manifest: options.manifest }),
    },
    validationRules: limits.validationRules,
    parseOptions: PARSE_OPTIONS,
    plugins: [
      // First: the hooks run together and the first refusal is the one answered.
      operationResolution(),
      // The request budget is taken in contextFor, before parsing; this is the mutation budget.
      ...(rateLimits ? [rateLimits.plugin] : []),
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      // Before the response cache and any subgraph; before the operation log, which writes its figures.
      demandControl<GatewayContext>({ supergraphSdl: options.supergraphSdl, budget: COST_BUDGET }),
      errorReporting({ logger: options.logger, production: Boolean(options.production) }),
      // Before the operation log, which reports what the response cache did.
      ...(options.redis && options.responseCacheTtlSeconds
        ? [responseCachePlugin({ redis: options.redis, keyPrefix: options.redisKeyPrefix, app: options.app, ttlSeconds: options.responseCacheTtlSeconds, supergraphSdl: options.supergraphSdl, beforeLookup: options.applyPendingInvalidations, cachePolicy, keeps: options.responseCacheKeeps ?? 'all' })]
        : []),
      operationLog<GatewayContext>({ logger: options.logger, exposeStatements: !options.production, requestIdOf: (context) => context.identity.requestId }),
      ...(options.production ? [adminOnlyIntrospection()] : []),
      ...(options.safelist ? [operationSafelist(options.manifest)] : []),
      cacheControlHeaderPlugin(cachePolicy),
      persistedQueryNotFoundStatus(),
      explorerLandingPage(),
    ],
    // Internal errors are logged with their request id by errorReporting; clients see a mask.
    formatError: maskInternalErrors,
  });
  return {
    server,
    app: options.app,
    subgraphs,
    async contextFor({ authorization, requestId, clientAddress }) {
      const deadline = Date.now() + requestDeadlineMs;
      const viewer = await options.authenticate(authorization);
      if (viewer.kind === 'anonymous' && options.refuseAnonymous) throw clientError(ErrorCode.UNAUTHENTICATED, 'This graph answers signed-in callers only: send a bearer token', { status: 401 });
      // Apollo Server builds the context before it parses anything: over budget, nothing is parsed or validated.
      await rateLimits?.admit(viewer, clientAddress);
      return { identity: { viewer, app: options.app, requestId: requestId && /^[\w+/=-]{1,64}$/.test(requestId) ? requestId : randomUUID() }, deadline, clientAddress };
    },
  };
}

/**
 * How a subgraph's reads reach the request's read log (for the response cache): ours in-process
 * record them directly, ours elsewhere report them, another team's cannot be traced.
 */
function tracingReads(name: string, kind: SubgraphTarget['kind'], transport: SubgraphDataSource): SubgraphDataSource {
  if (!(SUBGRAPH_NAMES as readonly string[]).includes(name)) return readsUntraceable(transport);
  return kind === 'local' ? transport : readsReported(transport);
}
