import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port of 127.0.0.1 free now, for a server that must know its port before it starts (or another must). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
