/**
 * Whole answers kept in Redis, per app, viewer, document and variables, and served while nothing
 * they were built from has been written since.
 *
 * An answer is kept only when every read behind it went through the entity cache (the request's
 * read log, runtime/cache/readLog.ts, lists the keys; our subgraphs in other processes report
 * theirs, another team's subgraph makes the answer untraceable) and it has no error. It is served
 * again only while each of those keys' written markers (runtime/cache/markers.ts) is older
 * than the moment its build began minus the entity cache's L1 lifetime: another container may have
 * read a row from its L1 for that long after a write. Times are Redis's own clock.
 *
 * So a write through any container ends every answer built from what it changed, and a write whose
 * writer could not invalidate ends them at the next drain of the invalidation log, which every
 * lookup awaits when due. The key is the viewer (id and role), or no one for an answer made only
 * of `@public` fields (the same for every caller: gateway/cachePolicy.ts), the hash of the document executed
 * (whether the request carried its text, its APQ hash or came by GET), the operation resolved and
 * the variables, under the app and the supergraph's version. What changes with the clock alone (a
 * review falling due) is at most `ttlSeconds` late. Only queries are kept, and Redis unreachable
 * means every request is simply built (the cache never fails one). docs/CONSISTENCY.md.
 */
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { CachePolicyLookup } from '../cachePolicy.js';
import { seldomServed, type SeldomServedOptions } from './seldomServed.js';
import type { Redis } from 'ioredis';
import { CACHE_DEFAULTS } from '../../runtime/cache/entityCache.js';
import { LOOKUP_KEPT_ANSWER, runScript, type LookupReply } from '../../runtime/cache/markers.js';
import { currentReadLog } from '../../runtime/cache/readLog.js';
import { recordResponseCache } from '../../runtime/observability/requestMetrics.js';
import type { AppName } from '../../runtime/tenancy.js';
import type { GatewayContext } from '../context.js';
import { selectsOnlyTypename } from '../planning/plannedGateway.js';

export interface ResponseCacheOptions {
  redis: Redis;
  keyPrefix: string;
  app: AppName;
  /** Longest an answer is kept; writes end it sooner. */
  ttlSeconds: number;
  /** Answers built for another supergraph are never served. */
  supergraphSdl: string;
  /** After a Redis failure, how long the cache is skipped. @default 2_000 */
  backoffMs?: number;
  /** Larger answers are not kept. @default 1 MiB */
  maxBytes?: number;
  /** Awaited before each lookup: applies the invalidations writers could not (EntityCache.applyPendingInvalidations). */
  beforeLookup?: () => Promise<void>;
  /** When a document whose kept answers are seldom served rests from the cache. @default SELDOM_SERVED_DEFAULTS */
  seldomServed?: SeldomServedOptions;
  /** An answer whose policy is PUBLIC (only `@public` fields) is kept once for every viewer. */
  cachePolicy: CachePolicyLookup;
  /** `public`: only such answers; `all`: each viewer's own answers too. */
  keeps: KeptAnswers;
}

export type KeptAnswers = 'public' | 'all';

/**
 * What decides whether a kept answer may be served. Stored as one line of JSON before the answer's
 * data, so the lookup script (LOOKUP_KEPT_ANSWER) reads it without touching the data.
 */
interface KeptAnswerMeta {
  /** Redis time (ms) when its build began. */
  builtAt: number;
  /** The entity cache keys it was read from. */
  keys: string[];
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<GatewayContext> {
  const { redis, ttlSeconds, backoffMs = 2_000, maxBytes = 1024 * 1024, beforeLookup } = options;
  const schemaVersion = createHash('sha256').update(options.supergraphSdl).digest('hex').slice(0, 12);
  const namespace = `${options.keyPrefix}${options.app}:response:${schemaVersion}:`;
  let skipUntil = 0;
  const failed = () => void (skipUntil = Date.now() + backoffMs);
  /** Documents whose answer read outside the entity cache once: not looked up again (Apollo keeps one parsed document per text). */
  const untraceable = new WeakSet<DocumentNode>();
  const seldom = seldomServed(options.seldomServed);

  return {
    async requestDidStart({ contextValue }) {
      let key: string | undefined;
      let builtAt: number | undefined;
      /** Keys written too lately for an answer built now to be served: such an answer is not kept. */
      let tooFresh: Set<string> | undefined;
      let served = false;
      return {
        async responseForOperation({ request, operation, operationName, queryHash, document, schema }) {
          // No operation resolved: refused before this (plugins/operationResolution.ts); never assume one.
          if (operation?.operation !== 'query' || Date.now() < skipUntil) return null;
          // A probe's `{ __typename }` reads nothing, so no answer of it is kept: no lookup, no drain.
          if (selectsOnlyTypename(operation)) return null;
          if (untraceable.has(document)) {
            recordResponseCache('not-stored');
            return null;
          }
          const everyone = options.cachePolicy(schema, document, operation).scope === 'PUBLIC';
          if ((!everyone && options.keeps === 'public') || seldom.resting(document)) return null;
          const viewer = everyone ? 'everyone' : contextValue.identity.viewer;
          try {
            // The hash of the document executed, whether the request carried its text or only its APQ hash.
            // Inside the try: variables no front refused must still never fail the request here.
            key = namespace + createHash('sha256').update(JSON.stringify([viewer, queryHash, operationName, request.variables ?? {}])).digest('base64url');
            await beforeLookup?.();
            const reply = (await runScript(redis, LOOKUP_KEPT_ANSWER, [key], [CACHE_DEFAULTS.l1TtlMs])) as LookupReply;
            builtAt = reply[0];
            seldom.lookedUp(document, reply.length > 1 && reply[1] !== 0);
            if (reply.length === 1) return null;
            if (reply[1] === 0) {
              // A classroom at work writes every few seconds: do not keep answers no one could be served.
              tooFresh = new Set(reply[2]);
              return null;
            }
            recordResponseCache('hit');
            served = true;
            const data = JSON.parse(reply[2]) as Record<string, unknown>;
            return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
          } catch {
            if (key === undefined) return null;
            failed();
            builtAt = undefined;
            return null;
          }
        },

        async willSendResponse({ response, document }) {
          if (builtAt === undefined || !key || served) return;
          const reads = currentReadLog();
          if (reads?.untracked && document) untraceable.add(document);
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!reads || reads.untracked || reads.keys.size === 0 || !result?.data || result.errors?.length) return recordResponseCache('not-stored');
          if (tooFresh?.size && [...reads.keys].some((read) => tooFresh!.has(read))) return recordResponseCache('not-stored');
          // JSON escapes every newline inside it, so the first one ends the meta line.
          const answer = `${JSON.stringify({ builtAt, keys: [...reads.keys] } satisfies KeptAnswerMeta)}\n${JSON.stringify(result.data)}`;
          if (Buffer.byteLength(answer) > maxBytes) return recordResponseCache('not-stored');
          recordResponseCache('stored');
          try {
            await redis.set(key, answer, 'EX', ttlSeconds);
          } catch {
            failed();
          }
        },
      };
    },
  };
}
