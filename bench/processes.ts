/** Bench servers run as child processes (one core for the load, the other for the system under test). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ServerProcess {
  url: string;
  /** Peak resident set (VmHWM) so far, in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
  /** SIGKILL: the process dies wherever it is, as a Lambda container that is recycled. */
  kill(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** A TypeScript entry under Node, ready when it prints `ready <url>`. */
export function startServer(entry: string, args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return whenReady(child, entry, (output) => /^ready (\S+)$/m.exec(output)?.[1]);
}

/**
 * Another program (a gateway that is not Node), ready once `url` answers a GraphQL POST: such
 * programs print no `ready` line of ours.
 */
export function startExecutable(path: string, args: string[], env: Record<string, string>, url: string): Promise<ServerProcess> {
  const child = spawn(path, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let answered = false;
  const poll = setInterval(() => {
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}', signal: AbortSignal.timeout(1_000) })
      .then((response) => (answered ||= response.ok), () => {});
  }, 200);
  child.once('exit', () => clearInterval(poll));
  return whenReady(child, path, () => (answered ? (clearInterval(poll), url) : undefined), 200);
}

/** Resolves once `readyUrl` (checked on output and every `recheckMs`) names the server's URL. */
function whenReady(child: ChildProcess, name: string, readyUrl: (output: string) => string | undefined, recheckMs?: number): Promise<ServerProcess> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const recheck = recheckMs ? setInterval(check, recheckMs) : undefined;
    function fail(error: Error) {
      clearTimeout(timer);
      clearInterval(recheck);
      child.kill('SIGKILL');
      reject(error);
    }
    function check() {
      const url = readyUrl(output);
      if (!url) return;
      clearTimeout(timer);
      clearInterval(recheck);
      child.stdout!.removeAllListeners('data');
      // Keep reading, so a chatty server never blocks on a full pipe.
      child.stdout!.resume();
      resolve({ url, peakRssMiB: () => peakRssMiB(child), stop: () => stop(child), kill: () => stop(child, 'SIGKILL') });
    }
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      check();
    });
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

function peakRssMiB(child: ChildProcess): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
