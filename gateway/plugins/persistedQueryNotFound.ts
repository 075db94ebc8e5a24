/**
 * An unknown persisted-query hash is answered 400 instead of Apollo Server's 200, like every other
 * request refused before execution (not 404, which shared caches may keep: a GET by hash succeeds a
 * moment later, once the client has resent the text).
 *
 * Apollo Server's 200 is for old persisted-queries links (apollo-link-persisted-queries, early
 * Apollo Client 3 releases), which on a 400 still resend the text but stop sending hashes for the
 * session. Apollo Client 4's link retries on the PERSISTED_QUERY_NOT_FOUND code whatever the status.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';

export function persistedQueryNotFoundStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const notFound = response.body.singleResult.errors?.some((error) => error.extensions?.code === ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND);
          if (notFound) response.http.status = 400;
        },
      };
    },
  };
}
