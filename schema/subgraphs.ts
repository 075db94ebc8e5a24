/** The subgraphs this repo hosts, their SDL files and the URL each serves on locally (`npm run start:http`). */
import { readFileSync } from 'node:fs';
import type { SubgraphName } from '../runtime/config.js';

export const LOCAL_SUBGRAPH_PORTS: Record<SubgraphName, number> = { users: 4001, curriculum: 4002, memory: 4003, analytics: 4004 };

export const localSubgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${LOCAL_SUBGRAPH_PORTS[name]}/graphql`;

export function readSdl(name: SubgraphName | 'supergraph'): string {
  return readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');
}
