/**
 * One structured line per GraphQL operation: its name, duration, SQL statements and cache hits and
 * misses, keyed by the request id. In development the statement count also goes into the
 * response's `extensions` (`sqlStatements`).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger.js';
import { currentRequestMetrics } from './requestMetrics.js';

export function operationLog<C extends BaseContext>(options: {
  logger: Logger;
  /** Adds `extensions.sqlStatements` to responses. @default false */
  exposeStatements?: boolean;
  requestIdOf: (context: C) => string;
}): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          const metrics = currentRequestMetrics();
          const statements = metrics?.statements;
          options.logger.info('graphql.operation', {
            requestId: options.requestIdOf(contextValue),
            operation: operationName ?? null,
            ms: Math.round(performance.now() - started),
            ...metrics,
          });
          if (options.exposeStatements && statements !== undefined && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: statements };
          }
        },
      };
    },
  };
}
