/**
 * Another team's subgraph as the gateway meets it, in this process: a bare HTTP endpoint that
 * answers `{ hello }` and keeps the signed context of every call it receives, i.e. what whoever
 * runs that subgraph could replay. `useGatewayOverForeignSubgraph` serves it the way
 * `npm run gateway -- --supergraph <file>` does (gatewayOverSupergraph), under a name of its
 * choosing: one of ours, to show that a name proves nothing.
 */
import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadGatewayConfig } from '../../gateway/config.js';
import { gatewayOverSupergraph } from '../../gateway/fromConfig.js';
import { loadDevIssuer, type DevIssuer } from '../../gateway/auth/devIssuer.js';
import { serveGateway } from '../../scripts/localServers.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { CONTEXT_HEADER, type Viewer } from '../../runtime/security/signedContext.js';
import { TEST_CONTEXT_SECRET } from './harness.js';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { hello: String }
`;

export interface GatewayOverForeignSubgraph {
  /** `{ hello }` through the gateway, as `viewer`. */
  ask(viewer: Viewer): Promise<{ status: number }>;
  /** Every context the foreign subgraph received, oldest first. */
  readonly contextsSeen: string[];
}

/** `name`: what the foreign subgraph calls itself in its supergraph. The gateway holds TEST_CONTEXT_SECRET as CONTEXT_SECRETS. */
export function useGatewayOverForeignSubgraph(name: string, env: Record<string, string> = {}): GatewayOverForeignSubgraph {
  const contextsSeen: string[] = [];
  let foreign: Server;
  let gatewayUrl = '';
  let issuer: DevIssuer;
  let stop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    foreign = createServer((request, response) => {
      const header = request.headers[CONTEXT_HEADER];
      if (typeof header === 'string') contextsSeen.push(header);
      request.resume().on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { hello: 'marhaba' } }));
      });
    });
    foreign.listen(0, '127.0.0.1');
    await once(foreign, 'listening');
    const address = foreign.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    const composed = composeServices([{ name, url, typeDefs: parse(SDL) }]);
    if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
    const dir = mkdtempSync(join(tmpdir(), 'lg-foreign-'));
    writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
    const config = loadGatewayConfig({
      APP_NAME: 'amal', CONTEXT_SECRETS: TEST_CONTEXT_SECRET, SUPERGRAPH_FILE: join(dir, 'supergraph.graphql'),
      DEV_ISSUER_KEY_FILE: join(dir, 'issuer.json'), RATE_LIMITS: 'off', LOG_LEVEL: 'silent', ...env,
    });
    issuer = await loadDevIssuer(config.auth.devIssuerKeyFile, config.auth.issuer, config.auth.audience);
    const served = await serveGateway(gatewayOverSupergraph(config, { redis: undefined, logger: createLogger('silent') }), 0);
    gatewayUrl = served.url;
    stop = served.close;
  });
  afterAll(async () => {
    await stop();
    foreign?.close();
  });

  return {
    contextsSeen,
    async ask(viewer) {
      const authorization: Record<string, string> = viewer.kind === 'user' ? { authorization: `Bearer ${await issuer.mint({ userId: viewer.userId, role: viewer.role })}` } : {};
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify({ query: '{ hello }' }) });
      await response.text();
      return { status: response.status };
    },
  };
}
