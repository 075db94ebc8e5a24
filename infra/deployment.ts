/**
 * The deployment chosen on the command line:
 * `cdk synth|deploy -c app=<name> [-c gatewayProvisionedConcurrency=<n>] [-c contextSecretsVersion=<id>]`.
 * The app is checked against runtime/tenancy.ts's allowlist, the one list of apps there is.
 */
import type { Node } from 'constructs';
import { APP_NAMES, parseAppName, type AppName } from '../runtime/tenancy.js';

export interface Deployment {
  app: AppName;
  gatewayProvisionedConcurrency: number;
  contextSecretsVersion: string | undefined;
}

export class DeploymentError extends Error {
  override name = 'DeploymentError';
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

export function deploymentFromContext(node: Node): Deployment {
  const version = node.tryGetContext('contextSecretsVersion') as unknown;
  return {
    app: appFrom(node.tryGetContext('app')),
    gatewayProvisionedConcurrency: count('gatewayProvisionedConcurrency', node.tryGetContext('gatewayProvisionedConcurrency'), 1),
    contextSecretsVersion: version === undefined ? undefined : String(version),
  };
}
