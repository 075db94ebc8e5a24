import type { RequestIdentity } from '../runtime/security/signedContext.js';

/** What the gateway knows about one incoming request; data sources sign it for subgraphs. */
export interface GatewayContext {
  identity: RequestIdentity;
  /** When the whole request must be answered (epoch ms); each subgraph call gets at most what is left. */
  deadline: number;
  /** The caller's address as the transport saw it (never a request header): the rate limits' key without a token. Not sent to subgraphs. */
  clientAddress?: string;
}
