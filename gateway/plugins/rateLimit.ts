/**
 * Rate limits per caller. Every request takes one point from the caller's request budget at the
 * front of the request, while its context is built (after the token is verified, before Apollo
 * Server parses, validates or resolves anything): over it, 429 RATE_LIMITED with `Retry-After`
 * (seconds), having cost the server a JSON parse of a body of at most 256 KiB and one Redis call.
 * A mutation also takes one point per root mutation field from the tighter mutation budget, once
 * its document is parsed and its operation resolved (counting needs the document).
 *
 * Threat model: a caller spreading one user's load to slip under the limits, or spending the
 * server's CPU on documents it knows will be refused. The caller is the signed-in user id, so any
 * number of tokens of one user share one budget; without a token it is the address the transport
 * saw (API Gateway's sourceIp, the socket's peer locally), never a header a client can write. A
 * request counts from its start, whether it comes as text or as a persisted-query hash and whether
 * it later fails, so a refused or cached answer is no free retry, and a request over the budget is
 * never parsed or validated. Aliases cannot hide mutations (`a: submitAnswer(…) b: submitAnswer(…)`
 * takes two points, fragments included); batches are refused after their one point
 * (`allowBatchedHttpRequests: false`). Redis down or slow: the limits fail open
 * (runtime/security/rateLimiter.ts).
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Redis } from 'ioredis';
import type { RateLimitConfig } from '../../runtime/config.js';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/observability/logger.js';
import { createRateLimiter, userCaller, type Grant } from '../../runtime/security/rateLimiter.js';
import { recordRateLimit } from '../../runtime/observability/requestMetrics.js';
import type { AppName } from '../../runtime/tenancy.js';
import type { GatewayContext } from '../context.js';
import type { Viewer } from '../../runtime/security/signedContext.js';

export interface RateLimitOptions {
  redis: Redis | undefined;
  keyPrefix: string;
  app: AppName;
  logger: Logger;
  limits: RateLimitConfig;
}

export interface RateLimits {
  /** Takes the request's point from the caller's budget; throws 429 RATE_LIMITED over it. */
  admit(viewer: Viewer, clientAddress: string | undefined): Promise<void>;
  /** The mutation budget, once the operation has resolved. */
  plugin: ApolloServerPlugin<GatewayContext>;
}

export function rateLimit({ limits, ...store }: RateLimitOptions): RateLimits {
  const budget = (name: string, points: number) => createRateLimiter({ ...store, name, points, timeoutMs: limits.timeoutMs });
  const users = budget('requests', limits.requestsPerMinute);
  const addresses = budget('anonymous', limits.anonymousRequestsPerMinute);
  const mutations = budget('mutations', limits.mutationsPerMinute);
  const callerOf = (viewer: Viewer, clientAddress: string | undefined) => (viewer.kind === 'user' ? userCaller(viewer.userId) : `address:${clientAddress ?? 'unknown'}`);
  return {
    async admit(viewer, clientAddress) {
      const signedIn = viewer.kind === 'user';
      refuseOver(await (signedIn ? users : addresses).take(callerOf(viewer, clientAddress)), 'requests', signedIn ? limits.requestsPerMinute : limits.anonymousRequestsPerMinute);
    },
    plugin: {
      async requestDidStart({ contextValue }) {
        return {
          async didResolveOperation({ operation, document }) {
            // operationResolution() has refused documents without the operation asked for.
            if (operation?.operation !== 'mutation') return;
            const fields = rootFields(operation.selectionSet, document);
            if (fields > 0) refuseOver(await mutations.take(callerOf(contextValue.identity.viewer, contextValue.clientAddress), fields), 'mutations', limits.mutationsPerMinute);
          },
        };
      },
    },
  };
}

/** All or nothing: a grant of fewer points than asked (it then says when to retry) refuses the request. */
function refuseOver({ retryAfterSeconds }: Grant, what: string, perMinute: number): void {
  if (retryAfterSeconds === 0) return;
  recordRateLimit('limited');
  throw clientError(ErrorCode.RATE_LIMITED, `Too many ${what}: at most ${perMinute} a minute; try again in ${retryAfterSeconds} s`, {
    status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, extensions: { retryAfterSeconds },
  });
}

/** Fields of the root selection, through fragments (validation has refused cycles); `__typename` runs nothing. */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): number {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) return sum + (selection.name.value === '__typename' ? 0 : 1);
      if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      return sum + (fragment ? count(fragment.selectionSet) : 0);
    }, 0);
  return count(selectionSet);
}
