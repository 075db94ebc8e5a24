/**
 * Lambda entry points for API Gateway v2 (HTTP API) events, for the gateway and every subgraph.
 * Business logic never imports `aws-lambda`; handler files only call these factories.
 */
import type { ApolloServer, BaseContext as ApolloBaseContext, ContextFunction } from '@apollo/server';
import { handlers, startServerAndCreateLambdaHandler, type LambdaContextFunctionArgument } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { envelopeRefusal, MAX_REQUEST_BODY_BYTES, nestingRefusal } from './requestLimits.js';
import type { Telemetry } from '../observability/telemetry.js';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { CONTEXT_HEADER, signContext } from '../security/signedContext.js';
import type { BaseContext, SubgraphModule } from '../subgraph/contract.js';
import { contextFromSignedHeader } from '../subgraph/signIn.js';
import { createSubgraphServer } from '../subgraph/server.js';
import type { AppRuntime } from '../container/appDeps.js';
import { ErrorCode } from '../errors.js';
import { backingServiceChecks, checkReadiness, healthAnswer, type HealthAnswer } from './health.js';
import { isWarmUpEvent, once, warmUpAnswerer } from './warmUp.js';
import { invocationEvent } from './invocationEvent.js';

const v2 = handlers.createAPIGatewayProxyEventV2RequestHandler();
export type V2RequestHandler = typeof v2;

/** A request refused for its envelope once parsed (requestLimits.ts). */
class RefusedEnvelope extends Error {}

/**
 * The integration's v2 handler, except that a request it cannot parse (malformed JSON, say) or
 * whose envelope Apollo Server would choke on gets a GraphQL-shaped 400 instead of a bare text body.
 */
export const apiGatewayV2: V2RequestHandler = {
  ...v2,
  fromEvent(event) {
    const request = v2.fromEvent(event);
    const refusal = envelopeRefusal(request.body, request.search);
    if (refusal) throw new RefusedEnvelope(refusal);
    return request;
  },
  toErrorResult: (error) => errorResult(400, error instanceof RefusedEnvelope ? error.message : `Malformed request: ${error instanceof Error ? error.message : 'unreadable body'}`),
};

function errorResult(statusCode: number, message: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] }),
  };
}

/**
 * The graph's answers keep the Cache-Control its pipeline set (gateway/plugins/cacheControlHeader.ts);
 * one it gave none (refused before it ran: a bad token, a request it could not read) is kept by no cache.
 */
const noStoreUnlessSet = async () => async (result: APIGatewayProxyStructuredResultV2) => {
  if (!Object.keys(result.headers ?? {}).some((name) => name.toLowerCase() === 'cache-control')) result.headers = { ...result.headers, 'cache-control': 'no-store' };
};

/** Refuses an oversized body before the integration decodes or parses it. */
const bodyLimit = async (event: APIGatewayProxyEventV2) => {
  const bytes = event.body ? (event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body)) : 0;
  return bytes > MAX_REQUEST_BODY_BYTES ? errorResult(413, `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes`) : undefined;
};

/** Refuses a body or GET parameters nested past the limit (requestLimits.ts) before the integration parses them. */
const nestingLimit = async (event: APIGatewayProxyEventV2) => {
  const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const refusal = nestingRefusal(body, Object.entries(event.queryStringParameters ?? {}));
  return refusal ? errorResult(400, refusal) : undefined;
};

/** `GET /health` and `GET /ready` answered before the graph sees the event (runtime/serve/health.ts). */
/** Answers an event itself, or returns undefined to let the graph answer it. */
export type LambdaRoute = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

const healthRoutes = (answer: HealthAnswer) => async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
  if (event.rawPath !== '/health' && event.rawPath !== '/ready') return undefined;
  const { status, body } = await answer(event.rawPath, event.headers?.authorization);
  return { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
};

/**
 * A preflight that reaches the gateway function gets a bare 204, not Apollo's 405. API Gateway
 * answers preflights itself from the HTTP API's CORS configuration, and it replaces any CORS header
 * an integration returns, so the function sets none: the allowlist lives in one place, the API's.
 * The unauthorised OPTIONS routes that let preflights past the JWT authorizer need an integration,
 * which is why one could get here (infra/constructs/Api.ts).
 */
export const preflightRoute: LambdaRoute = async (event) => (event.requestContext.http.method === 'OPTIONS' ? { statusCode: 204 } : undefined);

/**
 * The handler, and `ready`: settled once the server has its schema (a gateway has loaded its
 * supergraph and query planner) or has failed to get it. A handler module awaits it, so that work is done in
 * Lambda's init phase (ahead of time under provisioned concurrency), not in the first request, and
 * a server that cannot start fails its init instead of every request.
 */
