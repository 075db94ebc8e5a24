/**
 * The explorer from the gateway Lambda: the same files and headers as the HTTP server serves
 * (routes.ts), gzipped because a Lambda answer is limited to 6 MB and the editor's script is 5 MB.
 * Each file is read and compressed on its first request, so a cold start pays nothing for it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LambdaRoute } from '../../runtime/serve/lambda.js';
import { EXPLORER_PATH, explorerFiles, securityHeaders, type ExplorerFile } from './routes.js';
import type { ExplorerSignIn } from './signIn.js';

/**
 * The route for a folder holding the built bundle. Every path under /explorer is answered here:
 * a file of the bundle, or 404 NOT_FOUND for any other (and for all of them where the bundle was
 * not built). In AWS these routes bypass the JWT authorizer (infra/constructs/Api.ts), so nothing
 * under them may fall through to the graph.
 */
export function explorerLambdaRoutes(bundleDir: string, signIn: ExplorerSignIn | undefined): LambdaRoute[] {
  const built = existsSync(join(bundleDir, 'index.html'));
  const files = built ? explorerFiles(bundleDir, signIn) : new Map<string, ExplorerFile>();
  const headers = securityHeaders(signIn);
  const compressed = new Map<string, string>();
  return [
    async (event): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
      if (event.rawPath !== EXPLORER_PATH && !event.rawPath.startsWith(`${EXPLORER_PATH}/`)) return undefined;
      const file = files.get(event.rawPath);
      if (!file) return notFound(event.rawPath);
      if (event.requestContext.http.method !== 'GET') return { statusCode: 405, headers: { allow: 'GET' } };
      let body = compressed.get(event.rawPath);
      if (!body) compressed.set(event.rawPath, (body = gzipSync(file.read()).toString('base64')));
      return {
        statusCode: 200,
        isBase64Encoded: true,
        headers: { 'content-type': file.contentType, 'content-encoding': 'gzip', 'cache-control': 'no-cache', ...headers },
        body,
      };
    },
  ];
}

/** The HTTP front's answer to a path it does not serve (runtime/serve/httpServer.ts), the path cut to 100 characters. */
function notFound(path: string): APIGatewayProxyStructuredResultV2 {
  const message = `Nothing is served at ${path.length <= 100 ? path : `${path.slice(0, 100)}…`}`;
  return { statusCode: 404, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] }) };
}
