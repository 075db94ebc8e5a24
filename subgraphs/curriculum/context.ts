import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { createLoaders } from './loaders.js';
import { curriculumTables, type CurriculumTables } from './tables.js';

export interface CurriculumContext extends BaseContext {
  tables: CurriculumTables;
  loaders: ReturnType<typeof createLoaders>;
}

export function createCurriculumContext(base: BaseContext): CurriculumContext {
  const tables = curriculumTables(base.deps.app);
  return { ...base, tables, loaders: createLoaders(base, tables) };
}
