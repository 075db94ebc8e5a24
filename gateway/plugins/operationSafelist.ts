/**
 * Safelist mode (production mobile clients): only the operations of operations/manifest.json run.
 *
 * Threat model: a stolen or self-issued token of a real student must not be a key to the whole
 * graph. With the safelist on, any document whose sha256 is not in the manifest is refused with
 * FORBIDDEN before execution; admins (the explorer) are exempt.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import type { GatewayContext } from '../context.js';
import { sha256, type OperationManifest } from '../safelist.js';

export function operationSafelist(manifest: OperationManifest): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, contextValue }) {
          const viewer = contextValue.identity.viewer;
          if (viewer.kind === 'user' && viewer.role === 'ADMIN') return;
          if (manifest.operations[sha256(source)]) return;
          throw clientError(ErrorCode.FORBIDDEN, 'This operation is not in the safelist of the apps', { status: 403 });
        },
      };
    },
  };
}
