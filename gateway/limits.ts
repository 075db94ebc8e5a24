/**
 * Abuse limits of the public endpoint, enforced by graphql-armor before any subgraph is called.
 *
 * Threat model: one request must not be able to cost the graph much more than the heaviest
 * screen of the apps (the teacher's classroom dashboard). Deep or wide queries, alias and
 * directive floods and huge documents are refused with GRAPHQL_VALIDATION_FAILED / BAD_USER_INPUT
 * and the limit is not echoed, so a prober learns little. Batched HTTP requests are refused.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';

/** Generous for the apps' operations, tight for attacks. */
export const LIMITS = {
  maxDepth: { n: 10, ignoreIntrospection: true, flattenFragments: true },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  // graphql-js counts tokens while parsing (`parseOptions` below): armor's own token plugin
  // re-parses in a hook, which turns every syntax error into a 500.
  maxTokens: { enabled: false },
  // Cost is demand control's, which counts lists by their size (demandControl.ts, COST_BUDGET below).
  costLimit: { enabled: false },
  // Suggestions are stripped per viewer by the errorReporting plugin (admins keep them).
  blockFieldSuggestion: { enabled: false },
} satisfies GraphQLArmorConfig;

export const PARSE_OPTIONS = { maxTokens: 2_000 };

/**
 * The most an operation may be estimated to cost (gateway/demandControl.ts: about the objects it may
 * return, lists counted by their size), introspection included. The apps' heaviest screen, the
 * classroom dashboard, is estimated at about a quarter of it and the explorer's whole
 * introspection at a fifth (docs/SECURITY.md, "Demand control").
 */
export const COST_BUDGET = 10_000;

export function armor() {
  return new ApolloArmor(LIMITS).protect();
}
