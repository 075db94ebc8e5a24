/**
 * The deployment chosen on the command line:
 * `cdk synth|deploy -c app=<name> [-c gatewayProvisionedConcurrency=<n>] [-c contextSecretsVersion=<id>]
 * [-c apiThrottleRate=<requests/s>] [-c apiThrottleBurst=<requests>] [-c corsOrigins=<origin>,<origin>]`.
 * The app is checked against runtime/tenancy.ts's allowlist, the one list of apps there is.
 */
import type { Node } from 'constructs';
import { LearningGraphError } from '../runtime/errors.js';
import { ORIGIN_FORM, parseOrigins } from '../runtime/serve/cors.js';
import { APP_NAMES, parseAppName, type AppName } from '../runtime/tenancy.js';

export interface Deployment {
  app: AppName;
  gatewayProvisionedConcurrency: number;
  contextSecretsVersion: string | undefined;
  /** The HTTP API stage's throttling, for all callers together (infra/constructs/Api.ts). */
  apiThrottle: ApiThrottle;
  /** Browser origins the HTTP API lets call the graph (its CORS configuration); none: no CORS at all. */
  corsOrigins: string[];
}

export interface ApiThrottle {
  /** Steady requests per second. */
  rateLimit: number;
  /** Requests API Gateway takes at once above the rate. */
  burstLimit: number;
}

/**
 * Per app, far above what its schools send (every caller together) and far below the account's
 * 10,000 requests/s, so one app's flood cannot starve the other; per-caller limits are the gateway's.
 */
export const DEFAULT_API_THROTTLE: ApiThrottle = { rateLimit: 500, burstLimit: 1_000 };
export const API_THROTTLE_DEFAULTS: Record<AppName, ApiThrottle> = { amal: DEFAULT_API_THROTTLE, thurayya: DEFAULT_API_THROTTLE };

/**
 * Per app, the origins of its web apps; none yet (the apps are native). A listed origin is exact,
 * as browsers send it; `-c corsOrigins` replaces the app's list (`-c corsOrigins=` empties it).
 */
export const CORS_ORIGINS_DEFAULTS: Record<AppName, readonly string[]> = { amal: [], thurayya: [] };

export class DeploymentError extends LearningGraphError {
  override readonly name = 'DeploymentError';
}

export const stackName = (app: AppName) => `LearningGraph-${app}`;

function appFrom(value: unknown): AppName {
  const hint = `choose it with -c app=<name>, one of ${APP_NAMES.join(', ')}`;
  if (value === undefined) throw new DeploymentError(`No app given: ${hint}`);
  try {
    return parseAppName(String(value));
  } catch {
    throw new DeploymentError(`Unknown app "${String(value)}": ${hint}`);
  }
}

function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new DeploymentError(`-c ${name} must be a whole number of 0 or more; got "${String(value)}"`);
  return n;
}

/** A comma-separated string (`-c`) or a list (cdk.json), each an exact origin. */
function origins(name: string, value: unknown, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  const list = Array.isArray(value) ? value.map(String).join(',') : String(value);
  return parseOrigins(list, (wrong) => new DeploymentError(`-c ${name} must list ${ORIGIN_FORM}; got "${wrong}"`));
}

function positive(name: string, value: unknown, fallback: number): number {
  const n = count(name, value, fallback);
  if (n === 0) throw new DeploymentError(`-c ${name} must be 1 or more; got "${String(value)}"`);
  return n;
}

export function deploymentFromContext(node: Node): Deployment {
  const version = node.tryGetContext('contextSecretsVersion') as unknown;
  const app = appFrom(node.tryGetContext('app'));
  const throttle = API_THROTTLE_DEFAULTS[app];
  return {
    app,
    apiThrottle: {
      rateLimit: positive('apiThrottleRate', node.tryGetContext('apiThrottleRate'), throttle.rateLimit),
      burstLimit: positive('apiThrottleBurst', node.tryGetContext('apiThrottleBurst'), throttle.burstLimit),
    },
    corsOrigins: origins('corsOrigins', node.tryGetContext('corsOrigins'), CORS_ORIGINS_DEFAULTS[app]),
    gatewayProvisionedConcurrency: count('gatewayProvisionedConcurrency', node.tryGetContext('gatewayProvisionedConcurrency'), 1),
    contextSecretsVersion: version === undefined ? undefined : String(version),
  };
}
