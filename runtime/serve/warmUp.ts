/**
 * Warm-ups (ARCHITECTURE.md, principle 11). A cold gateway invokes every subgraph function its plans
 * call with a warm-up, all at once, while its own code is still loading, so its first request never
 * meets cold functions one plan stage after another; a scheduled warmer sends a few at once.
 *
 * A warm-up is not a request: it carries a context the gateway signed for this purpose and this
 * subgraph only (a request's context is refused here, a warm-up's is refused as a request, one
 * signed for another subgraph is refused by this one), runs no viewer's
 * operation, and is neither metered nor logged as a request. The subgraph answers it after paying
 * what its first request would otherwise pay: the server started, MySQL and Redis connected, and
 * `{ __typename }` run once through its own handler (the integration, the signed-context check and
 * Apollo's request pipeline compiled).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppName } from '../tenancy.js';
import { signContext, verifyContext } from '../security/signedContext.js';

/** The invocation payload: not an API Gateway event, so no client request can ever be one. */
export interface WarmUpEvent {
  warmUp: string;
  /**
   * How long to hold the container after preparing it, so that warm-ups sent together land on as
   * many containers (a busy container takes no other invocation). @default 0
   */
  holdMs?: number;
}

export type WarmUpAnswer = { warmed: true; ms: number } | { warmed: false; reason: string };

/** A held warm-up never keeps a container longer than this. */
export const MAX_HOLD_MS = 1_000;

export const isWarmUpEvent = (event: unknown): event is WarmUpEvent =>
  typeof event === 'object' && event !== null && typeof (event as Partial<WarmUpEvent>).warmUp === 'string';

/** A warm-up for the subgraph named `audience`. */
export function warmUpEvent(app: AppName, audience: string, secret: string, holdMs = 0): WarmUpEvent {
  const context = signContext({ viewer: { kind: 'anonymous' }, app, requestId: `warm-up-${randomUUID()}` }, { audience, secret, purpose: 'warm-up' });
  return holdMs > 0 ? { warmUp: context, holdMs } : { warmUp: context };
}

/** `prepare` once: every later call gets the same promise, unless it failed (then it runs again). */
export function once(prepare: () => Promise<void>): () => Promise<void> {
  let prepared: Promise<void> | undefined;
  return () =>
    (prepared ??= prepare().catch((error: unknown) => {
      prepared = undefined;
      throw error;
    }));
}

/**
 * Answers warm-ups signed with one of `secrets` for `app` and the subgraph named `audience` once
 * `prepared` settles (a container prepares once: `once`); a warm-up of a prepared container only holds it.
 */
export function warmUpAnswerer(app: AppName, audience: string, secrets: readonly string[], prepared: () => Promise<void>) {
  return async ({ warmUp, holdMs = 0 }: WarmUpEvent): Promise<WarmUpAnswer> => {
    const verified = verifyContext(warmUp, { secrets, app, audience, purpose: 'warm-up' });
    if (!verified.ok) return { warmed: false, reason: `refused: ${verified.reason}` };
    const started = performance.now();
    try {
      await prepared();
    } catch (error) {
      // Not a function error: a warm-up that could not prepare changes nothing for the next request.
      return { warmed: false, reason: `not prepared: ${(error as Error).message}` };
    }
    const hold = Math.min(Math.max(0, Number(holdMs) || 0), MAX_HOLD_MS);
    if (hold > 0) await sleep(hold);
    return { warmed: true, ms: Math.round(performance.now() - started) };
  };
}
