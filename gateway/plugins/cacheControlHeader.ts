/** Sets `Cache-Control` on successful responses from the operation's cache policy (gateway/cachePolicy.ts). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { cacheControlHeader, cachePolicyOf, type CacheHints } from '../cachePolicy.js';

export function cacheControlHeaderPlugin(hints: CacheHints): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, schema, document, operation }) {
          const failed = response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0;
          const value = failed || !document || !operation ? 'no-store' : cacheControlHeader(cachePolicyOf(schema, document, operation, hints));
          response.http.headers.set('cache-control', value);
        },
      };
    },
  };
}
