import { CfnOutput, Duration, Stack, Tags, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AppName } from '../runtime/tenancy.js';
import { AnalyticsPipeline } from './constructs/AnalyticsPipeline.js';
import { Api } from './constructs/Api.js';
import { Cache } from './constructs/Cache.js';
import { ContextSecret } from './constructs/ContextSecret.js';
import { Database } from './constructs/Database.js';
import { ExplorerSignIn } from './constructs/ExplorerSignIn.js';
import { Identity } from './constructs/Identity.js';
import { logicalIdLeavingOut } from './constructs/logicalIds.js';
import { ManagedInstances } from './constructs/ManagedInstances.js';
import { Network } from './constructs/Network.js';
import { NodeFunction, type FunctionDefaults } from './constructs/NodeFunction.js';
import { SchoolHoursConcurrency } from './constructs/SchoolHoursConcurrency.js';
import { SubgraphFunctions } from './constructs/SubgraphFunctions.js';
import { SubgraphWarmer } from './constructs/SubgraphWarmer.js';
import {
  API_THROTTLE_DEFAULTS, CORS_ORIGINS_DEFAULTS, DEFAULT_MANAGED_CONCURRENCY, checkTopology, defaultSubgraphWarmth, type ApiThrottle, type Compute, type CustomDomain, type SubgraphTopology, type SubgraphWarmth,
} from './deployment.js';
import { SCHOOL_HOURS_DEFAULTS, type SchoolHours } from './schoolHours.js';

export interface LearningGraphStackProps extends StackProps {
  readonly app: AppName;
  /** Directory with the built bundles, `<bundleDir>/<bundle>/index.mjs` (dist/ after `npm run build`). */
  readonly bundleDir: string;
  /** Gateway containers kept initialised (none on managed instances, which have no provisioned concurrency). @default 1, 0 with compute 'managed' */
  readonly gatewayProvisionedConcurrency?: number;
  /** The version of the context-signing secret the functions get (see docs/DEPLOY.md, rotation). @default the current version */
  readonly contextSecretsVersion?: string;
  /** The API stage's throttling. @default the app's API_THROTTLE_DEFAULTS */
  readonly apiThrottle?: ApiThrottle;
  /** Browser origins the API answers CORS for. @default the app's CORS_ORIGINS_DEFAULTS */
  readonly corsOrigins?: readonly string[];
  /** 'functions': one function per subgraph, invoked by the gateway; 'inline': every subgraph inside the gateway's function. @default 'functions' */
  readonly subgraphs?: SubgraphTopology;
  /** What the gateway and the subgraphs run on: Lambda's own fleet, or Lambda Managed Instances. @default 'on-demand' */
  readonly compute?: Compute;
  /** With compute 'managed': invocations one execution environment serves at once. @default DEFAULT_MANAGED_CONCURRENCY */
  readonly managedConcurrency?: number;
  /** How the subgraph functions are kept warm in school hours (subgraphs 'functions' on 'on-demand' only). @default defaultSubgraphWarmth: 'warmer' where it applies, 'none' elsewhere */
  readonly subgraphWarmth?: SubgraphWarmth;
  /** With subgraphWarmth 'provisioned': containers of each subgraph kept initialised in school hours. @default 1 */
  readonly subgraphProvisionedConcurrency?: number;
  /** With subgraphWarmth 'warmer': concurrent warm-ups per subgraph each ping. @default 3 */
  readonly warmerConcurrency?: number;
  /** When the warmth is on. @default SCHOOL_HOURS_DEFAULTS */
  readonly schoolHours?: SchoolHours;
  /** The API's own domain and certificate. @default none: the API's execute-api URL */
  readonly customDomain?: CustomDomain;
}

/**
 * One app's whole backend: the API and its gateway, the subgraph functions (or the subgraphs inside
 * the gateway's), MySQL behind RDS Proxy, Redis, and the analytics pipeline. Nothing is shared with
 * another app's stack. Topology and warmth are props (docs/DEPLOY.md prices each), checked
 * together by deployment.ts's checkTopology.
 */
