/**
 * A JSON POST over node:http(s) with keep-alive sockets: what the gateway's subgraph calls use
 * instead of `fetch`, which costs about twice the CPU per call (undici's web streams and Headers)
 * on the gateway's hottest path. Aborting `signal` destroys the socket; an answer cut before its
 * end rejects, so a half answer is never taken for a whole one.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

export interface HttpAnswer {
  status: number;
  text: string;
}

export function postJson(url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<HttpAnswer> {
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: 'POST',
      agent: agents[https ? 'https:' : 'http:'],
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      signal,
    }, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('close', () => {
        if (!response.complete) return reject(new Error(`${url.host} cut its answer short`));
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