export function createLambdaHandler<C extends ApolloBaseContext>(
  server: ApolloServer<C>,
  context: ContextFunction<[LambdaContextFunctionArgument<V2RequestHandler>], C>,
  telemetry: Telemetry,
  /** How `/health` and `/ready` are answered (health.ts). @default none: they reach the graph like any path */
  readiness?: HealthAnswer,
  /** Other paths answered before the graph (the explorer's files). @default none */
  routes: readonly LambdaRoute[] = [],
) {
  const ready = new Promise<void>((resolve, reject) => {
    server.addPlugin({ serverWillStart: async () => resolve(), startupDidFail: async ({ error }) => reject(error) });
  });
  // The integration is CommonJS and types `ApolloServer` from Apollo's CJS build; ours is the ESM
  // build of the same class, so the two declarations differ only nominally.
  type CjsServer = Parameters<typeof startServerAndCreateLambdaHandler>[0];
  const handler = startServerAndCreateLambdaHandler(server as unknown as CjsServer, apiGatewayV2, { context: context as never, middleware: [noStoreUnlessSet, ...(readiness ? [healthRoutes(readiness)] : []), ...routes, bodyLimit, nestingLimit] });
  const observed = ((event, lambdaContext, callback) =>
    telemetry.observe({ requestId: event.requestContext?.requestId, context: lambdaContext }, () => handler(event, lambdaContext, callback) as Promise<APIGatewayProxyStructuredResultV2>)) as typeof handler;
  /** The same handler outside telemetry: no request metrics, log keys or trace (a warm-up's own probe). */
  const unobserved = handler as typeof observed;
  return Object.assign(observed, { ready, unobserved });
}

/** The Lambda context of a subgraph's own `{ __typename }` while it warms up. */
const WARM_UP_CONTEXT = { functionName: 'warm-up', awsRequestId: 'warm-up', getRemainingTimeInMillis: () => 1_000 } as Context;

/**
 * A subgraph's Lambda: verifies the gateway's signed context on every call, and answers the
 * gateway's warm-ups (runtime/serve/warmUp.ts) outside the request path: no metrics, no request log.
 * `ready` settles once the container has paid what its first request would otherwise pay (its
 * server started, MySQL and Redis connected, its own `{ __typename }` run): a handler module awaits
 * it, so that is done in Lambda's init, ahead of time under provisioned concurrency. A backend that
 * does not answer only leaves its connection to the first request (each probe has a timeout).
 */
export function createSubgraphLambdaHandler<C extends BaseContext>(module: SubgraphModule<C>, runtime: AppRuntime, telemetry: Telemetry) {
  const { deps } = runtime;
  /** The request id of this container's own `{ __typename }` probe, which is not a request: no log line. */
  const probeId = `warm-up-${randomUUID()}`;
  const context = async ({ event }: LambdaContextFunctionArgument<V2RequestHandler>) => contextFromSignedHeader(module, deps, event.headers?.[CONTEXT_HEADER]);
  // Status only, for everyone: a subgraph function is invoked by the gateway alone (IAM), never by an operator's token.
  const handler = createLambdaHandler(createSubgraphServer(module, deps, (request) => request.requestId === probeId), context, telemetry, healthAnswer(() => backingServiceChecks(deps)));
  const prepared = once(async () => {
    await handler.ready;
    await checkReadiness(backingServiceChecks(deps));
    // The container's first drain of the invalidation log, so that its first lookup need not wait for one.
    await deps.cache.applyPendingInvalidations();
    // The first request's one-time costs (the integration, the context check, Apollo's pipeline), as an anonymous caller.
    const probe = signContext({ viewer: { kind: 'anonymous' }, app: deps.app, requestId: probeId }, { audience: module.name, secret: deps.contextSecrets[0] ?? '' });
    await handler.unobserved(invocationEvent({ query: '{ __typename }' }, { [CONTEXT_HEADER]: probe }, randomUUID()), WARM_UP_CONTEXT, () => undefined);
  });
  const warmUp = warmUpAnswerer(deps.app, module.name, deps.contextSecrets, prepared);
  const answer = ((event, lambdaContext, callback) => (isWarmUpEvent(event) ? warmUp(event) : handler(event, lambdaContext, callback))) as typeof handler;
  // A server that cannot start fails the init (handler.ready rejects); a failed preparation does not.
  return Object.assign(answer, { ready: handler.ready.then(() => prepared().catch(() => undefined)) });
}
