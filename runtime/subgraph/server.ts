/** An Apollo Server for one subgraph module: masked errors, logged internal errors, reported cache reads. */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { currentReadLog, READS_EXTENSION } from '../cache/readLog.js';
import { errorChain, isClientError, maskInternalErrors } from '../errors.js';
import { operationLog } from '../observability/operationLog.js';
import type { BaseContext, SubgraphModule } from './contract.js';
import type { AppDeps } from '../container/appDeps.js';
import { subgraphSchema } from './schema.js';

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

/**
 * An Apollo Server for one subgraph (for HTTP and Lambda). `unlogged`: operations that are not
 * requests (a Lambda's own warm-up probe) and get no operation log line. @default none
 */
export function createSubgraphServer<C extends BaseContext>(module: SubgraphModule<C>, deps: AppDeps, unlogged?: (context: C) => boolean): ApolloServer<C> {
  return new ApolloServer<C>({
    schema: subgraphSchema(module as SubgraphModule<never>),
    includeStacktraceInErrorResponses: false,
    // Traces are for Apollo's hosted studio, which this graph does not report to.
    plugins: [ApolloServerPluginInlineTraceDisabled(), logInternalErrors(module.name), reportReads(), operationLog<C>({ logger: deps.logger, requestIdOf: (context) => context.requestId, unlogged })],
    formatError: maskInternalErrors,
  });
}
