/**
 * The subgraph registry: every subgraph composed into the supergraph, in schema/subgraphs.json.
 *
 * - `hosted`: lives in subgraphs/<name>/ (its module is exported by subgraphs/index.ts) and serves
 *   on `port` under `npm run start:http`.
 * - `external`: another team's subgraph, reached at `url` (overridable per deployment with
 *   SUBGRAPH_URL_<NAME>); only its SDL lives here, in schema/<name>.graphql.
 *
 * `npm run subgraph:new` adds hosted entries; docs/EXTENDING.md shows how to add an external one.
 */
import { readFileSync } from 'node:fs';
import registry from './subgraphs.json' with { type: 'json' };

export type SubgraphName = keyof typeof registry.hosted;

export interface ExternalSubgraph {
  name: string;
  /** Where the gateway reaches it when configuration names no other URL. */
  url: string;
}

export const SUBGRAPH_NAMES = Object.keys(registry.hosted) as SubgraphName[];
export const EXTERNAL_SUBGRAPHS: readonly ExternalSubgraph[] = Object.entries(registry.external as Record<string, { url: string }>)
  .map(([name, { url }]) => ({ name, url }));
export const EXTERNAL_SUBGRAPH_NAMES = EXTERNAL_SUBGRAPHS.map(({ name }) => name);

export const localSubgraphPort = (name: SubgraphName): number => registry.hosted[name].port;
export const localSubgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${localSubgraphPort(name)}/graphql`;

/** schema/<name>.graphql: a subgraph's SDL (hosted or external) or the supergraph's. */
export function readSdl(name: string): string {
  return readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');
}
