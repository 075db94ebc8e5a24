import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS build (what Apollo's packages use); Vite would pick its .mjs build
  // and graphql refuses two copies in one process.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts', 'schema/**/*.test.ts', 'seed/**/*.test.ts', 'migrations/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts', 'runtime/**/*.test.ts', 'pipeline/**/*.test.ts', 'infra/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/explorerBundle.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
