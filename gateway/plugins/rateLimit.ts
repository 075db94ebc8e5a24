/**
 * Rate limits per caller, before anything runs: every request takes one point from the caller's
 * request budget, and a mutation also takes one point per root mutation field from the tighter
 * mutation budget. Over either: 429 RATE_LIMITED with `Retry-After` (seconds).
 *
 * Threat model: a caller spreading one user's load to slip under the limits. The caller is the
 * signed-in user id, so any number of tokens of one user share one budget; without a token it is
 * the address the transport saw (API Gateway's sourceIp, the socket's peer locally), never a
 * header a client can write. A request counts from its start, whether it comes as text or as a
 * persisted-query hash and whether it later fails, so a refused or cached answer is no free
 * retry. Aliases cannot hide mutations (`a: submitAnswer(…) b: submitAnswer(…)` takes two points,
 * fragments included); batches are refused before this plugin (`allowBatchedHttpRequests: false`).
 * Redis down or slow: the limits fail open (runtime/security/rateLimiter.ts).
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

export interface RateLimitOptions {
  redis: Redis | undefined;
  keyPrefix: string;
  app: AppName;
  logger: Logger;
  limits: RateLimitConfig;
}

export function rateLimit({ limits, ...store }: RateLimitOptions): ApolloServerPlugin<GatewayContext> {
  const budget = (name: string, points: number) => createRateLimiter({ ...store, name, points, timeoutMs: limits.timeoutMs });
  const users = budget('requests', limits.requestsPerMinute);
  const addresses = budget('anonymous', limits.anonymousRequestsPerMinute);
  const mutations = budget('mutations', limits.mutationsPerMinute);
  return {
    async requestDidStart({ contextValue }) {
      const { viewer } = contextValue.identity;
      const caller = viewer.kind === 'user' ? userCaller(viewer.userId) : `address:${contextValue.clientAddress ?? 'unknown'}`;
      // Taken now, so that a request refused before its operation resolves has counted too.
      const request = (viewer.kind === 'user' ? users : addresses).take(caller);
      return {
        async didResolveOperation({ operation, document }) {
          // operationResolution() has refused documents without the operation asked for.
          if (!operation) return;
          refuseOver(await request, 'requests', viewer.kind === 'user' ? limits.requestsPerMinute : limits.anonymousRequestsPerMinute);
          if (operation.operation !== 'mutation') return;
          const fields = rootFields(operation.selectionSet, document);
          if (fields > 0) refuseOver(await mutations.take(caller, fields), 'mutations', limits.mutationsPerMinute);
        },
      };
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
