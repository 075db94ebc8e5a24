import type { RequestIdentity } from '../runtime/signedContext.js';

/** What the gateway knows about one incoming request; data sources sign it for subgraphs. */
export interface GatewayContext {
  identity: RequestIdentity;
}
