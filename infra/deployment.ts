/**
 * The deployment chosen on the command line:
 * `cdk synth|deploy -c app=<name> [-c gatewayProvisionedConcurrency=<n>] [-c contextSecretsVersion=<id>]
 * [-c apiThrottleRate=<requests/s>] [-c apiThrottleBurst=<requests>] [-c corsOrigins=<origin>,<origin>]
 * [-c subgraphs=functions|inline] [-c compute=on-demand|managed] [-c managedConcurrency=<n>]
 * [-c subgraphWarmth=none|provisioned|warmer] [-c subgraphProvisionedConcurrency=<n>] [-c warmerConcurrency=<n>]
 * [-c schoolTimeZone=<IANA zone>] [-c schoolDays=SUN-THU] [-c schoolHours=05:30-15:00]
 * [-c apiDomain=<host name> -c apiCertificateArn=<ACM certificate ARN>]`.
 * The app is checked against runtime/tenancy.ts's allowlist, the one list of apps there is; a
 * setting that has no effect in the chosen topology is refused rather than ignored.
 */
import type { Node } from 'constructs';
import { LearningGraphError } from '../runtime/errors.js';
import { ORIGIN_FORM, parseOrigins } from '../runtime/serve/cors.js';
import { APP_NAMES, parseAppName, type AppName } from '../runtime/tenancy.js';
import {
  parseOpeningHours, parseSchoolDays, parseTimeZone, SCHOOL_DAYS_FORM, SCHOOL_HOURS_DEFAULTS, SCHOOL_HOURS_FORM, type SchoolHours,
} from './schoolHours.js';

export interface Deployment {
  app: AppName;
  gatewayProvisionedConcurrency: number;
  contextSecretsVersion: string | undefined;
  /** The HTTP API stage's throttling, for all callers together (infra/constructs/Api.ts). */
  apiThrottle: ApiThrottle;
  /** Browser origins the HTTP API lets call the graph (its CORS configuration); none: no CORS at all. */
  corsOrigins: string[];
  /** Where the subgraphs run: each in its own function (invoked by the gateway) or inside the gateway's. */
  subgraphs: SubgraphTopology;
  /** What the API functions (gateway, subgraphs) run on: Lambda's own fleet, or managed instances in the VPC. */
  compute: Compute;
  /** With compute=managed: invocations one execution environment serves at once. */
  managedConcurrency: number;
  /** How the subgraph functions are kept warm during school hours. */
  subgraphWarmth: SubgraphWarmth;
  /** With subgraphWarmth=provisioned: containers of each subgraph kept initialised in school hours. */
  subgraphProvisionedConcurrency: number;
  /** With subgraphWarmth=warmer: concurrent warm-ups per subgraph each ping, so as many containers stay warm. */
  warmerConcurrency: number;
  schoolHours: SchoolHours;
  /** The API's own domain, when it has one: the explorer's sign-in returns there. */
  customDomain: CustomDomain | undefined;
}

export interface CustomDomain {
  /** A host name, e.g. `api.amal.example.com`. */
  domainName: string;
  /** Its ACM certificate, in the stack's region. */
  certificateArn: string;
}

export const SUBGRAPH_TOPOLOGIES = ['functions', 'inline'] as const;
export type SubgraphTopology = (typeof SUBGRAPH_TOPOLOGIES)[number];
export const COMPUTES = ['on-demand', 'managed'] as const;
export type Compute = (typeof COMPUTES)[number];
export const SUBGRAPH_WARMTHS = ['none', 'provisioned', 'warmer'] as const;
export type SubgraphWarmth = (typeof SUBGRAPH_WARMTHS)[number];

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

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  throw new DeploymentError(`-c ${name} must be one of ${allowed.join(', ')}; got "${String(value)}"`);
}

