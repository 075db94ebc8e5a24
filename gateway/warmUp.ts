/**
 * The gateway's side of warm-ups (runtime/serve/warmUp.ts has the subgraph's). A cold gateway sends
 * one warm-up to every subgraph function its plans call, all at once, before its own code loads,
 * and never waits for them: the functions start while the gateway does. The scheduled warmer's
 * event (`{ warmSubgraphs: { concurrency } }`, infra/) sends a few to each, held so that they land
 * on as many containers. A warm gateway whose subgraphs have been idle (a quiet hour: Lambda has
 * reclaimed their containers) warms them all when a request calls the first, so their cold starts
 * overlap instead of meeting the request one plan stage after another.
 */
import type { InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../runtime/observability/logger.js';
import { lambdaClient, type LambdaInvoker } from '../runtime/clients/lambda.js';
import { warmUpEvent, type WarmUpAnswer } from '../runtime/serve/warmUp.js';
import type { AppName } from '../runtime/tenancy.js';
import type { GatewayConfig } from './config.js';
import type { PlanFile } from './planning/planFile.js';

export interface WarmUpTarget {
  /** Its name in the supergraph: the audience its warm-ups are signed for. */
  subgraph: string;
  functionName: string;
  contextSecret: string;
  client: LambdaInvoker;
}

export interface WarmUpReport {
  subgraph: string;
  answers: WarmUpAnswer[];
}

export interface Sending {
  /**
   * Settles once every warm-up request is on the wire (or has failed): until then a busy event
   * loop (the gateway evaluating its code) would hold them back, TLS handshake and all.
   */
  written: Promise<void>;
  answered: Promise<WarmUpReport[]>;
}

/** The scheduled warmer's event: a direct invocation, never an API Gateway event. */
export interface WarmerEvent {
  warmSubgraphs: { concurrency?: number };
}

/** Warm-ups sent together are held this long (under MAX_HOLD_MS), so each keeps its container busy while the others arrive. */
const WARMER_HOLD_MS = 150;
const MAX_WARMER_CONCURRENCY = 20;

export const isWarmerEvent = (event: unknown): event is WarmerEvent =>
  typeof event === 'object' && event !== null && typeof (event as Partial<WarmerEvent>).warmSubgraphs === 'object';

/** The subgraphs any shipped plan fetches from. */
export function subgraphsCalledBy({ plans }: Pick<PlanFile, 'plans'>): Set<string> {
  const called = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const { kind, serviceName } = node as { kind?: string; serviceName?: string };
    if (kind === 'Fetch' && serviceName) called.add(serviceName);
    Object.values(node).forEach(visit);
  };
  for (const { plan } of Object.values(plans)) visit(plan);
  return called;
}

export class SubgraphWarmUps {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** By function: when this container last invoked it (a warm-up or a call). */
  private readonly lastInvoked = new Map<string, number>();
  /** Failures answered before there was a logger to tell (`logTo`). */
  private untold: { subgraph: string; reason: string }[] = [];
  private logger: Pick<Logger, 'warn'> | undefined;

  constructor(
    private readonly app: AppName,
    private readonly targets: readonly WarmUpTarget[],
    /** Past this, a function is presumed cold. 0: never. */
    private readonly idleMs = 0,
  ) {}

  /** Where failed warm-ups are logged: the container's logger, made after the init's warm-ups left. */
  logTo(logger: Pick<Logger, 'warn'>): this {
    this.logger = logger;
    for (const failure of this.untold.splice(0)) logger.warn('gateway.warm_up_failed', failure);
    return this;
  }

  /** Every subgraph function of the lambda transport that the plans call; none on another transport. */
  static fromConfig(config: GatewayConfig, plans: Pick<PlanFile, 'plans'>): SubgraphWarmUps {
    const called = subgraphsCalledBy(plans);
    const targets: WarmUpTarget[] = [];
    if (config.transport === 'lambda') {
      for (const [subgraph, functionName] of Object.entries(config.subgraphFunctions)) {
        if (functionName && called.has(subgraph)) targets.push({ subgraph, functionName, contextSecret: config.contextSecrets[0] ?? '', client: lambdaClient(undefined) });
      }
    }
    return new SubgraphWarmUps(config.app, targets, config.warmUpAfterIdleSeconds * 1_000);
  }

  get functionNames(): string[] {
    return this.targets.map(({ functionName }) => functionName);
  }

