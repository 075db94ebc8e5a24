/** How command-line scripts end on a problem the user can fix: one readable paragraph, no stack trace. */
import { ConfigError, loadConfig, type Config } from '../runtime/config.js';
import { DatabaseUnreachableError } from '../runtime/clients/mysql.js';

export function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
}

/** Runs `step`, turning an unreachable database into the readable paragraph. */
export async function orExitIfUnreachable<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) exitWith(error.message);
    throw error;
  }
}
