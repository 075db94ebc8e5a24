/**
 * A TCP proxy that injects one network fault at a time between a client (the gateway, a pool, an
 * ioredis client) and a real server (a subgraph, MariaDB, Redis), for fault specs and bench/faults.
 *
 * Faults apply from the moment they are set, to new and open connections alike:
 * - `refuse`: the port is closed (ECONNREFUSED) and open connections are reset;
 * - `blackhole`: connections are accepted but nothing is forwarded either way (a partitioned peer);
 * - `latency`: every chunk is delayed by `ms`, both ways;
 * - `cut`: the server's answer is forwarded up to `afterBytes`, then both sockets are destroyed
 *   (a crash mid-response); with `once`, only the first answer is cut, then traffic passes;
 * - `trickle`: the server's answer arrives `bytes` at a time every `everyMs` (a slow link);
 * - `blackholeFrom`: traffic passes until a client sends bytes containing `match`; from that chunk
 *   on, that connection is a blackhole (a peer lost at a chosen step of a protocol).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'refuse' }
  | { kind: 'blackhole' }
  | { kind: 'latency'; ms: number }
  | { kind: 'cut'; afterBytes: number; once?: boolean }
  | { kind: 'trickle'; bytes: number; everyMs: number }
  | { kind: 'blackholeFrom'; match: string };

export interface FaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>`, for HTTP targets. */
  url(path?: string): string;
  set(fault: Fault): Promise<void>;
  /** Destroys every open connection, as a server restart does. */
  cutAll(): void;
  /** Connections accepted since start. */
  readonly accepted: number;
  /** Connections open now. */
  readonly open: number;
  /** Bytes clients sent since start, forwarded or not (a call that was never made sends none). */
  readonly bytesFromClients: number;
  /** Bytes servers sent since start, forwarded, held or dropped (a server that answered sent some). */
  readonly bytesFromServers: number;
  /** Connections a `blackholeFrom` fault has swallowed. */
  readonly swallowed: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  /** Server bytes forwarded since the current fault was set. */
  downBytes: number;
  epoch: number;
  trickle: Buffer[];
  trickleTimer?: NodeJS.Timeout;
  /** Swallowed by `blackholeFrom`: nothing passes either way any more. */
  swallowed?: boolean;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let fault: Fault = { kind: 'pass' };
  let epoch = 0;
  let accepted = 0;
  let bytesFromClients = 0;
  let bytesFromServers = 0;
  let swallowed = 0;
  const pairs = new Set<Pair>();
  const destroy = (pair: Pair) => {
    clearInterval(pair.trickleTimer);
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };

  const flushTrickle = (pair: Pair) => {
    clearInterval(pair.trickleTimer);
    pair.trickleTimer = undefined;
    for (const slice of pair.trickle.splice(0)) pair.client.write(slice);
  };

  const relayDown = (pair: Pair, chunk: Buffer) => {
    bytesFromServers += chunk.length;
    if (pair.epoch !== epoch) {
      pair.epoch = epoch;
      pair.downBytes = 0;
    }
    if (pair.swallowed) return;
    switch (fault.kind) {
      case 'blackhole':
        return;
      case 'latency':
        return void setTimeout(() => pair.client.write(chunk), fault.ms);
      case 'cut': {
        const room = fault.afterBytes - pair.downBytes;
        pair.downBytes += chunk.length;
        if (chunk.length < room) return void pair.client.write(chunk);
        if (fault.once) fault = { kind: 'pass' };
        return void pair.client.write(chunk.subarray(0, Math.max(0, room)), () => destroy(pair));
      }
      case 'trickle': {
        const { bytes, everyMs } = fault;
        for (let at = 0; at < chunk.length; at += bytes) pair.trickle.push(chunk.subarray(at, at + bytes));
        pair.trickleTimer ??= setInterval(() => {
          const slice = pair.trickle.shift();
          if (slice) return void pair.client.write(slice);
          clearInterval(pair.trickleTimer);
          pair.trickleTimer = undefined;
        }, everyMs);
        return;
      }
      default:
        pair.client.write(chunk);
    }
  };

  const relayUp = (pair: Pair, chunk: Buffer) => {
    bytesFromClients += chunk.length;
    if (fault.kind === 'blackholeFrom' && !pair.swallowed && chunk.includes(fault.match)) {
      pair.swallowed = true;
      swallowed++;
    }
    if (fault.kind === 'blackhole' || pair.swallowed) return;
    if (fault.kind === 'latency') return void setTimeout(() => pair.upstream?.write(chunk), fault.ms);
    pair.upstream?.write(chunk);
  };

  const onConnection = (client: Socket) => {
    accepted++;
    const pair: Pair = { client, downBytes: 0, epoch, trickle: [] };
    pairs.add(pair);
    client.on('error', () => destroy(pair)).on('close', () => destroy(pair));
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => destroy(pair)).on('close', () => destroy(pair));
    upstream.on('data', (chunk: Buffer) => relayDown(pair, chunk));
    client.on('data', (chunk: Buffer) => relayUp(pair, chunk));
  };

  let server: Server | undefined;
  let port = 0;
  const listen = () => new Promise<void>((resolve, reject) => {
    server = createServer(onConnection);
    server.once('error', reject).listen(port, '127.0.0.1', () => {
      port = (server!.address() as { port: number }).port;
      resolve();
    });
  });
  const unlisten = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await listen();

  const cutAll = () => {
    for (const pair of [...pairs]) {
      pair.client.resetAndDestroy();
      destroy(pair);
    }
  };

  return {
    get port() { return port; },
    get accepted() { return accepted; },
    get open() { return pairs.size; },
    get bytesFromClients() { return bytesFromClients; },
    get bytesFromServers() { return bytesFromServers; },
    get swallowed() { return swallowed; },
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    async set(next) {
      const wasRefusing = fault.kind === 'refuse';
      fault = next;
      epoch++;
      // What was trickling goes out now, ahead of anything the server sends next.
      if (next.kind !== 'trickle') for (const pair of pairs) flushTrickle(pair);
      if (next.kind === 'refuse' && !wasRefusing) {
        const closing = unlisten();
        cutAll();
        await closing;
        server = undefined;
      } else if (next.kind !== 'refuse' && wasRefusing) {
        await listen();
      }
    },
    cutAll,
    async close() {
      cutAll();
      await unlisten();
    },
  };
}

/** `url` with its host and port replaced by the proxy's, e.g. a MySQL or Redis URL. */
export function throughProxy(url: string, proxy: FaultProxy): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxy.port);
  return parsed.toString();
}

/** Host and port of a server URL (mysql://, redis://, http://). */
export function addressOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const defaults: Record<string, number> = { 'mysql:': 3306, 'redis:': 6379, 'http:': 80 };
  return { host: parsed.hostname, port: Number(parsed.port) || defaults[parsed.protocol] || 80 };
}
