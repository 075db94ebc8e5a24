/**
 * What every subgraph is: a name, its SDL, its resolvers and a context factory, transport-agnostic.
 * The same module runs in-process under the gateway, behind HTTP or as a Lambda; each path builds
 * the request context through `contextFromSignedHeader` (signIn.ts), so every path verifies the caller.
 */
import type { DocumentNode } from 'graphql';
import type { AppDeps } from '../container/appDeps.js';
import type { Logger } from '../observability/logger.js';
import type { Access } from '../policy/access.js';
import type { RequestIdentity } from '../security/signedContext.js';

/**
 * Per-request context every subgraph starts from. The app is `deps.app` and the viewer
 * `access.viewer`: each is spelled one way.
 */
export interface BaseContext {
  requestId: RequestIdentity['requestId'];
  deps: AppDeps;
  access: Access;
  logger: Logger;
  /** Aborts when the in-process caller gave up (its deadline passed); resolvers stop then. */
  signal?: AbortSignal;
}

export interface SubgraphModule<Context extends BaseContext = BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Its federated SDL, which its schema is built from (`readFederatedSdl` in schema/federated.ts). */
  federatedSdl: string;
  /** The subgraph's generated `Resolvers` map. */
  resolvers: object;
  /** Adds the subgraph's per-request loaders; called once per request, never shared. */
  createContext(base: BaseContext): Context;
}
