/** How command-line scripts end on a problem the user can fix: one readable paragraph, no stack trace. */
import { ConfigError, loadConfig, type Config } from '../runtime/config.js';
import { DatabaseUnreachableError } from '../runtime/clients/mysql.js';
import { SupergraphError } from '../gateway/errors.js';
import { ManifestError } from '../gateway/manifest.js';

export function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The configuration `load` reads (the shared one unless told), or its error as one paragraph. */
export function configOrExit<C extends Config = Config>(load: () => C = loadConfig as () => C): C {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
}

/** Runs `step`, turning a problem the user can fix (an unreachable database, a bad supergraph, manifest or setting) into the readable paragraph. */
export async function orExitIfUserFixable<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DatabaseUnreachableError || error instanceof SupergraphError || error instanceof ManifestError || error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
}
