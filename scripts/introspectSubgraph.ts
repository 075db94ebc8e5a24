/**
 * `npm run subgraph:introspect -- <name>`: writes schema/<name>.graphql for an external subgraph of
 * schema/subgraphs.json by asking the running subgraph once. Then `npm run generate` composes it.
 */
import { writeFileSync } from 'node:fs';
import { fetchSubgraphSdl } from '../schema/introspect.js';
import { loadGatewayConfig } from '../gateway/config.js';
import { configOrExit, exitWith } from './cli.js';

const name = process.argv[2] ?? exitWith('Usage: npm run subgraph:introspect -- <name of an external subgraph in schema/subgraphs.json>');
const config = configOrExit(loadGatewayConfig);
const external = config.externalSubgraphs.find((subgraph) => subgraph.name === name)
  ?? exitWith(`"${name}" is not under "external" in schema/subgraphs.json; add it there with its URL first.`);
if (external.functionName) exitWith(`"${name}" is reached as a Lambda function; copy its SDL file to schema/${name}.graphql instead.`);

const sdl = await fetchSubgraphSdl(external, external.contextSecret, config.app).catch((error: Error) => exitWith(error.message));
writeFileSync(new URL(`../schema/${name}.graphql`, import.meta.url), sdl);
console.log(`Wrote schema/${name}.graphql from ${external.url}. Next: npm run generate`);
