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

export function startServer(entry: string, args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${entry} did not start within 60 s:\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = /^ready (\S+)$/m.exec(output);
      if (!ready?.[1]) return;
      clearTimeout(timer);
      resolve({ url: ready[1], peakRssMiB: () => peakRssMiB(child), stop: () => stop(child), kill: () => stop(child, 'SIGKILL') });
    });
    child.once('exit', (code) => fail(new Error(`${entry} exited with ${code}:\n${output}`)));
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
