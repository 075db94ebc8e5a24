/**
 * Bench setup (g): Grafbase's gateway as `grafbase dev` runs it offline: the CLI composes the
 * subgraphs' own SDL (schema/<name>.graphql) and serves them at the bench's subgraph processes.
 * Like the other pass-through gateways, it forwards the client's context signed for each subgraph
 * to that subgraph (bench/passThrough.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { CONTEXT_HEADER } from '../runtime/security/signedContext.js';
import { passThroughHeader } from './passThrough.js';
import { startExecutable, type ServerProcess } from './processes.js';

const GRAFBASE = fileURLToPath(new URL('../node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase', import.meta.url));
const schemaPath = (name: string) => fileURLToPath(new URL(`../schema/${name}.graphql`, import.meta.url));

/** `subgraphUrl(name)`: where that subgraph's process answers. */
export function grafbaseToml(subgraphUrl: (name: string) => string): string {
  const subgraphs = SUBGRAPH_NAMES.map((name) =>
    `[subgraphs.${name}]\nurl = "${subgraphUrl(name)}"\nschema_path = "${schemaPath(name)}"\n\n[[subgraphs.${name}.headers]]\nrule = "forward"\nname = "${passThroughHeader(name)}"\nrename = "${CONTEXT_HEADER}"\n`);
  return subgraphs.join('\n');
}

export function startGrafbase(port: number, subgraphUrl: (name: string) => string): Promise<ServerProcess> {
  const config = join(mkdtempSync(join(tmpdir(), 'lg-bench-grafbase-')), 'grafbase.toml');
  writeFileSync(config, grafbaseToml(subgraphUrl));
  // NO_COLOR: its banner is logged, not shown on a terminal.
  return startExecutable(GRAFBASE, ['dev', '-c', config, '-p', String(port)], { NO_COLOR: '1' }, `http://127.0.0.1:${port}/graphql`);
}
