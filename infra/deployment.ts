/**
 * The deployment chosen on the command line:
 * `cdk synth|deploy -c app=<name> [-c gatewayProvisionedConcurrency=<n>] [-c contextSecretsVersion=<id>]
 * [-c apiThrottleRate=<requests/s>] [-c apiThrottleBurst=<requests>]`.
 * The app is checked against runtime/tenancy.ts's allowlist, the one list of apps there is.
 */
import type { Node } from 'constructs';
import { LearningGraphError } from '../runtime/errors.js';
import { APP_NAMES, parseAppName, type AppName } from '../runtime/tenancy.js';

export interface Deployment {
  app: AppName;
  gatewayProvisionedConcurrency: number;
  contextSecretsVersion: string | undefined;
  /** The HTTP API stage's throttling, for all callers together (infra/constructs/Api.ts). */
  apiThrottle: ApiThrottle;
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
    gatewayProvisionedConcurrency: count('gatewayProvisionedConcurrency', node.tryGetContext('gatewayProvisionedConcurrency'), 1),
    contextSecretsVersion: version === undefined ? undefined : String(version),
  };
}
