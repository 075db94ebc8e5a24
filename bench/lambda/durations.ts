/**
 * Warm durations of each function for the client mix (bench/mix.ts), in this process. The gateway's
 * Lambda handler, wired as gateway/handler.ts wires it, answers each request as an API Gateway v2
 * event. Over the lambda transport it invokes the subgraph functions' handlers through the real AWS
 * SDK and a local Invoke API (test/support/lambdaEndpoint.ts, reached through the SDK's
 * AWS_ENDPOINT_URL_LAMBDA); over the local transport it runs every subgraph itself. A handler's
 * time is what Lambda bills: the gateway's includes its wait for the subgraphs. Requests run one at
 * a time; logs and metrics are off.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadGatewayConfig, type GatewayConfig } from '../../gateway/config.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { createAppRuntime } from '../../runtime/container/appDeps.js';
import { createLambdaHandler, createSubgraphLambdaHandler } from '../../runtime/serve/lambda.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { createTelemetry } from '../../runtime/observability/telemetry.js';
import { gatewayFromConfig } from '../../gateway/fromConfig.js';
import { invocationEvent } from '../../runtime/serve/invocationEvent.js';
import { loadDevIssuer } from '../../gateway/auth/devIssuer.js';
import * as subgraphs from '../../subgraphs/index.js';
import { startLambdaEndpoint } from '../../test/support/lambdaEndpoint.js';
import { documentOf, MIX } from '../mix.js';

export interface Durations {
  transport: 'lambda' | 'local';
  requests: number;
  /** Each invocation's duration in ms, by function. */
  byFunction: Map<string, number[]>;
}

type Handler = (event: APIGatewayProxyEventV2, context: Context, callback: () => void) => Promise<APIGatewayProxyStructuredResultV2>;

/** `handler`, adding each invocation's duration to `into`. */
function timed(handler: Handler, into: number[]): Handler {
  return async (event, context, callback) => {
    const started = performance.now();
    try {
      return await handler(event, context, callback);
    } finally {
      into.push(performance.now() - started);
    }
  };
}

/** `env`: the deployment's variables (database, Redis prefix, secrets, development issuer). */
export async function measureDurations(transport: Durations['transport'], env: Record<string, string>, rounds: number): Promise<Durations> {
  const byFunction = new Map<string, number[]>([['gateway', []]]);
  const telemetry = createTelemetry({ app: 'amal', logLevel: 'silent' });
  const stops: (() => Promise<void>)[] = [];
  let config: GatewayConfig = loadGatewayConfig({ ...env, SUBGRAPH_TRANSPORT: 'local' });
  const runtime = createAppRuntime(config, { logger: telemetry.logger });
  stops.push(() => runtime.close());
  try {
    if (transport === 'lambda') {
      const functions = Object.fromEntries(SUBGRAPH_NAMES.map((name) => {
        byFunction.set(name, []);
        return [`amal-${name}`, timed(createSubgraphLambdaHandler(subgraphs[name] as SubgraphModule<never>, runtime, telemetry) as Handler, byFunction.get(name)!)];
      }));
      const endpoint = await startLambdaEndpoint(functions);
      stops.push(endpoint.close);
      Object.assign(process.env, { AWS_ENDPOINT_URL_LAMBDA: endpoint.url, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' });
      config = loadGatewayConfig({ ...env, SUBGRAPH_TRANSPORT: 'lambda', ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}`])) });
    }
    const gateway = await gatewayFromConfig(config, runtime);
    const handler = timed(
      createLambdaHandler(gateway.server, ({ event }) => gateway.contextFor({ authorization: event.headers?.authorization, requestId: event.requestContext.requestId }), telemetry) as Handler,
      byFunction.get('gateway')!,
    );

    const issuer = await loadDevIssuer(config.auth.devIssuerKeyFile, config.auth.issuer, config.auth.audience);
    const tokens = new Map(await Promise.all(MIX.map(async ({ viewer }) => [viewer.userId, await issuer.mint(viewer)] as const)));
    const context = { functionName: 'gateway', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 15_000 } as Context;
    const round = async () => {
      for (const operation of MIX) {
        for (let i = 0; i < operation.weight; i++) {
          const request = { query: documentOf(operation.name), variables: operation.variables() };
          const event = invocationEvent(request, { authorization: `Bearer ${tokens.get(operation.viewer.userId)}` }, randomUUID());
          const result = await handler(event, context, () => undefined);
          if (result.statusCode !== 200 || result.body?.includes('"errors"')) throw new Error(`${operation.name} over ${transport}: ${result.statusCode} ${result.body?.slice(0, 500)}`);
        }
      }
    };
    // Warm: the first requests build schemas, query plans and caches.
    await round();
    await round();
    for (const durations of byFunction.values()) durations.length = 0;
    for (let i = 0; i < rounds; i++) await round();
    return { transport, requests: rounds * MIX.reduce((sum, { weight }) => sum + weight, 0), byFunction };
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}
