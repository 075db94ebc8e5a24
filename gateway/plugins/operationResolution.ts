/**
 * Refuses with OPERATION_RESOLUTION_FAILURE (400) a request whose document holds no operation by
 * the name it gives (an unknown name, or none given among several operations).
 *
 * Apollo Server leaves that to execution, where Apollo Gateway throws instead of answering errors,
 * so the client would get a 500; and the other `didResolveOperation` hooks would answer for a
 * document that runs nothing (the safelist's FORBIDDEN for what is a malformed request).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { clientError } from '../../runtime/errors.js';

export function operationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          // Validation has refused documents without operations, so this one holds several.
          const message = request.operationName ? `Unknown operation named "${request.operationName}"` : 'An operation name is required when the document holds several operations';
          throw clientError(ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, message, { status: 400 });
        },
      };
    },
  };
}
