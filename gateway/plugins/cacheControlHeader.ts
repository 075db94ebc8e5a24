/**
 * Sets `Cache-Control` on every response of the request pipeline: the operation's cache policy
 * (gateway/cachePolicy.ts) when it succeeded, i.e. `max-age=N, public` for an answer that is the
 * same for everyone and `no-store` for one that depends on the viewer; `no-store` when anything
 * failed, since an error says nothing about how long the answer holds or who may see it. What
 * never reaches this pipeline (a refused token, a malformed body) is made `no-store` by the HTTP
 * front and the Lambda handler (runtime/serve/).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { cacheControlHeader, type CachePolicyLookup } from '../cachePolicy.js';

export function cacheControlHeaderPlugin(cachePolicy: CachePolicyLookup): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, schema, document, operation }) {
          const failed = response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0;
          if (failed || !document || !operation) return void response.http.headers.set('cache-control', 'no-store');
          response.http.headers.set('cache-control', cacheControlHeader(cachePolicy(schema, document, operation)));
        },
      };
    },
  };
}
