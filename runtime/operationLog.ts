/**
 * One structured line per GraphQL operation: its name, duration and SQL statement count, keyed by
 * the request id. In development the count also goes into the response's `extensions`.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger.js';
import { statementsInScope } from './statementScope.js';

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
          const statements = statementsInScope();
          options.logger.info('graphql.operation', {
            requestId: options.requestIdOf(contextValue),
            operation: operationName ?? null,
            ms: Math.round(performance.now() - started),
            statements,
          });
          if (options.exposeStatements && statements !== undefined && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: statements };
          }
        },
      };
    },
  };
}
