/** Composition of the registered subgraphs' SDL into a supergraph, and the API schema clients see. */
import { composeServices } from '@apollo/composition';
import { buildSubgraph, FEDERATION_UNNAMED_SUBGRAPH_NAME, printSchema, Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, parse, type GraphQLSchema } from 'graphql';
import { EXTERNAL_SUBGRAPHS, localSubgraphUrl, readSdl, SUBGRAPH_NAMES } from './subgraphs.js';

export interface SubgraphDefinition {
  name: string;
  /** Written into the supergraph: where a gateway with no other target for it reaches the subgraph. */
  url: string;
  sdl: string;
}

export type Composition = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Every subgraph of schema/subgraphs.json with its SDL: hosted ones at their local URL, external ones at theirs. */
export function registeredSubgraphs(): SubgraphDefinition[] {
  return [
    ...SUBGRAPH_NAMES.map((name) => ({ name, url: localSubgraphUrl(name), sdl: readSdl(name) })),
    ...EXTERNAL_SUBGRAPHS.map(({ name, url }) => ({ name, url, sdl: readSdl(name) })),
  ];
}

export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): Composition {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl + '\n', hints: (result.hints ?? []).map((hint) => hint.toString()) };
}

/** The schema clients query: the supergraph without federation's internals, types sorted for stable diffs. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return lexicographicSortSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

/** A subgraph's SDL as `@apollo/subgraph`'s buildSubgraphSchema completes it, printed (schema/federated.ts). */
export function federatedSdlOf(sdl: string): string {
  return printSchema(buildSubgraph(FEDERATION_UNNAMED_SUBGRAPH_NAME, '', parse(sdl), false).schema);
}