function schoolHoursFrom(node: Node): SchoolHours {
  const defaults = SCHOOL_HOURS_DEFAULTS;
  const zone = node.tryGetContext('schoolTimeZone') as unknown;
  const days = node.tryGetContext('schoolDays') as unknown;
  const hours = node.tryGetContext('schoolHours') as unknown;
  const timeZone = zone === undefined ? defaults.timeZone : parseTimeZone(String(zone));
  if (!timeZone) throw new DeploymentError(`-c schoolTimeZone must be an IANA time zone such as Asia/Riyadh; got "${String(zone)}"`);
  const schoolDays = days === undefined ? defaults.days : parseSchoolDays(String(days));
  if (!schoolDays) throw new DeploymentError(`-c schoolDays must be ${SCHOOL_DAYS_FORM}; got "${String(days)}"`);
  const opening = hours === undefined ? defaults : parseOpeningHours(String(hours));
  if (!opening) throw new DeploymentError(`-c schoolHours must be ${SCHOOL_HOURS_FORM}; got "${String(hours)}"`);
  return { timeZone, days: schoolDays, opensAt: opening.opensAt, closesAt: opening.closesAt };
}

/** The most warm-ups the gateway sends a subgraph per ping (gateway/warmUp.ts's MAX_WARMER_CONCURRENCY); more would be cut silently. */
const WARMER_CONCURRENCY_MAX = 20;

/** The largest concurrency Lambda takes per managed execution environment (PerExecutionEnvironmentMaxConcurrency). */
const MANAGED_CONCURRENCY_MAX = 1600;

/**
 * Invocations one managed execution environment serves at once unless told otherwise: a gateway
 * invocation is mostly waiting (on subgraphs, MySQL, Redis), so 16 keep one vCPU busy without
 * queueing behind each other; Lambda lowers it by itself when the CPU is short.
 */
export const DEFAULT_MANAGED_CONCURRENCY = 16;

/** The warmer wherever there are subgraph functions on Lambda's fleet to warm (it costs cents a month), nothing elsewhere. */
export const defaultSubgraphWarmth = (subgraphs: SubgraphTopology, compute: Compute): SubgraphWarmth =>
  subgraphs === 'functions' && compute === 'on-demand' ? 'warmer' : 'none';

/**
 * The topology and warmth settings, refused when they contradict each other (a warmth setting
 * for subgraph functions that do not exist, provisioned concurrency where Lambda has none).
 * infra/stack.ts asks the same of its props.
 */
