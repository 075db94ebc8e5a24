/** What a Lambda container builds once at cold start: validated configuration and the app's clients. */
import { loadConfig } from './config.js';
import { createAppRuntime } from './appDeps.js';

export const config = loadConfig();
export const runtime = createAppRuntime(config);
