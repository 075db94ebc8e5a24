/** Reading a `--cpu-prof` profile: the self time of the top functions and of each package. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Prints the profile a process started with `--cpu-prof --cpu-prof-dir=<dir>` left in `dir`. */
export function printProfile(dir: string): void {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`No .cpuprofile in ${dir}`);
  report(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
}

function report(profile: CpuProfile) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const where = (url: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/work/') || url.startsWith('file:') ? `project: ${url.replace(/^.*?\/(gateway|runtime|subgraphs|scripts|bench)\//, '$1/')}` : url ? `node: ${url}` : '(native, GC, idle)');
  const sum = (key: (node: ProfileNode) => string) => {
    const totals = new Map<string, number>();
    for (const [id, us] of selfUs) {
      const node = byNode.get(id)!;
      totals.set(key(node), (totals.get(key(node)) ?? 0) + us);
    }
    return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15);
  };
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
  console.log('Self time by package:');
  for (const [name, us] of sum((node) => where(node.callFrame.url).replace(/^project: ([^/]+)\/.*$/, 'project: $1/'))) console.log(`  ${pct(us).padStart(6)}  ${name}`);
  console.log('\nTop functions (self time):');
  for (const [name, us] of sum((node) => `${node.callFrame.functionName || '(anonymous)'}  ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`)) console.log(`  ${pct(us).padStart(6)}  ${name}`);
}
