/**
 * A browser opening the graph's URL is sent to the explorer (gateway/explorer/), replacing Apollo
 * Server's default landing page, which loads Apollo's Sandbox from a CDN.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { EXPLORER_PATH } from '../explorer/routes.js';

// Relative, so it holds under any path prefix: from /graphql or / it leads to /explorer.
const target = EXPLORER_PATH.slice(1);
const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${target}"><title>Learning graph</title><a href="${target}">Open the GraphQL explorer</a>`;

export function explorerLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html }; } };
    },
  };
}
