/**
 * Liveness and readiness, the same checks for the HTTP servers (`/health`, `/ready`) and Lambda.
 *
 * Failure model: a dependency is down, slow or hanging. Each probe gets `timeoutMs` and then counts
 * as down, so `/ready` always answers quickly. A required dependency down makes the instance
 * `down` (503: route traffic elsewhere); an optional one (the Redis cache) makes it `degraded`
 * (200: it still answers, from MySQL). `/health` only says the process serves HTTP.
 *
 * Threat model: `/ready` is reachable without the JWT authorizer (load balancers and uptime checks
 * call it without a token), and each probe calls every subgraph, MySQL and Redis. So anyone gets
 * the status alone (`{ "status": "ready" }`, 200 or 503), from probes run at most once per
 * `minIntervalMs` however many ask; only a caller `mayDetail` admits (the gateway: a verified admin
 * token) gets each check with its timing and error text, probed afresh.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../container/appDeps.js';
import type { RouteHandler } from './httpServer.js';

export interface ReadinessCheck {
  name: string;
  /** Down makes the instance down; otherwise only degraded. */
  required: boolean;
  /** Resolves when the dependency answers; `signal` aborts at the check's timeout. */
  probe(signal: AbortSignal): Promise<unknown>;
}

export type CheckResult = { status: 'up' | 'down'; required: boolean; ms: number; error?: string };

export interface Readiness {
  status: 'ready' | 'degraded' | 'down';
  checks: Record<string, CheckResult>;
}

/** @default 1_000 ms per probe, run in parallel. */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = 1_000): Promise<Readiness> {
  const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  const entries = checks.map((check, i) => [check.name, results[i]!] as const);
  const down = entries.filter(([, result]) => result.status === 'down');
  const status = down.some(([, result]) => result.required) ? 'down' : down.length > 0 ? 'degraded' : 'ready';
  return { status, checks: Object.fromEntries(entries) };
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    await new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), { once: true });
      check.probe(signal).then(resolve, reject);
    });
    return { status: 'up', required: check.required, ms: elapsed() };
  } catch (error) {
    return { status: 'down', required: check.required, ms: elapsed(), error: (error as Error).message };
  }
}

/** MySQL when given (required) and Redis (optional: without it the cache misses and requests still answer). */
export function backingServiceChecks(deps: Pick<AppDeps, 'redis'> & Partial<Pick<AppDeps, 'db'>>): ReadinessCheck[] {
  const { db, redis } = deps;
  const checks: ReadinessCheck[] = db ? [{ name: 'database', required: true, probe: () => db.execute(sql`SELECT 1`) }] : [];
  if (redis) checks.push({ name: 'redis', required: false, probe: () => redis.ping() });
  return checks;
}

export interface ReadinessOptions {
  /** Whether the caller holding this Authorization header may see each check. @default no one */
  mayDetail?: (authorization: string | undefined) => Promise<boolean>;
  /** The status everyone else gets is probed at most this often. @default 5_000 */
  minIntervalMs?: number;
}

/** Answers `/health` and `/ready` for any front (httpServer.ts, lambda.ts). */
export type HealthAnswer = (path: '/health' | '/ready', authorization: string | undefined) => Promise<{ status: number; body: object }>;

export function healthAnswer(checks: () => readonly ReadinessCheck[], { mayDetail = async () => false, minIntervalMs = 5_000 }: ReadinessOptions = {}): HealthAnswer {
  let latest: { at: number; readiness: Promise<Readiness> } | undefined;
  const probe = () => (latest = { at: Date.now(), readiness: checkReadiness(checks()) }).readiness;
  return async (path, authorization) => {
    if (path === '/health') return { status: 200, body: { status: 'live' } };
    const detailed = authorization !== undefined && (await mayDetail(authorization).catch(() => false));
    const readiness = await (detailed || !latest || Date.now() - latest.at >= minIntervalMs ? probe() : latest.readiness);
    return { status: readiness.status === 'down' ? 503 : 200, body: detailed ? readiness : { status: readiness.status } };
  };
}

/** `/health` and `/ready` for runtime/serve/httpServer.ts. */
export function healthRoutes(checks: () => readonly ReadinessCheck[], options?: ReadinessOptions): Record<string, RouteHandler> {
  const answer = healthAnswer(checks, options);
  const route = (path: '/health' | '/ready') => async (request: IncomingMessage, response: ServerResponse) => {
    const authorization = request.headers.authorization;
    const { status, body } = await answer(path, authorization);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };
  return { '/health': route('/health'), '/ready': route('/ready') };
}
