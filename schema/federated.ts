/**
 * A subgraph's federated SDL: its SDL as `@apollo/subgraph`'s buildSubgraphSchema completes it
 * (federation's types and directives, `_entities`, `_service`), written by `npm run compose` to
 * schema/<name>.federated.graphql (federatedSdlOf in schema/compose.ts makes it) so that a subgraph's cold start builds its schema with graphql-js
 * alone (runtime/subgraph/federatedSchema.ts) instead of loading federation's schema builder.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LearningGraphError } from '../runtime/errors.js';
import { readSdl } from './subgraphs.js';

/** Heads each file: the sha256 of the SDL it was made from, so a stale file is refused. */
const HEADER = /^# Made by `npm run compose` from schema\/[\w-]+\.graphql, sha256 ([0-9a-f]{64})\.\n/;

export const sdlHash = (sdl: string) => createHash('sha256').update(sdl).digest('hex');

/** The file's text for subgraph `name` with SDL `sdl`: the header, then its federated SDL (schema/compose.ts makes it). */
export function federatedSdlFile(name: string, sdl: string, federatedSdl: string): string {
  return `# Made by \`npm run compose\` from schema/${name}.graphql, sha256 ${sdlHash(sdl)}.\n${federatedSdl}\n`;
}

/** The federated SDL in `file` when it was made from `sdl`, else undefined. */
export function federatedSdlIn(file: string, sdl: string): string | undefined {
  const header = HEADER.exec(file);
  return header?.[1] === sdlHash(sdl) ? file.slice(header[0].length, -1) : undefined;
}

export class StaleFederatedSdlError extends LearningGraphError {
  override readonly name = 'StaleFederatedSdlError';
}

/** The federated SDL of subgraph `name`, refused when its file is missing or was made from another SDL. */
export function readFederatedSdl(name: string): string {
  const file = `schema/${name}.federated.graphql`;
  let text: string;
  try {
    text = readFileSync(new URL(`./${name}.federated.graphql`, import.meta.url), 'utf8');
  } catch (cause) {
    throw new StaleFederatedSdlError(`The ${name} subgraph cannot read ${file}: run \`npm run compose\`.`, { cause });
  }
  const sdl = federatedSdlIn(text, readSdl(name));
  if (sdl === undefined) throw new StaleFederatedSdlError(`${file} was not made from schema/${name}.graphql as it is now, so it is stale: run \`npm run compose\`.`);
  return sdl;
}
