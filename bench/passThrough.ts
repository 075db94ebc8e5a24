/**
 * How the bench's pass-through contenders (d)-(g) carry identity. They authenticate nobody, so the
 * bench client signs the viewer's context itself; a context names the one subgraph it is for (its
 * audience, runtime/security/signedContext.ts), so the client signs one per subgraph, each in a
 * header of its own (`x-learning-context-<subgraph>`), which the contender forwards to that subgraph
 * alone as `x-learning-context`. Our gateway (setups b, c) signs per subgraph call itself.
 */
import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, signContext, type Viewer } from '../runtime/security/signedContext.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';

/** The client's header that carries the context signed for `subgraph`. */
export const passThroughHeader = (subgraph: string): string => `${CONTEXT_HEADER}-${subgraph}`;

/** The viewer's context for every subgraph, each under its `passThroughHeader`. */
export function passThroughHeaders(viewer: Viewer, secret: string): Record<string, string> {
  const identity = { viewer, app: 'amal' as const, requestId: randomUUID() };
  return Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [passThroughHeader(subgraph), signContext(identity, { audience: subgraph, secret })]));
}
