/**
 * The supergraph the gateway serves, checked before anything listens.
 *
 * Failure model: a deploy ships a missing, truncated or stale file. The gateway must then refuse
 * to start with one readable paragraph, never serve half a schema: the file must exist, parse, be
 * a composed supergraph (a `join__Graph` enum) and name every subgraph this deployment hosts.
 * What remains (a supergraph that parses but that Apollo Gateway cannot plan) fails the server's
 * start, which the start scripts report the same way.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode, type EnumTypeDefinitionNode } from 'graphql';
import { readSdl } from '../schema/subgraphs.js';
import { SupergraphError } from './errors.js';

const FIX = 'Run `npm run compose` to write schema/supergraph.graphql, or point SUPERGRAPH_FILE at a composed supergraph.';

/** The SDL at `file` (empty: the one shipped in schema/), or a SupergraphError saying what is wrong. */
export function loadSupergraph(file: string, hosted: readonly string[]): string {
  const where = file || 'schema/supergraph.graphql';
  let sdl: string;
  try {
    sdl = file ? readFileSync(file, 'utf8') : readSdl('supergraph');
  } catch (cause) {
    throw new SupergraphError(`The gateway cannot read its supergraph at ${where} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}). ${FIX}`, { cause });
  }
  const names = subgraphsOf(sdl, where).map(({ name }) => name);
  const missing = hosted.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new SupergraphError(`The supergraph at ${where} has no subgraph named ${missing.join(', ')} (it has ${names.join(', ') || 'none'}), so it is stale or from another project. ${FIX}`);
  }
  return sdl;
}

let lastParsed: { sdl: string; document: DocumentNode } | undefined;

/** The supergraph's document, parsed once for the check here and for the gateway that serves it. */
export function parseSupergraph(sdl: string): DocumentNode {
  if (lastParsed?.sdl !== sdl) lastParsed = { sdl, document: parse(sdl) };
  return lastParsed.document;
}

/** Each subgraph the supergraph names (`join__Graph`), with the URL it gives it (empty when none). */
export function subgraphsOf(sdl: string, where = 'the supergraph'): { name: string; url: string }[] {
  let graphs: EnumTypeDefinitionNode | undefined;
  try {
    graphs = parseSupergraph(sdl).definitions.find((node): node is EnumTypeDefinitionNode => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === 'join__Graph');
  } catch (cause) {
    throw new SupergraphError(`The supergraph at ${where} is not valid GraphQL (${(cause as Error).message.split('\n')[0]}). ${FIX}`, { cause });
  }
  if (!graphs) throw new SupergraphError(`The file at ${where} is GraphQL but not a composed supergraph (it has no join__Graph enum). ${FIX}`);
  return (graphs.values ?? []).flatMap((value) => {
    const argument = (named: string) => value.directives?.find((directive) => directive.name.value === 'join__graph')?.arguments?.find((each) => each.name.value === named)?.value;
    const name = argument('name');
    const url = argument('url');
    return name?.kind === Kind.STRING ? [{ name: name.value, url: url?.kind === Kind.STRING ? url.value : '' }] : [];
  });
}
