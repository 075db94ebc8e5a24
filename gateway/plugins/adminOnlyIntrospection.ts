/**
 * In production only admins may introspect the graph (the explorer); everyone else gets FORBIDDEN
 * for `__schema` / `__type`, so the schema of a children's app is not handed to strangers.
 */
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { clientError, ErrorCode } from '../../runtime/errors.js';
import { isAdmin } from '../../runtime/policy/rules.js';
import type { GatewayContext } from '../context.js';

export function adminOnlyIntrospection(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (isAdmin(contextValue.identity.viewer)) return;
          if (introspects(document)) {
            throw clientError(ErrorCode.FORBIDDEN, 'Introspection is only available to admins', { status: 403 });
          }
        },
      };
    },
  };
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
