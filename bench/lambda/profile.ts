/**
 * `npm run bench:lambda:profile -- <bundle>` (gateway, users, …): where one cold start's time goes.
 * Builds the bundle as `npm run build` does, runs one cold start (bench/lambda/coldStart.ts) under
 * `--cpu-prof`, maps each sample through the bundle's source maps, and prints self time by package
 * and, inclusive, by the deepest frame of this project's own code (what of ours led to the cost).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LAMBDA_BUNDLES } from '../../infra/bundles.js';
import { bundleLambda } from '../../scripts/bundle.js';
import { coldStart, deployLocally, withColdStartBackends } from './coldStart.js';

interface ProfileNode { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }

const { positionals, values } = parseArgs({ allowPositionals: true, options: { node: { type: 'string', default: process.execPath } } });
const name = positionals[0] as keyof typeof LAMBDA_BUNDLES;
if (!(name in LAMBDA_BUNDLES)) throw new Error(`Usage: npm run bench:lambda:profile -- <${Object.keys(LAMBDA_BUNDLES).join('|')}> [--node <path>]`);
const node = values.node!;
const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
const at = await (async () => {
  await bundleLambda(LAMBDA_BUNDLES[name], join(dir, 'bundle'), { node });
  return deployLocally(join(dir, 'bundle'));
})();
try {
  const { ms } = await withColdStartBackends(async (env) => {
    await coldStart(at, name, { node, env }); // the page cache
    // The profile is written where the function may write: its tmp.
    return coldStart(at, name, { node, env, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(at.tmp, 'cpu')}`, '--cpu-prof-interval=200'] });
  });
  const profile = JSON.parse(readFileSync(join(at.tmp, 'cpu', readdirSync(join(at.tmp, 'cpu'))[0]!), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  report(profile, ms, at.task);
} finally {
  at.remove();
  rmSync(dir, { recursive: true, force: true });
}

function report(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, ms: number, task: string): void {
  const maps = new Map<string, SourceMap>();
  const original = ({ url, lineNumber, columnNumber }: ProfileNode['callFrame']) => {
    if (!url.startsWith('file://') || !fileURLToPath(url).startsWith(task) || !url.endsWith('.mjs')) return undefined;
    const file = fileURLToPath(url);
    if (!maps.has(file)) maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    const entry = maps.get(file)!.findEntry(lineNumber, columnNumber);
    return 'originalSource' in entry ? { source: entry.originalSource.replace(/^(\.\.\/)+/, ''), line: entry.originalLine + 1 } : undefined;
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPackage = new Map<string, number>();
  const byOurs = new Map<string, number>();
  const add = (totals: Map<string, number>, key: string, us: number) => totals.set(key, (totals.get(key) ?? 0) + us);
  const ours = (id: number) => {
    const node = byId.get(id)!;
    const at = original(node.callFrame);
    return at && !at.source.includes('node_modules') ? `${at.source}:${at.line} ${node.callFrame.functionName}` : undefined;
  };
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const source = original(callFrame)?.source ?? (callFrame.url || `(${callFrame.functionName || 'native'})`);
    add(byPackage, /node_modules\/((@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? (source.startsWith('node:') ? source : source.includes('.mjs') ? 'bundle (module wrappers, lazy compilation)' : source), us);
    let at: number | undefined = id;
    while (at !== undefined && !ours(at)) at = parent.get(at);
    add(byOurs, at === undefined ? '(loading and evaluating modules)' : ours(at)!, us);
  }
  const total = [...self.values()].reduce((sum, us) => sum + us, 0);
  const top = (totals: Map<string, number>) => [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([key, us]) => `| ${key} | ${(us / 1000).toFixed(0)} ms | ${((100 * us) / total).toFixed(0)}% |`).join('\n');
  console.log(`\n${name}: first answer at ${ms.toFixed(0)} ms; ${(total / 1000).toFixed(0)} ms of samples\n\n| self time in | ms | share |\n| --- | ---: | ---: |\n${top(byPackage)}`);
  console.log(`\n| inclusive, by the deepest frame of this project's code | ms | share |\n| --- | ---: | ---: |\n${top(byOurs)}`);
}
