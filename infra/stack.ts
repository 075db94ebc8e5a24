import { CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
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
import { Identity } from './constructs/Identity.js';
import { Network } from './constructs/Network.js';
import { NodeFunction, type FunctionDefaults } from './constructs/NodeFunction.js';
import { SubgraphFunctions } from './constructs/SubgraphFunctions.js';
import { API_THROTTLE_DEFAULTS, CORS_ORIGINS_DEFAULTS, type ApiThrottle } from './deployment.js';

export interface LearningGraphStackProps extends StackProps {
  readonly app: AppName;
  /** Directory with the built bundles, `<bundleDir>/<bundle>/index.mjs` (dist/ after `npm run build`). */
  readonly bundleDir: string;
  /** Gateway containers kept initialised. @default 1 */
  readonly gatewayProvisionedConcurrency?: number;
  /** The version of the context-signing secret the functions get (see docs/DEPLOY.md, rotation). @default the current version */
  readonly contextSecretsVersion?: string;
  /** The API stage's throttling. @default the app's API_THROTTLE_DEFAULTS */
  readonly apiThrottle?: ApiThrottle;
  /** Browser origins the API answers CORS for. @default the app's CORS_ORIGINS_DEFAULTS */
  readonly corsOrigins?: readonly string[];
}

/**
 * One app's whole backend: the API and its gateway, the subgraph functions, MySQL behind RDS Proxy,
 * Redis, and the analytics pipeline. Nothing is shared with another app's stack.
 */
export class LearningGraphStack extends Stack {
  readonly network: Network;
  readonly database: Database;
  readonly cache: Cache;
  readonly identity: Identity;
  readonly gateway: NodeFunction;
  readonly subgraphs: SubgraphFunctions;
  readonly api: Api;
  readonly analytics: AnalyticsPipeline;
  readonly migrate: NodeFunction;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: LearningGraphStackProps) {
    super(scope, id, props);
    const { app } = props;
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
        // A container serves one request at a time; RDS Proxy pools the connections of all of them.
        DATABASE_POOL_SIZE: '2',
        ...this.identity.authEnvironment,
      },
    };
    this.gateway = new NodeFunction(this, 'Gateway', { ...defaults, bundle: 'gateway', description: 'GraphQL gateway' });
    this.subgraphs = new SubgraphFunctions(this, 'Subgraphs', { ...defaults, gateway: this.gateway });
    this.api = new Api(this, 'Api', { gateway: this.gateway, identity: this.identity, provisionedConcurrency: props.gatewayProvisionedConcurrency, throttle: props.apiThrottle ?? API_THROTTLE_DEFAULTS[app], corsOrigins: props.corsOrigins ?? CORS_ORIGINS_DEFAULTS[app] });
    this.analytics = new AnalyticsPipeline(this, 'Analytics', { ...defaults, app });
    this.analytics.bindProducer(this.subgraphs.functions.analytics);
    this.analytics.bindDataRights(this.subgraphs.functions.datarights);
    this.migrate = new NodeFunction(this, 'Migrate', {
      ...defaults,
      bundle: 'migrate',
      timeout: Duration.minutes(5),
      description: 'Creates or upgrades the app tables (invoke after a deploy)',
    });

    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: `learning-graph ${app} alarms` });
    for (const alarm of [this.api.serverErrorAlarm, this.api.latencyAlarm, this.analytics.deadLetterQueue.depthAlarm]) {
      alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    }

    const outputs: Record<string, string> = {
      ApiUrl: this.api.url,
      UserPoolId: this.identity.userPool.userPoolId,
      UserPoolClientId: this.identity.client.userPoolClientId,
      MigrateFunction: this.migrate.functionName,
      ContextSecretArn: contextSecret.secret.secretArn,
      AlarmTopicArn: this.alarmTopic.topicArn,
      DeadLetterQueueUrl: this.analytics.deadLetterQueue.queueUrl,
      AthenaWorkGroup: this.analytics.workGroup.ref,
      GlueDatabase: this.analytics.glueDatabaseName,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
