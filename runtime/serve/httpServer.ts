/**
 * A small node:http front for an Apollo Server (local runs and tests; Lambda uses runtime/serve/lambda.ts).
 * It owns what Apollo leaves to the HTTP layer: a request body limit, JSON parsing with a GraphQL
 * shaped error, the path the graph is served on and, for the gateway, CORS.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode, LearningGraphError } from '../errors.js';
import { envelopeRefusal, MAX_REQUEST_BODY_BYTES, nestingRefusal } from './requestLimits.js';
import { withRequestMetrics } from '../observability/requestMetrics.js';
import { withReadLog } from '../cache/readLog.js';
import { corsAnswer, type CorsPolicy } from './cors.js';

export interface HttpServerOptions {
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Requests with a larger body get 413 before any parsing. @default MAX_REQUEST_BODY_BYTES */
  maxBodyBytes: number;
  /** Paths the graph answers on. @default ['/', '/graphql'] */
  paths: string[];
  /** Other paths served beside the graph (health checks, the explorer), by exact path. @default {} */
  routes: Record<string, RouteHandler>;
  /** Browser origins allowed to call every path (the gateway's front; subgraphs are never called by browsers). @default undefined: no CORS headers */
  cors: CorsPolicy | undefined;
}

/** Answers one non-GraphQL path; the server turns a throw into a 500 without details. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

const defaults: Omit<HttpServerOptions, 'port'> = { host: '127.0.0.1', maxBodyBytes: MAX_REQUEST_BODY_BYTES, paths: ['/', '/graphql'], routes: {}, cors: undefined };

export interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

class HttpError extends LearningGraphError {
  override readonly name = 'HttpError';

  constructor(readonly status: number, message: string, readonly code: string) {
    super(message);
  }
}

export async function serveHttp<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (request: IncomingMessage) => Promise<C>,
  options: Partial<HttpServerOptions> & Pick<HttpServerOptions, 'port'>,
): Promise<RunningHttpServer> {
  const { port, host, maxBodyBytes, paths, routes, cors } = { ...defaults, ...options };
  await server.start();

  const http = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (cors && answeredPreflight(cors, request, response)) return;
      const route = routes[url.pathname];
      if (route) return await route(request, response);
      if (!paths.includes(url.pathname)) throw new HttpError(404, `Nothing is served at ${url.pathname}`, 'NOT_FOUND');
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const text = await readBody(request, maxBodyBytes);
      const tooDeep = nestingRefusal(text, url.searchParams);
      if (tooDeep) throw new HttpError(400, tooDeep, ErrorCode.BAD_USER_INPUT);
      const body = parseBody(text, headers.get('content-type'));
      const badEnvelope = envelopeRefusal(body, url.search);
      if (badEnvelope) throw new HttpError(400, badEnvelope, ErrorCode.BAD_USER_INPUT);
      const result = await withRequestMetrics(() => withReadLog(() => server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: () => context(request),
      })));
      response.statusCode = result.status ?? 200;
      for (const [name, value] of result.headers) response.setHeader(name, name === 'vary' ? withVary(response, value) : value);
      // An answer the pipeline gave no policy (refused before it ran: a bad token, a bad request) is kept by no cache.
      if (!result.headers.has('cache-control')) response.setHeader('cache-control', 'no-store');
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    } catch (error) {
      sendError(response, error instanceof HttpError ? error : new HttpError(500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR));
    }
  });

  http.on('clientError', answerUnparsable);
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen(port, host, resolve));
  const address = http.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()).closeAllConnections());
      await server.stop();
    },
  };
}

/** A request header's first value (node:http gives repeated headers as a list). */
export const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Answers a preflight (204 for an allowed origin, 403 without CORS headers for any other), or sets
 * the CORS headers of the response to come and returns false.
 */
function answeredPreflight(policy: CorsPolicy, request: IncomingMessage, response: ServerResponse): boolean {
  const answer = corsAnswer(policy, { method: request.method ?? 'GET', origin: header(request.headers.origin), requestedMethod: header(request.headers['access-control-request-method']) });
  if (answer.kind === 'refused') throw new HttpError(403, 'This origin may not call the graph', ErrorCode.FORBIDDEN);
  if (answer.kind === 'preflight') {
    response.writeHead(204, answer.headers).end();
    return true;
  }
  if (answer.kind === 'request') for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  return false;
}

/** Apollo's Vary beside the one CORS set, not instead of it. */
function withVary(response: ServerResponse, value: string): string {
  const set = response.getHeader('vary');
  return set === undefined ? value : `${String(set)}, ${value}`;
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `The request body is larger than ${limit} bytes`, ErrorCode.BAD_USER_INPUT);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `The request body is larger than ${limit} bytes`, ErrorCode.BAD_USER_INPUT);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (!contentType?.startsWith('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `Malformed request: ${(error as Error).message}`, ErrorCode.BAD_USER_INPUT);
  }
}

/**
 * A request node:http could not parse (a request line or headers over its 16 KiB, a malformed
 * line) gets the GraphQL-shaped error every other refusal gets, not node's bare status line.
 */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
  const message = status === 400 ? 'Malformed HTTP request' : 'The request line and headers are larger than this server reads';
  const body = JSON.stringify({ errors: [{ message, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } }] });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function sendError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) return void response.end();
  response.statusCode = error.status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
}
