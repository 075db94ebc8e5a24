/** Every subgraph answers only calls the gateway signed: the signed context becomes the request context. */
import { clientError, ErrorCode } from '../errors.js';
import { createAccess } from '../policy/access.js';
import { verifyContext } from '../security/signedContext.js';
import type { AppDeps, BaseContext, SubgraphModule } from './contract.js';

/** The request context, or UNAUTHENTICATED (HTTP 401) when the signed context is absent or invalid. */
export function contextFromSignedHeader<C extends BaseContext>(module: SubgraphModule<C>, deps: AppDeps, header: string | undefined, signal?: AbortSignal): C {
  const verified = verifyContext(header, deps.contextSecrets, deps.app);
  if (!verified.ok) {
    deps.logger.warn('subgraph.context_refused', { subgraph: module.name, reason: verified.reason });
    throw clientError(ErrorCode.UNAUTHENTICATED, 'This subgraph only answers calls signed by the gateway', { status: 401 });
  }
  const { identity } = verified;
  const logger = deps.logger.child({ requestId: identity.requestId, subgraph: module.name });
  return module.createContext({ ...identity, deps, logger, access: createAccess(identity.viewer, deps.app, deps.db, deps.cache), signal });
}
