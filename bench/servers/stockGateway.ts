/**
 * Engine bench: stock Apollo Gateway over a supergraph file (`tsx bench/servers/stockGateway.ts
 * <file>`), served by Apollo Server's standalone server, as Apollo's docs set it up.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.argv[2] ?? '', 'utf8') });
// Stopped by the bench with SIGTERM, it exits normally, so that `--cpu-prof` writes its profile.
const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
process.once('SIGTERM', () => void server.stop().finally(() => process.exit(0)));
console.log(`ready ${url}`);
