import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { createLoaders } from './loaders.js';
import { usersTables, type UsersTables } from './tables.js';

export interface UsersContext extends BaseContext {
  tables: UsersTables;
  loaders: ReturnType<typeof createLoaders>;
}

export function createUsersContext(base: BaseContext): UsersContext {
  const tables = usersTables(base.deps.app);
  return { ...base, tables, loaders: createLoaders(base, tables) };
}
