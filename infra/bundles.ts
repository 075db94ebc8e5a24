/**
 * The Lambda bundles: `npm run build` writes `dist/<name>/index.mjs` from each entry, and the stack
 * deploys each folder by name, so the two cannot disagree on what exists.
 */
export const LAMBDA_BUNDLES = {
  gateway: 'gateway/handler.ts',
  users: 'subgraphs/users/handler.ts',
  curriculum: 'subgraphs/curriculum/handler.ts',
  memory: 'subgraphs/memory/handler.ts',
  analytics: 'subgraphs/analytics/handler.ts',
  'analytics-consumer': 'infra/handlers/analyticsConsumer.ts',
  migrate: 'infra/handlers/migrate.ts',
} as const;

export type BundleName = keyof typeof LAMBDA_BUNDLES;
