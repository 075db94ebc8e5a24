/**
 * The explorer from the gateway Lambda: the same files and headers as the HTTP server serves
 * (routes.ts), gzipped because a Lambda answer is limited to 6 MB and the editor's script is 5 MB.
 * Each file is compressed on its first request, so a cold start pays nothing for it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LambdaRoute } from '../../runtime/serve/lambda.js';
import { CONTENT_TYPES, EXPLORER_PATH, SECURITY_HEADERS } from './routes.js';

/** The route for a folder holding the built bundle; none when the folder has no explorer. */
export function explorerLambdaRoutes(bundleDir: string): LambdaRoute[] {
  if (!existsSync(join(bundleDir, 'index.html'))) return [];
  const files = new Map(readdirSync(bundleDir).map((file) => [file === 'index.html' ? EXPLORER_PATH : `${EXPLORER_PATH}/${file}`, file]));
  const compressed = new Map<string, string>();
  return [
    async (event): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
      const file = files.get(event.rawPath);
      if (!file) return undefined;
      if (event.requestContext.http.method !== 'GET') return { statusCode: 405, headers: { allow: 'GET' } };
      let body = compressed.get(file);
      if (!body) compressed.set(file, (body = gzipSync(readFileSync(join(bundleDir, file))).toString('base64')));
      return {
        statusCode: 200,
        isBase64Encoded: true,
        headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-encoding': 'gzip', 'cache-control': 'no-cache', ...SECURITY_HEADERS },
        body,
      };
    },
  ];
}
