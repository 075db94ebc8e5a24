/**
 * Safelist mode (production mobile clients): only the operations of the persisted query manifests
 * run (operations/manifest.json and PERSISTED_QUERY_MANIFESTS).
 *
 * Threat model: a stolen or self-issued token of a real student must not be a key to the whole
 * graph. With the safelist on, any document whose text is not a manifest operation's body is
 * refused with FORBIDDEN before execution; admins (the explorer) are exempt. The text is what
 * runs, whether the client sent it or an id the manifest resolved, so the text is what is checked.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import { isAdmin } from '../../runtime/policy/rules.js';
import type { GatewayContext } from '../context.js';
import { sha256, type PersistedQueryManifest } from '../manifest.js';

export function operationSafelist(manifest: PersistedQueryManifest): ApolloServerPlugin<GatewayContext> {
  const allowed = new Set(manifest.operations.map((operation) => sha256(operation.body)));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, contextValue }) {
          if (isAdmin(contextValue.identity.viewer)) return;
          if (allowed.has(sha256(source))) return;
          throw clientError(ErrorCode.FORBIDDEN, 'This operation is not in the safelist of the apps', { status: 403 });
        },
      };
    },
  };
}
