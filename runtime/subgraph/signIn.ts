/**
 * Every subgraph answers only calls the gateway signed for it: the signed context, for this app and
 * this subgraph (its audience), becomes the request context.
 */
import { clientError, ErrorCode } from '../errors.js';
import { createAccess } from '../policy/access.js';
import { verifyContext } from '../security/signedContext.js';
import type { BaseContext, SubgraphModule } from './contract.js';
import type { AppDeps } from '../container/appDeps.js';

/** The request context, or UNAUTHENTICATED (HTTP 401) when the signed context is absent, invalid or signed for another subgraph. */
export function contextFromSignedHeader<C extends BaseContext>(module: SubgraphModule<C>, deps: AppDeps, header: string | undefined, signal?: AbortSignal): C {
  const verified = verifyContext(header, { secrets: deps.contextSecrets, app: deps.app, audience: module.name });
  if (!verified.ok) {
    deps.logger.warn('subgraph.context_refused', { subgraph: module.name, reason: verified.reason });
    throw clientError(ErrorCode.UNAUTHENTICATED, 'This subgraph only answers calls signed by the gateway', { status: 401 });
  }
  const { identity } = verified;
  const logger = deps.logger.child({ requestId: identity.requestId, subgraph: module.name });
  return module.createContext({ requestId: identity.requestId, deps, logger, access: createAccess(identity.viewer, deps.app, deps.db, deps.cache), signal });
}