  /**
   * The cold gateway's warm-ups: one to every target, and when they are on the wire (the init
   * waits for that, never for the answers).
   */
  start(): Sending {
    const written = requestsWritten(this.targets.length);
    const answered = this.send();
    return { written: Promise.race([written, answered.then(() => undefined)]), answered };
  }

  /**
   * Sends `concurrency` warm-ups to every target at once; settles when all have answered (a failed
   * one is reported and logged, never thrown). Until then `pending(functionName)` returns it.
   */
  send(concurrency = 1, holdMs = 0, targets = this.targets): Promise<WarmUpReport[]> {
    return Promise.all(
      targets.map(async ({ subgraph, functionName, contextSecret, client }) => {
        this.lastInvoked.set(functionName, Date.now());
        const invoke = async (): Promise<WarmUpAnswer> => {
          try {
            return answerOf(await client.invoke({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: JSON.stringify(warmUpEvent(this.app, subgraph, contextSecret, holdMs)) }));
          } catch (error) {
            return { warmed: false, reason: (error as Error).message };
          }
        };
        const sent = Promise.all(Array.from({ length: concurrency }, invoke));
        this.inFlight.set(functionName, sent);
        const answers = await sent;
        if (this.inFlight.get(functionName) === sent) this.inFlight.delete(functionName);
        for (const answer of answers) {
          if (answer.warmed) continue;
          if (this.logger) this.logger.warn('gateway.warm_up_failed', { subgraph, reason: answer.reason });
          else this.untold.push({ subgraph, reason: answer.reason });
        }
        return { subgraph, answers };
      }),
    );
  }

  /** The scheduled warmer: `concurrency` held warm-ups to each subgraph function. */
  warm({ warmSubgraphs }: WarmerEvent): Promise<WarmUpReport[]> {
    const concurrency = Math.min(Math.max(1, Math.trunc(Number(warmSubgraphs.concurrency) || 1)), MAX_WARMER_CONCURRENCY);
    return this.send(concurrency, concurrency > 1 ? WARMER_HOLD_MS : 0);
  }

  /**
   * Before a call to `functionName`: warms every function idle past `idleMs` (this one included),
   * all at once, and settles when the warm-ups in flight to this one have answered; undefined when
   * none are. A call sent meanwhile would find the function's only container busy and start
   * another, cold: waiting for the warm-up is never longer than that cold start.
   */
  pending(functionName: string): Promise<void> | undefined {
    const now = Date.now();
    if (this.idleMs > 0) {
      const idle = this.targets.filter((target) => !this.inFlight.has(target.functionName) && now - (this.lastInvoked.get(target.functionName) ?? 0) > this.idleMs);
      if (idle.length > 0) void this.send(1, 0, idle);
    }
    this.lastInvoked.set(functionName, now);
    return this.inFlight.get(functionName)?.then(() => undefined);
  }
}

/** Longest the init waits for warm-ups to be written: a slow network never holds the gateway back for long. */
const WRITE_WAIT_MS = 250;

/** Settles when `count` Lambda Invoke requests have been flushed to their sockets or failed (or after WRITE_WAIT_MS). */
function requestsWritten(count: number): Promise<void> {
  if (count === 0) return Promise.resolve();
  let remaining = count;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const settle = () => {
    if (--remaining === 0) done();
  };
  const started = ({ request }: { request: ClientRequest }) => {
    if (!request.path.startsWith('/2015-03-31/functions/')) return;
    request.once('finish', settle);
    request.once('error', () => !request.writableFinished && settle());
  };
  subscribe('http.client.request.start', started as (message: unknown) => void);
  return Promise.race([all, sleep(WRITE_WAIT_MS)]).finally(() => unsubscribe('http.client.request.start', started as (message: unknown) => void));
}

function answerOf({ FunctionError, Payload }: Pick<InvokeCommandOutput, 'FunctionError' | 'Payload'>): WarmUpAnswer {
  const text = Payload ? Buffer.from(Payload).toString('utf8') : '';
  if (FunctionError) return { warmed: false, reason: `function error: ${text.slice(0, 200)}` };
  try {
    const answer = JSON.parse(text) as Partial<WarmUpAnswer> | null;
    return answer?.warmed === true ? (answer as WarmUpAnswer) : { warmed: false, reason: (answer as { reason?: string } | null)?.reason ?? `not a warm-up answer: ${text.slice(0, 200)}` };
  } catch {
    return { warmed: false, reason: `not a warm-up answer: ${text.slice(0, 200)}` };
  }
}
