import type { RequestIdentity } from '../runtime/signedContext.js';

/** What the gateway knows about one incoming request; data sources sign it for subgraphs. */
export interface GatewayContext {
  identity: RequestIdentity;
  /** When the whole request must be answered (epoch ms); each subgraph call gets at most what is left. */
  deadline: number;
}
