/**
 * Sets `Cache-Control` on every response of the request pipeline: the operation's cache policy
 * (gateway/cachePolicy.ts) when it succeeded, `no-store` when anything failed, since an error
 * says nothing about how long the answer holds or who may see it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import { cacheControlHeader, cachePolicyOf, type CacheHints } from '../cachePolicy.js';

export function cacheControlHeaderPlugin(hints: CacheHints): ApolloServerPlugin<GatewayContext> {
  /** The policy depends on the document alone, and Apollo reuses one parsed document per query text. */
  const byDocument = new WeakMap<DocumentNode, Map<string, string>>();
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, schema, document, operation }) {
          const failed = response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0;
          if (failed || !document || !operation) return void response.http.headers.set('cache-control', 'no-store');
          let byOperation = byDocument.get(document);
          if (!byOperation) byDocument.set(document, (byOperation = new Map()));
          const name = operation.name?.value ?? '';
          let value = byOperation.get(name);
          if (value === undefined) byOperation.set(name, (value = cacheControlHeader(cachePolicyOf(schema, document, operation, hints))));
          response.http.headers.set('cache-control', value);
        },
      };
    },
  };
}
