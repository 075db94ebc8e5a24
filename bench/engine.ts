/**
 * `npm run bench:engine`: is this gateway heavier than the engine it wraps? Over two stock
 * @apollo/subgraph processes (bench/servers/stockPeer.ts: 50 people × 20 rows, in two fetches),
 * side by side in one run, interleaved round by round (each round starting one setup later):
 *   (a) one Apollo Server with both subgraphs' resolvers (the floor),
 *   (b) stock Apollo Gateway over the composed supergraph, served as Apollo's docs set it up,
 *   (c) this gateway over the same supergraph file, as `npm run gateway -- --supergraph` serves it,
 *       configured by default (rate limits raised out of the load's reach, still checked).
 * Every request carries its own variables, so nothing is merged or kept across requests.
 * Bounded: `--seconds` (default 8) per setup and round, `--rounds` (default 3), `--connections`
 * (default 10), 127.0.0.1 only. Ends with this gateway's requests/s as a ratio to stock Apollo
 * Gateway's (the target: at least 1.00), the median of the rounds. `--profile` runs (b) and (c)
 * under `--cpu-prof` and prints where each one's time went.
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import type { Request } from 'autocannon';
import { PEER_QUERY, PEER_SUBGRAPHS } from './engine/peerData.js';
import { load, type LoadResult } from './load.js';
import { startExecutable, startServer, type ServerProcess } from './processes.js';
import { BENCH_RATE_LIMITS } from './rateLimits.js';
import { printProfile } from './cpuProfile.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '10' }, profile: { type: 'boolean', default: false } } });
const loadOptions = { seconds: Number(values.seconds), connections: Number(values.connections) };
const rounds = Number(values.rounds);
const PORTS = { people: 4180, rows: 4181, a: 4182, b: 4183, c: 4184 };
const dir = mkdtempSync(join(tmpdir(), 'lg-bench-engine-'));
const profileDir = (key: SetupKey) => join(dir, `profile-${key}`);
const profiled = (key: SetupKey): Record<string, string> => (values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir(key)}` } : {});

const SETUPS = [
  { key: 'a', label: '(a) one Apollo Server, both subgraphs\' resolvers' },
  { key: 'b', label: '(b) stock Apollo Gateway' },
  { key: 'c', label: '(c) this gateway (npm run gateway -- --supergraph)' },
] as const;
type SetupKey = (typeof SETUPS)[number]['key'];

function supergraphFile(): string {
  const composed = composeServices(Object.entries(PEER_SUBGRAPHS).map(([name, sdl]) => ({ name, typeDefs: parse(sdl), url: `http://127.0.0.1:${PORTS[name as keyof typeof PEER_SUBGRAPHS]}/` })));
  if (composed.errors) throw new Error(composed.errors.map(String).join('\n'));
  const file = join(dir, 'supergraph.graphql');
  writeFileSync(file, composed.supergraphSdl);
  return file;
}

function startSetup(key: SetupKey, supergraph: string): Promise<ServerProcess> {
  switch (key) {
    case 'a': return startServer('bench/servers/peerMonolith.ts', [], { PORT: String(PORTS.a) });
    case 'b': return startServer('bench/servers/stockGateway.ts', [supergraph], { PORT: String(PORTS.b), ...profiled('b') });
    case 'c': return startExecutable(process.execPath, ['--import', 'tsx', 'scripts/gateway.ts', '--supergraph', supergraph, '--port', String(PORTS.c)], {
      ...BENCH_RATE_LIMITS, LOG_LEVEL: 'error', ...profiled('c'), REDIS_KEY_PREFIX: `bench:engine:${randomUUID().slice(0, 8)}:`, DEV_ISSUER_KEY_FILE: join(dir, 'issuer.json'),
    }, `http://127.0.0.1:${PORTS.c}/`);
  }
}

/** Every request its own `salt`: its own answer. */
function uniqueRequests(): Request[] {
  let salt = 0;
  return [{
    method: 'POST',
    setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PEER_QUERY, variables: { first: 50, salt: ++salt } }) }),
  }];
}

async function answerOf(url: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PEER_QUERY, variables: { first: 50, salt: 7 } }) });
  // The data only: gateways differ in the extensions they add.
  const body = (await response.json()) as { data?: unknown };
  return JSON.stringify(body.data ?? body);
}

/** Each round starts one setup later, so no setup always runs first or last (on this machine the later runs of a round tend to be faster). */
const rotated = <T>(items: readonly T[], round: number): T[] => items.map((_, i) => items[(i + round) % items.length]!);

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function main() {
  const supergraph = supergraphFile();
  const started: ServerProcess[] = [];
  try {
    for (const name of ['people', 'rows'] as const) started.push(await startServer('bench/servers/stockPeer.ts', [name], { PORT: String(PORTS[name]) }));
    const servers = {} as Record<SetupKey, ServerProcess>;
    for (const { key } of SETUPS) started.push((servers[key] = await startSetup(key, supergraph)));

    const expected = await answerOf(servers.a.url);
    for (const { key, label } of SETUPS) {
      if ((await answerOf(servers[key].url)) !== expected) throw new Error(`${label} answers differently from (a): ${(await answerOf(servers[key].url)).slice(0, 300)}`);
    }
    console.log(`All three setups give the same answer (50 people × 20 rows, ${expected.length} bytes).`);

    const results: Record<SetupKey, LoadResult[]> = { a: [], b: [], c: [] };
    for (const { key } of SETUPS) await load(servers[key].url, uniqueRequests(), { ...loadOptions, seconds: 2 });
    for (let round = 0; round < rounds; round++) {
      for (const { key } of rotated(SETUPS, round)) results[key].push(await load(servers[key].url, uniqueRequests(), loadOptions));
    }
    print(results, rounds);
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
  if (values.profile) {
    for (const key of ['b', 'c'] as const) {
      console.log(`\n${SETUPS.find((setup) => setup.key === key)!.label}, CPU profile over the whole run:`);
      printProfile(profileDir(key));
    }
  }
}

function print(results: Record<SetupKey, LoadResult[]>, count: number) {
  const perRound = (key: SetupKey, over: SetupKey) => results[key].map((result, i) => result.requestsPerSecond / results[over][i]!.requestsPerSecond);
  console.log(`\n${count} rounds of ${loadOptions.seconds} s per setup, ${loadOptions.connections} connections, every request its own variables:\n`);
  console.log('| setup | req/s (median) | p50 ms | p99 ms | req/s vs (a) | req/s vs (b), each round | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const { key, label } of SETUPS) {
    const runs = results[key];
    const failed = runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0);
    console.log(`| ${label} | ${Math.round(median(runs.map((run) => run.requestsPerSecond)))} | ${median(runs.map((run) => run.p50))} | ${median(runs.map((run) => run.p99))} | ${median(perRound(key, 'a')).toFixed(2)} | ${perRound(key, 'b').map((ratio) => ratio.toFixed(2)).join(', ')} | ${failed} |`);
  }
  const ratio = median(perRound('c', 'b'));
  console.log(`\nThis gateway vs stock Apollo Gateway over the same stock subgraphs: ${ratio.toFixed(2)}x the requests/s (median of ${count} rounds): ${ratio >= 1 ? 'met' : 'missed'} (target at least 1.00x).`);
}

await main();
