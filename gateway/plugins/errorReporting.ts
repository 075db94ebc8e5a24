/**
 * What clients and operators learn from an error.
 *
 * Clients get the code and a message; an internal error carries only the request id, which the
 * log line of that error also carries, so support can find it. In production, "Did you mean …"
 * suggestions are removed for everyone but admins (they would map the schema for a prober).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { errorChain, isBackendUnavailable, isClientError } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/observability/logger.js';
import { isAdmin } from '../../runtime/policy/rules.js';
import type { GatewayContext } from '../context.js';

const SUGGESTION = / ?Did you mean .+\?$/;

export function errorReporting(options: { logger: Logger; production: boolean }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { requestId, viewer } = contextValue.identity;
      const admin = isAdmin(viewer);
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            // An outage, not a bug: the client sees UNAVAILABLE (runtime/errors.ts).
            if (isBackendUnavailable(error)) {
              options.logger.warn('gateway.backend_unavailable', { requestId, message: errorChain(error), path: error.path, subgraph: error.extensions?.serviceName });
              continue;
            }
            options.logger.error('gateway.internal_error', { requestId, code: error.extensions?.code, message: errorChain(error), path: error.path, subgraph: error.extensions?.serviceName });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (!isClientError(error)) (error.extensions as Record<string, unknown>).requestId = requestId;
            if (options.production && !admin && SUGGESTION.test(error.message)) {
              (error as { message: string }).message = error.message.replace(SUGGESTION, '');
            }
          }
        },
      };
    },
  };
}
