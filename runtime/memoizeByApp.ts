import type { AppName } from './tenancy.js';

/** Table factories run once per app: drizzle tables are immutable and safe to share. */
export function memoizeByApp<T>(build: (app: AppName) => T): (app: AppName) => T {
  const built = new Map<AppName, T>();
  return (app) => {
    let value = built.get(app);
    if (value === undefined) built.set(app, (value = build(app)));
    return value;
  };
}
