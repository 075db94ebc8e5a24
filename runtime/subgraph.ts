/**
 * What every subgraph is, and how one becomes a running GraphQL service.
 *
 * A subgraph is transport-agnostic: a name, its SDL, its resolvers and a context factory. The same
 * module runs in-process under the gateway, behind HTTP or as a Lambda; each path builds the
 * request context through `contextFromSignedHeader`, so every path verifies the caller.
 */
import type { DocumentNode } from 'graphql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Redis } from 'ioredis';
import type { AnalyticsConfig, SubgraphName } from './config.js';
import type { Database } from './clients/mysql.js';
import type { EntityCache } from './consistency/entityCache.js';
import type { Logger } from './logger.js';
import type { AppName } from './tenancy.js';
import { createAccess, type Access } from './policy/access.js';
import { verifyContext, type RequestIdentity } from './signedContext.js';
import { ErrorCode, errorChain, isClientError, maskInternalErrors } from './errors.js';
import { enforceFieldRules } from './policy/enforce.js';
import { stopWhenAborted } from './abortable.js';
import { federatedSchema } from './federatedSchema.js';
import { operationLog } from './operationLog.js';
import { currentReadLog, READS_EXTENSION } from './consistency/readLog.js';

/** Per-container dependencies of one app: created once, shared by every request. */
export interface AppDeps {
  app: AppName;
  db: Database;
  cache: EntityCache;
  /** Absent when running without Redis. */
  redis: Redis | undefined;
  /** Prefix of every Redis key this app writes. */
  redisKeyPrefix: string;
  logger: Logger;
  contextSecrets: readonly string[];
  /** Where the analytics subgraph queues events and writes the lake. */
  analytics: AnalyticsConfig;
}

/** Per-request context every subgraph starts from. */
export interface BaseContext extends RequestIdentity {
  deps: AppDeps;
  access: Access;
  logger: Logger;
  /** Aborts when the in-process caller gave up (its deadline passed); resolvers stop then. */
  signal?: AbortSignal;
}

export interface SubgraphModule<Context extends BaseContext = BaseContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** The subgraph's generated `Resolvers` map. */
  resolvers: object;
  /** Adds the subgraph's per-request loaders; called once per request, never shared. */
  createContext(base: BaseContext): Context;
}

const schemas = new WeakMap<SubgraphModule<never>, GraphQLSchema>();

export function subgraphSchema(module: SubgraphModule<never>): GraphQLSchema {
  let schema = schemas.get(module);
  if (!schema) {
    schema = enforceFieldRules(stopWhenAborted(federatedSchema(module.name, module.resolvers as GraphQLResolverMap<unknown>)), module.name);
    schemas.set(module, schema);
  }
  return schema;
}

/** The request context, or UNAUTHENTICATED (HTTP 401) when the signed context is absent or invalid. */
export function contextFromSignedHeader<C extends BaseContext>(module: SubgraphModule<C>, deps: AppDeps, header: string | undefined, signal?: AbortSignal): C {
  const verified = verifyContext(header, deps.contextSecrets, deps.app);
  if (!verified.ok) {
    deps.logger.warn('subgraph.context_refused', { subgraph: module.name, reason: verified.reason });
    throw new GraphQLError('This subgraph only answers calls signed by the gateway', {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
  const { identity } = verified;
  const logger = deps.logger.child({ requestId: identity.requestId, subgraph: module.name });
  return module.createContext({ ...identity, deps, logger, access: createAccess(identity.viewer, deps.app, deps.db, deps.cache), signal });
}

/** Internal errors are logged with the caller's request id (clients see only a masked error). */
function logInternalErrors(subgraph: string): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            contextValue.logger.error('subgraph.internal_error', { subgraph, message: errorChain(error), path: error.path });
          }
        },
      };
    },
  };
}

/**
 * Lists in `extensions[READS_EXTENSION]` the entity cache keys the answer was read from, for the
 * gateway's response cache; no list when some read bypassed the cache (the answer is not kept).
 */
function reportReads(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const reads = currentReadLog();
          if (!reads || reads.untracked || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [READS_EXTENSION]: [...reads.keys] };
        },
      };
    },
  };
}

/** An Apollo Server for one subgraph (for HTTP and Lambda). */
export function createSubgraphServer<C extends BaseContext>(module: SubgraphModule<C>, deps: AppDeps): ApolloServer<C> {
  return new ApolloServer<C>({
    schema: subgraphSchema(module as SubgraphModule<never>),
    includeStacktraceInErrorResponses: false,
    // Traces are for Apollo's hosted studio, which this graph does not report to.
    plugins: [ApolloServerPluginInlineTraceDisabled(), logInternalErrors(module.name), reportReads(), operationLog<C>({ logger: deps.logger, requestIdOf: (context) => context.requestId })],
    formatError: maskInternalErrors,
  });
}
