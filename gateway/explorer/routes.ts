/**
 * Serves the explorer's bundle: the page at /explorer, its files at /explorer/<file>.
 *
 * The page is static and the same for everyone: it holds no schema and no data. What it shows
 * comes from the graph with the token the admin pastes, so in production a non-admin gets 403 on
 * introspection (gateway/plugins/adminOnlyIntrospection.ts) and sees nothing of the schema. The
 * headers keep the page from loading anything but its own files and from being framed (the token
 * lives in the tab's sessionStorage).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RouteHandler } from '../../runtime/serve/httpServer.js';

export const EXPLORER_PATH = '/explorer';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

export const SECURITY_HEADERS = {
  // Monaco sets inline styles; everything else is the bundle's own files.
  'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** One route per file of the bundle, read once. */
export function explorerRoutes(bundleDir: string): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (const file of readdirSync(bundleDir)) {
    const path = file === 'index.html' ? EXPLORER_PATH : `${EXPLORER_PATH}/${file}`;
    routes[path] = staticFile(readFileSync(join(bundleDir, file)), CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  }
  return routes;
}

function staticFile(body: Buffer, contentType: string): RouteHandler {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    response.writeHead(200, { 'content-type': contentType, 'content-length': body.length, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