export function checkTopology(settings: Pick<Deployment, 'subgraphs' | 'compute' | 'subgraphWarmth' | 'gatewayProvisionedConcurrency'>): void {
  const { subgraphs, compute, subgraphWarmth, gatewayProvisionedConcurrency } = settings;
  if (subgraphWarmth !== 'none' && subgraphs === 'inline') {
    throw new DeploymentError(`-c subgraphWarmth=${subgraphWarmth} warms subgraph functions, and -c subgraphs=inline has none: the subgraphs are warm when the gateway is (-c gatewayProvisionedConcurrency)`);
  }
  if (subgraphWarmth !== 'none' && compute === 'managed') {
    throw new DeploymentError(`-c subgraphWarmth=${subgraphWarmth} does not apply to -c compute=managed: managed instances keep their execution environments started, and Lambda offers no provisioned concurrency on them`);
  }
  if (gatewayProvisionedConcurrency > 0 && compute === 'managed') {
    throw new DeploymentError(`-c gatewayProvisionedConcurrency=${gatewayProvisionedConcurrency} does not apply to -c compute=managed: Lambda offers no provisioned concurrency on managed instances, whose execution environments stay started`);
  }
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/;

/** `-c apiDomain` and `-c apiCertificateArn`, both or neither. */
function customDomainFrom(node: Node): CustomDomain | undefined {
  const domain = node.tryGetContext('apiDomain') as unknown;
  const certificate = node.tryGetContext('apiCertificateArn') as unknown;
  if (domain === undefined && certificate === undefined) return undefined;
  if (domain === undefined || certificate === undefined) throw new DeploymentError('-c apiDomain and -c apiCertificateArn go together: the API\'s host name and its ACM certificate');
  if (!HOST_NAME.test(String(domain))) throw new DeploymentError(`-c apiDomain must be a host name in lower case, such as api.amal.example.com; got "${String(domain)}"`);
  if (!CERTIFICATE_ARN.test(String(certificate))) throw new DeploymentError(`-c apiCertificateArn must be an ACM certificate ARN; got "${String(certificate)}"`);
  return { domainName: String(domain), certificateArn: String(certificate) };
}

/** A setting given where it has no effect is a mistake in the command line; say so rather than ignore it. */
function refuseIdle(node: Node, name: string, applies: boolean, when: string): void {
  if (!applies && node.tryGetContext(name) !== undefined) throw new DeploymentError(`-c ${name} applies only with ${when}`);
}

export function deploymentFromContext(node: Node): Deployment {
  const version = node.tryGetContext('contextSecretsVersion') as unknown;
  const app = appFrom(node.tryGetContext('app'));
  const throttle = API_THROTTLE_DEFAULTS[app];
  const subgraphs = oneOf('subgraphs', node.tryGetContext('subgraphs'), SUBGRAPH_TOPOLOGIES, 'functions');
  const compute = oneOf('compute', node.tryGetContext('compute'), COMPUTES, 'on-demand');
  const subgraphWarmth = oneOf('subgraphWarmth', node.tryGetContext('subgraphWarmth'), SUBGRAPH_WARMTHS, defaultSubgraphWarmth(subgraphs, compute));
  const gatewayProvisionedConcurrency = count('gatewayProvisionedConcurrency', node.tryGetContext('gatewayProvisionedConcurrency'), compute === 'managed' ? 0 : 1);
  checkTopology({ subgraphs, compute, subgraphWarmth, gatewayProvisionedConcurrency });
  refuseIdle(node, 'subgraphProvisionedConcurrency', subgraphWarmth === 'provisioned', '-c subgraphWarmth=provisioned');
  refuseIdle(node, 'warmerConcurrency', subgraphWarmth === 'warmer', '-c subgraphWarmth=warmer');
  refuseIdle(node, 'managedConcurrency', compute === 'managed', '-c compute=managed');
  for (const name of ['schoolTimeZone', 'schoolDays', 'schoolHours']) refuseIdle(node, name, subgraphWarmth !== 'none', '-c subgraphWarmth=provisioned or warmer');
  const managedConcurrency = positive('managedConcurrency', node.tryGetContext('managedConcurrency'), DEFAULT_MANAGED_CONCURRENCY);
  if (managedConcurrency > MANAGED_CONCURRENCY_MAX) throw new DeploymentError(`-c managedConcurrency must be at most ${MANAGED_CONCURRENCY_MAX}; got "${managedConcurrency}"`);
  const warmerConcurrency = positive('warmerConcurrency', node.tryGetContext('warmerConcurrency'), 3);
  if (warmerConcurrency > WARMER_CONCURRENCY_MAX) throw new DeploymentError(`-c warmerConcurrency must be at most ${WARMER_CONCURRENCY_MAX}, the most the gateway sends at once; got "${warmerConcurrency}"`);
  return {
    app,
    apiThrottle: {
      rateLimit: positive('apiThrottleRate', node.tryGetContext('apiThrottleRate'), throttle.rateLimit),
      burstLimit: positive('apiThrottleBurst', node.tryGetContext('apiThrottleBurst'), throttle.burstLimit),
    },
    corsOrigins: origins('corsOrigins', node.tryGetContext('corsOrigins'), CORS_ORIGINS_DEFAULTS[app]),
    gatewayProvisionedConcurrency,
    contextSecretsVersion: version === undefined ? undefined : String(version),
    subgraphs,
    compute,
    managedConcurrency,
    subgraphWarmth,
    subgraphProvisionedConcurrency: positive('subgraphProvisionedConcurrency', node.tryGetContext('subgraphProvisionedConcurrency'), 1),
    warmerConcurrency,
    schoolHours: schoolHoursFrom(node),
    customDomain: customDomainFrom(node),
  };
}
