import { describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { createLambdaHandler } from './lambda.js';
import { createTelemetry } from '../observability/telemetry.js';

const telemetry = createTelemetry({ app: 'amal', logLevel: 'silent' });
const typeDefs = 'type Query { hello: String }';

describe('a Lambda handler', () => {
  it('is ready once its server has started, before any event', async () => {
    let started = false;
    const server = new ApolloServer({ typeDefs, plugins: [{ serverWillStart: async () => void (started = true) }] });
    const handler = createLambdaHandler(server, async () => ({}), telemetry);
    await handler.ready;
    expect(started).toBe(true);
  });

  it('fails its init when its gateway cannot load', async () => {
    const gateway = { load: async () => Promise.reject(new Error('no supergraph')), onSchemaLoadOrUpdate: () => () => undefined, stop: async () => undefined };
    const server = new ApolloServer({ gateway, logger: silentApolloLogger });
    await expect(createLambdaHandler(server, async () => ({}), telemetry).ready).rejects.toThrow('no supergraph');
  });
});

const silentApolloLogger = { debug() {}, info() {}, warn() {}, error() {} };
