import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { curriculumTables, type CurriculumTables } from '../curriculum/tables.js';
import { createLoaders } from './loaders.js';
import { memoryTables, type MemoryTables } from './tables.js';

export interface MemoryContext extends BaseContext {
  tables: MemoryTables;
  /** The curriculum's catalogue, read here (never written) to map content to concepts and pick new ones. */
  catalogue: CurriculumTables;
  loaders: ReturnType<typeof createLoaders>;
}

export function createMemoryContext(base: BaseContext): MemoryContext {
  const tables = memoryTables(base.deps.app);
  return { ...base, tables, catalogue: curriculumTables(base.deps.app), loaders: createLoaders(base, tables) };
}
