/**
 * One structured line per GraphQL operation: its name, duration, SQL statements, cache hits and
 * misses, errors and (in the gateway) each subgraph call's duration, keyed by the request id. In
 * development the statement count and the response cache's outcome also go into the response's
 * `extensions` (`sqlStatements`, `responseCache`).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger.js';
import { currentRequestMetrics, recordGraphQLErrors } from './requestMetrics.js';
import { currentReadLog } from '../cache/readLog.js';

export function operationLog<C extends BaseContext>(options: {
  logger: Logger;
  /** Adds `extensions.sqlStatements` to responses. @default false */
  exposeStatements?: boolean;
  requestIdOf: (context: C) => string;
  /** Operations that are not requests, which get no line. @default none */
  unlogged?: (context: C) => boolean;
}): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      if (options.unlogged?.(contextValue)) return {};
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          if (response.body.kind === 'single') recordGraphQLErrors(response.body.singleResult.errors?.length ?? 0);
          const metrics = currentRequestMetrics() ?? {};
          const reads = currentReadLog();
          const statements = 'statements' in metrics ? metrics.statements : undefined;
          options.logger.info('graphql.operation', {
            requestId: options.requestIdOf(contextValue),
            operation: operationName ?? null,
            ms: Math.round(performance.now() - started),
            ...metrics,
            ...(reads && { keysRead: reads.keys.size, untrackedReads: reads.untracked }),
          });
          const responseCache = 'responseCache' in metrics && metrics.responseCache ? { responseCache: metrics.responseCache } : undefined;
          if (options.exposeStatements && statements !== undefined && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: statements, ...responseCache };
          }
        },
      };
    },
  };
}
