/**
 * Serves the explorer's bundle: the page at /explorer, its files at /explorer/<file>, and its
 * sign-in settings at /explorer/settings.json (gateway/explorer/signIn.ts).
 *
 * The page is static and the same for everyone: it holds no schema and no data. What it shows
 * comes from the graph with the token of the admin who signed in (or pasted one), so in production
 * a non-admin gets 403 on introspection (gateway/plugins/adminOnlyIntrospection.ts) and sees
 * nothing of the schema. The headers keep the page from loading anything but its own files and
 * from being framed (its tokens live in the tab's sessionStorage); its one connection elsewhere is
 * the provider's token endpoint, where the code and refresh token are exchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RouteHandler } from '../../runtime/serve/httpServer.js';
import { SETTINGS_FILE, type ExplorerSettings, type ExplorerSignIn } from './signIn.js';

export const EXPLORER_PATH = '/explorer';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
};

/** The headers of every explorer file: the page may connect to the gateway and to the sign-in's token endpoint, nowhere else. */
export function securityHeaders(signIn: ExplorerSignIn | undefined): Record<string, string> {
  const connect = signIn ? `'self' ${new URL(signIn.tokenUrl).origin}` : "'self'";
  return {
    // Monaco sets inline styles; everything else is the bundle's own files.
    'content-security-policy': `default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src ${connect}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

export interface ExplorerFile {
  contentType: string;
  read(): Buffer;
}

/** The explorer's files by path: the bundle's (index.html is the page), read when asked, and the settings, which are the configuration's. */
export function explorerFiles(bundleDir: string, signIn: ExplorerSignIn | undefined): Map<string, ExplorerFile> {
  const files = new Map<string, ExplorerFile>();
  for (const file of readdirSync(bundleDir)) {
    const path = file === 'index.html' ? EXPLORER_PATH : `${EXPLORER_PATH}/${file}`;
    files.set(path, { contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', read: () => readFileSync(join(bundleDir, file)) });
  }
  const settings = Buffer.from(JSON.stringify({ signIn: signIn ?? null } satisfies ExplorerSettings));
  files.set(`${EXPLORER_PATH}/${SETTINGS_FILE}`, { contentType: CONTENT_TYPES['.json']!, read: () => settings });
  return files;
}

/** One route per explorer file, read once. */
export function explorerRoutes(bundleDir: string, signIn: ExplorerSignIn | undefined): Record<string, RouteHandler> {
  const headers = securityHeaders(signIn);
  const routes: Record<string, RouteHandler> = {};
  for (const [path, file] of explorerFiles(bundleDir, signIn)) routes[path] = staticFile(file.read(), file.contentType, headers);
  return routes;
}

function staticFile(body: Buffer, contentType: string, headers: Record<string, string>): RouteHandler {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    response.writeHead(200, { 'content-type': contentType, 'content-length': body.length, 'cache-control': 'no-cache', ...headers });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
