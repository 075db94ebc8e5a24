/**
 * What a Lambda container builds once, at import: validated configuration, telemetry and the app's
 * clients. Nothing here waits on the network: the MySQL pool opens connections on first use, Redis
 * connects in the background while the rest of the bundle loads (until it is ready a lookup is a
 * cache miss, never a wait), and Cognito's JWKS is fetched on the first token.
 */
import { loadConfig } from '../config.js';
import { createAppRuntime } from '../container/appDeps.js';
import { createTelemetry } from '../observability/telemetry.js';

export const config = loadConfig();
export const telemetry = createTelemetry(config);
export const runtime = createAppRuntime(config, { logger: telemetry.logger });
