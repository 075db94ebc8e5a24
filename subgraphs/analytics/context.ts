import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { createLoaders } from './loaders.js';
import { analyticsTables, type AnalyticsTables } from '../../pipeline/tables.js';

export interface AnalyticsContext extends BaseContext {
  tables: AnalyticsTables;
  loaders: ReturnType<typeof createLoaders>;
}

export function createAnalyticsContext(base: BaseContext): AnalyticsContext {
  const tables = analyticsTables(base.deps.app);
  return { ...base, tables, loaders: createLoaders(base, tables) };
}
