/**
 * An external subgraph's SDL, asked once from the subgraph itself (`_service { sdl }`) when its
 * team ships no SDL file. The call is signed like the gateway's: for that subgraph, with its own secret.
 */
import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, signContext } from '../runtime/security/signedContext.js';
import type { AppName } from '../runtime/tenancy.js';

export async function fetchSubgraphSdl({ name, url }: { name: string; url: string }, contextSecret: string, app: AppName): Promise<string> {
  const context = signContext({ viewer: { kind: 'anonymous' }, app, requestId: `introspection-${randomUUID()}` }, { audience: name, secret: contextSecret });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  const sdl = body.data?._service?.sdl;
  if (!sdl) {
    const why = body.errors?.map((error) => error.message).join('; ') ?? 'no _service field in the answer';
    throw new Error(`${url} gave no SDL (HTTP ${response.status}: ${why})`);
  }
  return sdl.trim() + '\n';
}
