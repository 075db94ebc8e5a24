import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/subgraphs.js';

/** Every hosted subgraph of schema/subgraphs.json deploys its handler.ts. */
const subgraphBundles = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `subgraphs/${name}/handler.ts`])) as Record<SubgraphName, string>;

/**
 * The Lambda bundles: `npm run build` writes `dist/<name>/index.mjs` from each entry, and the stack
 * deploys each folder by name, so the two cannot disagree on what exists.
 */
export const LAMBDA_BUNDLES = {
  gateway: 'gateway/handler.ts',
  ...subgraphBundles,
  'analytics-consumer': 'pipeline/handler.ts',
  migrate: 'infra/handlers/migrate.ts',
} as const;

export type BundleName = keyof typeof LAMBDA_BUNDLES;