export class LearningGraphStack extends Stack {
  readonly network: Network;
  readonly database: Database;
  readonly cache: Cache;
  readonly identity: Identity;
  readonly gateway: NodeFunction;
  /** The subgraph functions; none with subgraphs 'inline'. */
  readonly subgraphs: SubgraphFunctions | undefined;
  /** The capacity provider of the API functions with compute 'managed'. */
  readonly managedInstances: ManagedInstances | undefined;
  readonly api: Api;
  readonly explorerSignIn: ExplorerSignIn;
  readonly analytics: AnalyticsPipeline;
  readonly migrate: NodeFunction;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: LearningGraphStackProps) {
    super(scope, id, props);
    const { app, subgraphs = 'functions', compute = 'on-demand', schoolHours = SCHOOL_HOURS_DEFAULTS } = props;
    const subgraphWarmth = props.subgraphWarmth ?? defaultSubgraphWarmth(subgraphs, compute);
    const gatewayProvisionedConcurrency = props.gatewayProvisionedConcurrency ?? (compute === 'managed' ? 0 : 1);
    checkTopology({ subgraphs, compute, subgraphWarmth, gatewayProvisionedConcurrency });
    Tags.of(this).add('app', app);

    this.network = new Network(this, 'Network');
    const { vpc } = this.network;
    const securityGroup = new ec2.SecurityGroup(this, 'FunctionsSecurityGroup', { vpc, description: 'Lambda functions' });
    this.database = new Database(this, 'Database', { vpc });
    this.cache = new Cache(this, 'Cache', { vpc });
    this.database.connections.allowDefaultPortFrom(securityGroup, 'Lambda functions');
    this.cache.connections.allowDefaultPortFrom(securityGroup, 'Lambda functions');
    this.identity = new Identity(this, 'Identity');
    const contextSecret = new ContextSecret(this, 'ContextSecret', { versionId: props.contextSecretsVersion });

    // Every function loads the same validated configuration at cold start, and production
    // requires the signing secrets and the JWKS of all of them, subgraphs included.
    const defaults: FunctionDefaults = {
      bundleDir: props.bundleDir,
      vpc,
      securityGroup,
      environment: {
        NODE_ENV: 'production',
        APP_NAME: app,
        DATABASE_URL: this.database.url,
        REDIS_URL: this.cache.url,
        CONTEXT_SECRETS: contextSecret.value,
        // On Lambda's fleet a container serves one request at a time (ManagedInstances sizes its own);
        // RDS Proxy pools the connections of all of them.
        DATABASE_POOL_SIZE: '2',
        ...this.identity.authEnvironment,
      },
    };
    // The API functions (gateway, subgraphs) run where `compute` says; the pipeline's and Migrate always on Lambda's fleet.
    this.managedInstances = compute === 'managed'
      ? new ManagedInstances(this, 'ManagedInstances', { vpc, securityGroup, perEnvironmentConcurrency: props.managedConcurrency ?? DEFAULT_MANAGED_CONCURRENCY })
      : undefined;
    const apiFunctions = { ...defaults, managedInstances: this.managedInstances };
    this.gateway = new NodeFunction(this, 'Gateway', { ...apiFunctions, bundle: 'gateway', description: 'GraphQL gateway' });
    this.api = new Api(this, 'Api', {
      gateway: this.gateway,
      identity: this.identity,
      provisionedConcurrency: gatewayProvisionedConcurrency,
      throttle: props.apiThrottle ?? API_THROTTLE_DEFAULTS[app],
      corsOrigins: props.corsOrigins ?? CORS_ORIGINS_DEFAULTS[app],
      customDomain: props.customDomain,
    });
    // After the API: the explorer's client returns to the explorer's URL on it.
    this.explorerSignIn = new ExplorerSignIn(this, 'ExplorerSignIn', { identity: this.identity, app, explorerUrl: this.api.explorerUrl });
    for (const [name, value] of Object.entries(this.explorerSignIn.environment)) this.gateway.addEnvironment(name, value);
    this.analytics = new AnalyticsPipeline(this, 'Analytics', { ...defaults, app });

    if (subgraphs === 'functions') {
      this.subgraphs = new SubgraphFunctions(this, 'Subgraphs', { ...apiFunctions, gateway: this.gateway });
      this.analytics.bindProducer(this.subgraphs.functions.analytics);
      this.analytics.bindDataRights(this.subgraphs.functions.datarights);
    } else {
      // Every subgraph runs in the gateway's process, so the gateway holds what each of them needs.
      this.subgraphs = undefined;
      this.gateway.addEnvironment('SUBGRAPH_TRANSPORT', 'local');
      this.analytics.bindProducer(this.gateway);
      this.analytics.bindDataRights(this.gateway);
    }
    if (this.subgraphs && subgraphWarmth === 'provisioned') {
      new SchoolHoursConcurrency(this, 'SubgraphConcurrency', { aliases: this.subgraphs.aliases, concurrency: props.subgraphProvisionedConcurrency ?? 1, schoolHours });
    }
    if (this.subgraphs && subgraphWarmth === 'warmer') {
      new SubgraphWarmer(this, 'SubgraphWarmer', { gatewayAlias: this.api.alias, concurrency: props.warmerConcurrency ?? 3, schoolHours });
    }
    this.migrate = new NodeFunction(this, 'Migrate', {
      ...defaults,
      bundle: 'migrate',
      timeout: Duration.minutes(5),
      description: 'Creates or upgrades the app tables (invoke after a deploy)',
    });

    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: `learning-graph ${app} alarms`, enforceSSL: true });
    for (const alarm of [this.api.serverErrorAlarm, this.api.latencyAlarm, this.analytics.events.deadLetters.depthAlarm]) {
      alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    }

    const outputs: Record<string, string> = {
      ApiUrl: this.api.url,
      ExplorerUrl: this.api.explorerUrl,
      SignInDomain: this.explorerSignIn.domain.baseUrl(),
      UserPoolId: this.identity.userPool.userPoolId,
      UserPoolClientId: this.identity.client.userPoolClientId,
      ExplorerClientId: this.explorerSignIn.client.userPoolClientId,
      MigrateFunction: this.migrate.functionName,
      ContextSecretArn: contextSecret.secret.secretArn,
      AlarmTopicArn: this.alarmTopic.topicArn,
      DeadLetterQueueUrl: this.analytics.events.deadLetters.queueUrl,
      AthenaWorkGroup: this.analytics.catalog.workGroup.ref,
      GlueDatabase: this.analytics.catalog.databaseName,
    };
    // With a custom domain: the name its DNS record (CNAME or alias) points at.
    if (this.api.domainName) outputs.ApiDomainTarget = this.api.domainName.regionalDomainName;
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }

  /** CDK's logical ids, except for the resources of constructs split out after deployment (constructs/logicalIds.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdLeavingOut(this, element) ?? super.allocateLogicalId(element);
  }
}
