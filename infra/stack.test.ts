import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import type { LakeRecord } from '../pipeline/event/queuedEvent.js';
import type { AppName } from '../runtime/tenancy.js';
import { LAMBDA_BUNDLES } from './bundles.js';
import { ACCESS_LOG_FORMAT } from './constructs/Api.js';
import { API_THROTTLE_DEFAULTS, deploymentFromContext, stackName } from './deployment.js';
import { LearningGraphStack } from './stack.js';
import { SCOPES } from '../gateway/explorer/signIn.js';

// Placeholder bundles: synthesizing must not need `npm run build`.
const bundleDir = mkdtempSync(join(tmpdir(), 'lg-bundles-'));
for (const name of Object.keys(LAMBDA_BUNDLES)) {
  mkdirSync(join(bundleDir, name));
  writeFileSync(join(bundleDir, name, 'index.mjs'), 'export const handler = async () => ({});\n');
}
// The feature flags of cdk.json, so the tests synthesize what `cdk deploy` would.
const cdkJson = fileURLToPath(new URL('../cdk.json', import.meta.url));
const cdkContext = (JSON.parse(readFileSync(cdkJson, 'utf8')) as { context: Record<string, unknown> }).context;

/** Synthesizes one app's stack the way infra/app.ts does. */
function synth(app: AppName, context: Record<string, unknown> = {}) {
  const cdkApp = new App({ context: { ...cdkContext, ...context, app } });
  const deployment = deploymentFromContext(cdkApp.node);
  const stack = new LearningGraphStack(cdkApp, stackName(deployment.app), { ...deployment, bundleDir });
  return { stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Properties: Record<string, any> }>;
/** Logical id of a construct's CloudFormation resource. */
const logicalId = (stack: Stack, construct: IConstruct) => stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
/** Our functions: the ones running a bundle (index.*), not CDK's own custom-resource handlers. */
const ourFunctions = (template: Template): Resources =>
  template.findResources('AWS::Lambda::Function', { Properties: { Handler: Match.stringLikeRegexp('^index\\.') } }) as Resources;

/** An API domain of the deployment's own (-c apiDomain). */
const CUSTOM_DOMAIN = { apiDomain: 'api.amal.example.com', apiCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789' };

let amal: ReturnType<typeof synth>;
let thurayya: ReturnType<typeof synth>;
beforeAll(() => {
  amal = synth('amal');
  thurayya = synth('thurayya');
});

describe('the functions', () => {
  it('run on ARM64 and nodejs24.x', () => {
    const functions = Object.values(ourFunctions(amal.template));
    expect(functions).toHaveLength(Object.keys(LAMBDA_BUNDLES).length + 1); // analytics-consumer serves the consumer and the drain
    for (const { Properties } of functions) {
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.Runtime).toBe('nodejs24.x');
    }
  });

  it('each log to a group of their own with a retention', () => {
    const groups = amal.template.findResources('AWS::Logs::LogGroup') as Resources;
    for (const { Properties } of Object.values(ourFunctions(amal.template))) {
      const group = groups[Properties.LoggingConfig?.LogGroup?.Ref];
      expect(group?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('get the environment runtime/config.ts requires in production', () => {
    for (const { Properties } of Object.values(ourFunctions(amal.template))) {
      expect(Properties.Environment.Variables).toMatchObject({
        NODE_ENV: 'production',
        APP_NAME: 'amal',
        DATABASE_URL: expect.anything(),
        REDIS_URL: expect.anything(),
        CONTEXT_SECRETS: expect.anything(),
        AUTH_ISSUER: expect.anything(),
        AUTH_AUDIENCE: expect.anything(),
        AUTH_JWKS_URL: expect.anything(),
      });
    }
  });

  it('size their MySQL pool for one request at a time', () => {
    for (const { Properties } of Object.values(ourFunctions(amal.template))) {
      expect(Number(Properties.Environment.Variables.DATABASE_POOL_SIZE)).toBeLessThanOrEqual(3);
    }
  });

  it('name the Powertools service of their logs and metrics after their bundle', () => {
    const { stack, template } = amal;
    const variables = template.toJSON().Resources[logicalId(stack, stack.subgraphs!.functions.memory)].Properties.Environment.Variables;
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('memory');
    for (const { Properties } of Object.values(ourFunctions(template))) {
      expect(Object.keys(LAMBDA_BUNDLES)).toContain(Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME);
    }
  });

  it('reach MySQL through the proxy endpoint with the password from the database secret', () => {
    const { stack, template } = amal;
    const gateway = template.toJSON().Resources[logicalId(stack, stack.gateway)];
    const [, parts] = gateway.Properties.Environment.Variables.DATABASE_URL['Fn::Join'];
    expect(parts).toEqual([
      'mysql://learning:{{resolve:secretsmanager:',
      stack.resolve(stack.database.instance.secret!.secretArn),
      ':SecretString:password::}}@',
      stack.resolve(stack.database.proxy.endpoint),
      expect.stringMatching(/^:3306\/learning\?ssl=/),
    ]);
  });

  it('are granted * only for X-Ray’s actions, which take no resource', () => {
    for (const { template } of [amal, synth('amal', { subgraphs: 'inline' }), synth('amal', { compute: 'managed' })]) {
      const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources).flatMap(({ Properties }) => Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
      const onEverything = statements.filter(({ Resource }) => [Resource].flat().includes('*'));
      expect(onEverything.length).toBeGreaterThan(0);
      for (const { Action } of onEverything) expect([Action].flat().sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('get the context-signing secret from Secrets Manager', () => {
    const { stack, template } = amal;
    const gateway = template.toJSON().Resources[logicalId(stack, stack.gateway)];
    const [, [prefix, secret, suffix]] = gateway.Properties.Environment.Variables.CONTEXT_SECRETS['Fn::Join'];
    expect(prefix).toBe('{{resolve:secretsmanager:');
    expect(suffix).toBe(':SecretString:::}}');
    expect(template.toJSON().Resources[secret.Ref].Type).toBe('AWS::SecretsManager::Secret');
  });
});

/** The environment variables of the gateway function. */
const gatewayVariables = ({ stack, template }: ReturnType<typeof synth>): Record<string, unknown> =>
  template.toJSON().Resources[logicalId(stack, stack.gateway)].Properties.Environment.Variables;

/** The roles whose identity policies allow lambda:InvokeFunction on a resource naming `target`'s logical id. */
function invokersOf({ stack, template }: ReturnType<typeof synth>, target: IConstruct): string[] {
  const id = logicalId(stack, target);
  const roles = new Set<string>();
  for (const { Properties } of Object.values(template.findResources('AWS::IAM::Policy') as Resources)) {
    for (const statement of Properties.PolicyDocument.Statement) {
      if (![statement.Action].flat().includes('lambda:InvokeFunction')) continue;
      if (!JSON.stringify(statement.Resource).includes(id)) continue;
      for (const role of Properties.Roles) roles.add(role.Ref);
    }
  }
  return [...roles];
}

/** The lake statements of a function with data rights: list, read and delete the app's learners' own copies, put the app's tombstones. */
const lakeDataRights = (bucketArn: unknown) => [
  { Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': ['events/learners/app=amal/*'] } } },
  { Action: ['s3:DeleteObject', 's3:GetObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/events/learners/app=amal/*']] } },
  { Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [bucketArn, '/events/tombstones/app=amal/*']] } },
];

describe('the subgraph functions', () => {
  it('each have a live alias on the version the deploy published', () => {
    const { stack, template } = amal;
    for (const name of SUBGRAPH_NAMES) {
      const alias = template.toJSON().Resources[logicalId(stack, stack.subgraphs!.aliases[name])].Properties;
      expect(alias, name).toMatchObject({ Name: 'live', FunctionName: { Ref: logicalId(stack, stack.subgraphs!.functions[name]) } });
      expect(template.toJSON().Resources[alias.FunctionVersion['Fn::GetAtt'][0]].Type, name).toBe('AWS::Lambda::Version');
    }
  });

  it('may be invoked, through their aliases, by the gateway role only', () => {
    const gatewayRole = logicalId(amal.stack, amal.stack.gateway.role!);
    for (const name of SUBGRAPH_NAMES) {
      expect(invokersOf(amal, amal.stack.subgraphs!.aliases[name]), name).toEqual([gatewayRole]);
      expect(invokersOf(amal, amal.stack.subgraphs!.functions[name]), name).toEqual([]);
    }
  });

  it('are what the gateway invokes over the lambda transport: each alias by its ARN', () => {
    const { stack } = amal;
    const variables = gatewayVariables(amal);
    expect(variables.SUBGRAPH_TRANSPORT).toBe('lambda');
    for (const name of SUBGRAPH_NAMES) {
      expect(variables[`SUBGRAPH_FUNCTION_${name.toUpperCase()}`], name).toEqual({ Ref: logicalId(stack, stack.subgraphs!.aliases[name]) });
    }
  });

  it('have no resource policy letting anyone else in', () => {
    const { stack, template } = amal;
    const permissions = JSON.stringify(template.findResources('AWS::Lambda::Permission'));
    for (const name of SUBGRAPH_NAMES) {
      expect(permissions).not.toContain(logicalId(stack, stack.subgraphs!.functions[name]));
      expect(permissions).not.toContain(logicalId(stack, stack.subgraphs!.aliases[name]));
    }
  });
});

describe('the subgraphs inline (-c subgraphs=inline)', () => {
  let inline: ReturnType<typeof synth>;
  beforeAll(() => {
    inline = synth('amal', { subgraphs: 'inline' });
  });

  it('creates no subgraph function', () => {
    const functions = Object.values(ourFunctions(inline.template));
    expect(functions).toHaveLength(Object.keys(LAMBDA_BUNDLES).length + 1 - SUBGRAPH_NAMES.length);
    for (const { Properties } of functions) expect(SUBGRAPH_NAMES as readonly string[]).not.toContain(Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME);
    expect(inline.stack.subgraphs).toBeUndefined();
  });

  it('runs every subgraph inside the gateway over the local transport', () => {
    const variables = gatewayVariables(inline);
    expect(variables.SUBGRAPH_TRANSPORT).toBe('local');
    expect(Object.keys(variables).filter((name) => name.startsWith('SUBGRAPH_FUNCTION_'))).toEqual([]);
  });

  it('lets the gateway enqueue analytics events, with the queue in its environment and the right to send', () => {
    const { stack, template } = inline;
    expect(gatewayVariables(inline)).toMatchObject({ ANALYTICS_QUEUE: 'sqs', ANALYTICS_QUEUE_URL: stack.resolve(stack.analytics.events.queue.queueUrl) });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(stack.gateway.role!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: stack.resolve(stack.analytics.events.queue.queueArn) })]) },
    });
  });

  it('lets the gateway exercise data rights over the lake: read the app’s events, put tombstones', () => {
    const { stack, template } = inline;
    const bucketArn = stack.resolve(stack.analytics.lake.bucket.bucketArn);
    expect(gatewayVariables(inline)).toMatchObject({ ANALYTICS_LAKE: 'firehose', ANALYTICS_LAKE_BUCKET: stack.resolve(stack.analytics.lake.bucket.bucketName), ANALYTICS_LAKE_PREFIX: 'events/' });
    for (const statement of lakeDataRights(bucketArn)) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [stack.resolve(stack.gateway.role!.roleName)],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
      });
    }
  });

  it('has no subgraph warmth: no scalable target, no schedule', () => {
    inline.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    inline.template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});

describe('the subgraph warmer (-c subgraphWarmth=warmer, the default)', () => {
  const schedules = (template: Template) => Object.values(template.findResources('AWS::Scheduler::Schedule') as Resources).map(({ Properties }) => Properties);

  it('invokes the gateway’s live alias every 5 minutes of school hours on school days, in the schools’ time zone', () => {
    const { stack, template } = amal;
    const [schedule, ...others] = schedules(template);
    expect(others).toEqual([]);
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0/5 5-14 ? * SUN-THU *)',
      ScheduleExpressionTimezone: 'Asia/Riyadh',
      State: 'ENABLED',
      Target: { Arn: { Ref: logicalId(stack, stack.api.alias) }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
  });

  it('sends the gateway the constant warm-up event with the warmer concurrency', () => {
    const [schedule] = schedules(amal.template);
    expect(JSON.parse(schedule!.Target.Input as string)).toEqual({ warmSubgraphs: { concurrency: 3 } });
    const [tuned] = schedules(synth('amal', { warmerConcurrency: '6' }).template);
    expect(JSON.parse(tuned!.Target.Input as string)).toEqual({ warmSubgraphs: { concurrency: 6 } });
  });

  it('follows -c schoolTimeZone, -c schoolDays and -c schoolHours', () => {
    const [schedule] = schedules(synth('amal', { schoolTimeZone: 'Europe/London', schoolDays: 'MON-FRI', schoolHours: '07:00-16:30' }).template);
    expect(schedule).toMatchObject({ ScheduleExpression: 'cron(0/5 7-16 ? * MON-FRI *)', ScheduleExpressionTimezone: 'Europe/London' });
  });

  it('is the only caller of the gateway alias besides API Gateway, through a role only EventBridge Scheduler may assume', () => {
    const { stack, template } = amal;
    const alias = logicalId(stack, stack.api.alias);
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission') as Resources).map(({ Properties }) => Properties);
    const onAlias = permissions.filter(({ FunctionName }) => JSON.stringify(FunctionName).includes(alias));
    expect(onAlias.length).toBeGreaterThan(0);
    for (const { Principal } of onAlias) expect(Principal).toBe('apigateway.amazonaws.com');

    const [scheduleRole, ...others] = invokersOf(amal, stack.api.alias);
    expect(others).toEqual([]);
    const [schedule] = schedules(template);
    expect(schedule!.Target.RoleArn).toEqual({ 'Fn::GetAtt': [scheduleRole, 'Arn'] });
    const trust = template.toJSON().Resources[scheduleRole!].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: expect.objectContaining({ 'aws:SourceAccount': expect.anything() }) } })]);
  });

  it('leaves the subgraph aliases without provisioned concurrency', () => {
    amal.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });
});

describe('scheduled provisioned concurrency (-c subgraphWarmth=provisioned)', () => {
  let provisioned: ReturnType<typeof synth>;
  beforeAll(() => {
    provisioned = synth('amal', { subgraphWarmth: 'provisioned', subgraphProvisionedConcurrency: '2' });
  });

  it('puts a scalable target of 0 to the concurrency on each subgraph alias', () => {
    const { stack, template } = provisioned;
    const targets = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalableTarget') as Resources).map(({ Properties }) => Properties);
    expect(targets).toHaveLength(SUBGRAPH_NAMES.length);
    for (const name of SUBGRAPH_NAMES) {
      const alias = logicalId(stack, stack.subgraphs!.aliases[name]);
      const onAlias = targets.filter(({ ResourceId }) => JSON.stringify(ResourceId).includes(`"${alias}"`));
      expect(onAlias, name).toEqual([expect.objectContaining({
        ServiceNamespace: 'lambda',
        ScalableDimension: 'lambda:function:ProvisionedConcurrency',
        MinCapacity: 0,
        MaxCapacity: 2,
      })]);
    }
  });

  it('raises it at school opening and lowers it to none at closing, on school days in the schools’ time zone', () => {
    const targets = Object.values(provisioned.template.findResources('AWS::ApplicationAutoScaling::ScalableTarget') as Resources);
    for (const { Properties } of targets) {
      expect(Properties.ScheduledActions).toEqual([
        expect.objectContaining({ Schedule: 'cron(30 5 ? * SUN-THU *)', Timezone: 'Asia/Riyadh', ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 2 } }),
        expect.objectContaining({ Schedule: 'cron(0 15 ? * SUN-THU *)', Timezone: 'Asia/Riyadh', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } }),
      ]);
    }
  });

  it('has no warmer', () => {
    provisioned.template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});

describe('no subgraph warmth (-c subgraphWarmth=none)', () => {
  it('has no scalable target and no schedule', () => {
    const { template } = synth('amal', { subgraphWarmth: 'none' });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});

describe('managed instances (-c compute=managed)', () => {
  let managed: ReturnType<typeof synth>;
  beforeAll(() => {
    managed = synth('amal', { compute: 'managed' });
  });
  const apiFunctionIds = ({ stack }: ReturnType<typeof synth>) =>
    [stack.gateway, ...Object.values(stack.subgraphs?.functions ?? {})].map((fn) => logicalId(stack, fn));

  it('runs a capacity provider on ARM64 in the functions’ private subnets behind their security group', () => {
    const { stack, template } = managed;
    template.resourceCountIs('AWS::Lambda::CapacityProvider', 1);
    template.hasResourceProperties('AWS::Lambda::CapacityProvider', {
      VpcConfig: {
        SubnetIds: stack.network.vpc.privateSubnets.map((subnet) => stack.resolve(subnet.subnetId)),
        SecurityGroupIds: [{ 'Fn::GetAtt': [logicalId(stack, stack.node.findChild('FunctionsSecurityGroup')), 'GroupId'] }],
      },
      InstanceRequirements: { Architectures: ['arm64'] },
    });
  });

  it('runs the gateway and every subgraph on it, 16 invocations per 2,048 MB environment, and nothing else', () => {
    const { stack, template } = managed;
    const provider = logicalId(stack, stack.managedInstances!.capacityProvider);
    const functions = template.toJSON().Resources as Resources;
    const api = apiFunctionIds(managed);
    expect(api).toHaveLength(1 + SUBGRAPH_NAMES.length);
    for (const [id, { Properties }] of Object.entries(ourFunctions(template))) {
      if (!api.includes(id)) {
        expect(Properties.CapacityProviderConfig, id).toBeUndefined();
        continue;
      }
      expect(functions[id]!.Properties).toMatchObject({
        MemorySize: 2048,
        Architectures: ['arm64'],
        PublishToLatestPublished: false,
        CapacityProviderConfig: { LambdaManagedInstancesCapacityProviderConfig: {
          CapacityProviderArn: { 'Fn::GetAtt': [provider, 'Arn'] },
          PerExecutionEnvironmentMaxConcurrency: 16,
          ExecutionEnvironmentMemoryGiBPerVCpu: 2,
        } },
      });
      expect(Properties.VpcConfig, id).toBeUndefined();
    }
  });

  it('sizes the MySQL pool of a managed function for the invocations it serves at once', () => {
    const { template } = synth('amal', { compute: 'managed', managedConcurrency: '8' });
    const api = apiFunctionIds(managed);
    for (const [id, { Properties }] of Object.entries(ourFunctions(template))) {
      expect(Properties.Environment.Variables.DATABASE_POOL_SIZE, id).toBe(api.includes(id) ? '16' : '2');
    }
  });

  it('keeps no provisioned concurrency, and invokes the gateway and the subgraphs through their live aliases', () => {
    const { stack, template } = managed;
    for (const { Properties } of Object.values(template.findResources('AWS::Lambda::Alias') as Resources)) {
      expect(Properties.ProvisionedConcurrencyConfig).toBeUndefined();
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: { Ref: logicalId(stack, stack.api.alias) } });
    expect(gatewayVariables(managed).SUBGRAPH_FUNCTION_USERS).toEqual({ Ref: logicalId(stack, stack.subgraphs!.aliases.users) });
  });

  it('deletes a replaced version, whose execution environments would otherwise keep running', () => {
    const versions = Object.values(managed.template.findResources('AWS::Lambda::Version') as Record<string, { DeletionPolicy?: string }>);
    expect(versions).toHaveLength(1 + SUBGRAPH_NAMES.length);
    for (const version of versions) expect(version.DeletionPolicy).toBe('Delete');
  });

  it('has no subgraph warmth', () => {
    managed.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    managed.template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });

  it('runs the gateway alone on it with -c subgraphs=inline', () => {
    const { stack, template } = synth('amal', { compute: 'managed', subgraphs: 'inline' });
    const hosted = Object.entries(ourFunctions(template)).filter(([, { Properties }]) => Properties.CapacityProviderConfig);
    expect(hosted.map(([id]) => id)).toEqual([logicalId(stack, stack.gateway)]);
  });
});

describe('the API', () => {
  it('calls the gateway through an alias with provisioned concurrency', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::Lambda::Alias', {
      FunctionName: { Ref: logicalId(stack, stack.gateway) },
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 1 },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: { Ref: logicalId(stack, stack.api.alias) } });
  });

  it('authorizes every route with a JWT of the user pool issuer, for the apps’ client or the explorer’s', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Issuer: stack.resolve(stack.identity.issuer),
        Audience: [{ Ref: logicalId(stack, stack.identity.client) }, { Ref: logicalId(stack, stack.explorerSignIn.client) }],
      },
    });
    expect(JSON.stringify(stack.resolve(stack.identity.issuer))).toContain(logicalId(stack, stack.identity.userPool));
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources);
    const guarded = routes.filter(({ Properties }) => !(Properties.RouteKey as string).match(/^GET \/(health|ready|explorer)/));
    expect(guarded.length).toBeGreaterThan(0);
    for (const { Properties } of guarded) expect(Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
  });

  it('leaves only the health checks and the explorer’s static files open', () => {
    const routes = Object.values(amal.template.findResources('AWS::ApiGatewayV2::Route') as Resources);
    const open = routes.filter(({ Properties }) => Properties.AuthorizationType !== 'JWT').map(({ Properties }) => Properties.RouteKey).sort();
    expect(open).toEqual(['GET /explorer', 'GET /explorer/{file}', 'GET /health', 'GET /ready']);
  });

  it('lets the gateway check the same issuer and audience as the authorizer', () => {
    const { stack, template } = amal;
    const variables = template.toJSON().Resources[logicalId(stack, stack.gateway)].Properties.Environment.Variables;
    expect(variables.AUTH_ISSUER).toEqual(stack.resolve(stack.identity.issuer));
    expect(variables.AUTH_AUDIENCE).toEqual({ Ref: logicalId(stack, stack.identity.client) });
  });

  it('does not let users write their own user id or role, through any client', () => {
    const clients = Object.values(amal.template.findResources('AWS::Cognito::UserPoolClient') as Resources);
    expect(clients).toHaveLength(2);
    for (const client of clients) {
      expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:user_id', 'custom:role']));
      expect(client.Properties.WriteAttributes).toBeDefined();
      expect(client.Properties.WriteAttributes).not.toContain('custom:user_id');
      expect(client.Properties.WriteAttributes).not.toContain('custom:role');
    }
  });

  it('throttles its stage at the app’s default rate and burst', () => {
    const { rateLimit, burstLimit } = API_THROTTLE_DEFAULTS.amal;
    amal.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
    });
  });

  it('takes its stage throttling from -c apiThrottleRate and -c apiThrottleBurst', () => {
    const { template } = synth('amal', { apiThrottleRate: '50', apiThrottleBurst: '80' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80 } });
  });

  it('answers CORS for the origins of -c corsOrigins: the headers Apollo clients send, no credentials', () => {
    const { template } = synth('amal', { corsOrigins: 'https://app.example.com,https://admin.example.com' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://app.example.com', 'https://admin.example.com'],
        AllowMethods: ['GET', 'POST', 'OPTIONS'],
        AllowHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name', 'apollographql-client-version'],
        ExposeHeaders: ['retry-after'],
        MaxAge: 7200,
        AllowCredentials: false,
      },
    });
  });

  it('takes preflights past the JWT authorizer, which would refuse them for carrying no token', () => {
    const { template } = synth('amal', { corsOrigins: 'https://app.example.com' });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources).map(({ Properties }) => Properties);
    const preflights = routes.filter(({ RouteKey }) => String(RouteKey).startsWith('OPTIONS '));
    expect(preflights.map(({ RouteKey }) => RouteKey).sort()).toEqual(['OPTIONS /', 'OPTIONS /{proxy+}']);
    for (const route of preflights) expect(route.AuthorizationType).toBe('NONE');
  });

  it('answers no CORS when the app lists no origin, so browsers on other origins are refused', () => {
    const { template } = synth('amal', { corsOrigins: '' });
    const [api] = Object.values(template.findResources('AWS::ApiGatewayV2::Api') as Resources);
    expect(api?.Properties.CorsConfiguration).toBeUndefined();
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources);
    expect(routes.filter(({ Properties }) => String(Properties.RouteKey).startsWith('OPTIONS '))).toEqual([]);
  });

  it('alarms on 5xx responses', () => {
    amal.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Statistic: 'Sum' });
  });

  it('alarms on p99 latency', () => {
    amal.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99' });
  });

  it('logs each request to an access log kept a month, with no caller address, query, token or claim', () => {
    const { stack, template } = amal;
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage') as Resources);
    const { DestinationArn, Format } = stage!.Properties.AccessLogSettings;
    expect(DestinationArn).toEqual(stack.resolve(stack.api.accessLog.logGroupArn));
    expect(template.toJSON().Resources[logicalId(stack, stack.api.accessLog)].Properties.RetentionInDays).toBe(30);
    const fields = JSON.parse(Format as string) as Record<string, string>;
    expect(fields).toEqual(ACCESS_LOG_FORMAT);
    expect(fields.requestId).toBe('$context.requestId');
    expect(Object.values(fields).filter((variable) => /identity|sourceIp|querystring|claims|jwt|header/i.test(variable))).toEqual([]);
  });
});

/** The properties of a construct's CloudFormation resource. */
const propertiesOf = ({ stack, template }: ReturnType<typeof synth>, construct: IConstruct): Record<string, any> =>
  template.toJSON().Resources[logicalId(stack, construct)].Properties;

describe('the explorer’s sign-in', () => {
  it('gives the user pool a hosted sign-in domain of the app and account', () => {
    const { stack } = amal;
    expect(propertiesOf(amal, stack.explorerSignIn.domain)).toMatchObject({
      UserPoolId: { Ref: logicalId(stack, stack.identity.userPool) },
      Domain: { 'Fn::Join': ['', ['learning-graph-amal-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 1,
    });
  });

  it('gives the explorer a client of its own: the code flow, no secret, the scopes the explorer asks for, the pool’s own sign-in page', () => {
    const client = propertiesOf(amal, amal.stack.explorerSignIn.client);
    expect(client).toMatchObject({ AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: ['COGNITO'], EnableTokenRevocation: true });
    expect(client.GenerateSecret ?? false).toBe(false);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(SCOPES.split(' ').sort());
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client).toMatchObject({ IdTokenValidity: 60, RefreshTokenValidity: 720 });
  });

  it('returns sign-ins and sign-outs to the explorer on the API’s URL', () => {
    const { stack } = amal;
    const client = propertiesOf(amal, stack.explorerSignIn.client);
    const explorer = stack.resolve(stack.api.explorerUrl);
    expect(JSON.stringify(explorer)).toContain(logicalId(stack, stack.api.httpApi));
    expect(JSON.stringify(explorer)).toMatch(/\/explorer"\]\]\}$/);
    expect(client.CallbackURLs).toEqual([explorer]);
    expect(client.LogoutURLs).toEqual([explorer]);
  });

  it('returns them to the custom domain when one is configured, which the API answers on', () => {
    const custom = synth('amal', CUSTOM_DOMAIN);
    const client = propertiesOf(custom, custom.stack.explorerSignIn.client);
    expect(client.CallbackURLs).toEqual(['https://api.amal.example.com/explorer']);
    expect(client.LogoutURLs).toEqual(['https://api.amal.example.com/explorer']);
    custom.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.amal.example.com',
      DomainNameConfigurations: [{ CertificateArn: CUSTOM_DOMAIN.apiCertificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    custom.template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiId: { Ref: logicalId(custom.stack, custom.stack.api.httpApi) }, Stage: '$default' });
  });

  it('tells the gateway the explorer’s client and the sign-in domain', () => {
    const { stack } = amal;
    const variables = gatewayVariables(amal);
    expect(variables.EXPLORER_CLIENT_ID).toEqual({ Ref: logicalId(stack, stack.explorerSignIn.client) });
    expect(variables.EXPLORER_SIGN_IN_DOMAIN).toEqual(stack.resolve(stack.explorerSignIn.domain.baseUrl()));
    expect(JSON.stringify(variables.EXPLORER_SIGN_IN_DOMAIN)).toContain('.auth.');
  });

  it('leaves the apps’ client without the hosted sign-in: no OAuth flow, no callback', () => {
    const apps = propertiesOf(amal, amal.stack.identity.client);
    expect(apps.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(apps.AllowedOAuthFlows).toBeUndefined();
    expect(apps.CallbackURLs).toBeUndefined();
  });
});

describe('the data stores', () => {
  it('run MySQL 8 behind an RDS Proxy that logs in with a Secrets Manager secret', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'mysql', EngineVersion: Match.stringLikeRegexp('^8\\.') });
    template.hasResourceProperties('AWS::RDS::DBProxy', {
      EngineFamily: 'MYSQL',
      RequireTLS: true,
      Auth: [Match.objectLike({ AuthScheme: 'SECRETS', SecretArn: stack.resolve(stack.database.instance.secret!.secretArn) })],
    });
    template.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', { DBInstanceIdentifiers: [{ Ref: logicalId(stack, stack.database.instance) }] });
  });

  it('keep MySQL in the isolated subnets', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: stack.network.vpc.isolatedSubnets.map((subnet) => stack.resolve(subnet.subnetId)),
    });
  });

  it('keep Redis in the isolated subnets', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      SubnetIds: stack.network.vpc.isolatedSubnets.map((subnet) => stack.resolve(subnet.subnetId)),
    });
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      CacheSubnetGroupName: { Ref: logicalId(stack, stack.cache.subnetGroup) },
      TransitEncryptionEnabled: true,
    });
  });
});

describe('the network', () => {
  it('logs every flow of the VPC, accepted or rejected, to a log group kept a month', () => {
    const { stack, template } = amal;
    const [flowLog, ...others] = Object.values(template.findResources('AWS::EC2::FlowLog') as Resources).map(({ Properties }) => Properties);
    expect(others).toEqual([]);
    expect(flowLog).toMatchObject({ ResourceId: stack.resolve(stack.network.vpc.vpcId), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    const group = template.toJSON().Resources[flowLog!.LogGroupName.Ref];
    expect(group.Properties.RetentionInDays).toBe(30);
  });
});

describe('the analytics pipeline', () => {
  it('moves an event to the dead-letter queue after 5 failed receives', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: stack.resolve(stack.analytics.events.deadLetters.queueArn), maxReceiveCount: 5 },
    });
  });

  it('alarms as soon as the dead-letter queue holds a message', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: stack.resolve(stack.analytics.events.deadLetters.queueName) }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('reports batch item failures from the consumer event source', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, stack.analytics.consumer) },
      EventSourceArn: stack.resolve(stack.analytics.events.queue.queueArn),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('has the analytics subgraph enqueue to SQS, with the right to send', () => {
    const { stack, template } = amal;
    const analytics = stack.subgraphs!.functions.analytics;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'analytics subgraph',
      Environment: { Variables: Match.objectLike({ ANALYTICS_QUEUE: 'sqs', ANALYTICS_QUEUE_URL: stack.resolve(stack.analytics.events.queue.queueUrl) }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(analytics.role!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: stack.resolve(stack.analytics.events.queue.queueArn) })]) },
    });
  });

  it('gives the consumer the lake and the attempt limit of the queue', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Description: Match.stringLikeRegexp('^Applies queued analytics events'),
      Environment: { Variables: Match.objectLike({ ANALYTICS_LAKE: 'firehose', ANALYTICS_MAX_ATTEMPTS: '5', ANALYTICS_DELIVERY_STREAM: stack.resolve(stack.analytics.lake.deliveryStream.ref) }) },
    });
  });

  it('writes raw events to S3 under app=<app>/dt=<day>/', () => {
    amal.template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({ Prefix: Match.stringLikeRegexp('app=amal/dt=') }),
    });
  });

  it('projects the Glue table partitions from the same path', () => {
    amal.template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        PartitionKeys: [{ Name: 'app', Type: 'string' }, { Name: 'dt', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.app.values': 'amal',
          'storage.location.template': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/events/app=${app}/dt=${dt}/'])] }),
        }),
      }),
    });
  });

  it('keeps a Glue table over the erasure’s tombstones, its app partition projected from their path', () => {
    amal.template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'tombstones',
        PartitionKeys: [{ Name: 'app', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.app.values': 'amal',
          'storage.location.template': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/events/tombstones/app=${app}/'])] }),
        }),
        StorageDescriptor: Match.objectLike({ Columns: [Match.objectLike({ Name: 'user_id', Type: 'bigint' }), Match.objectLike({ Name: 'erased_at', Type: 'string' })] }),
      }),
    });
  });

  it('gives analysts the events_kept view, every event column but none of a person with a tombstone', () => {
    const views = Object.values(amal.template.findResources('AWS::Glue::Table', { Properties: { TableInput: { TableType: 'VIRTUAL_VIEW' } } }) as Resources);
    expect(views.map((view) => view.Properties.TableInput.Name)).toEqual(['events_kept']);
    const { TableInput } = views[0]!.Properties;
    const [, encoded] = /^\/\* Presto View: (\S+) \*\/$/.exec(TableInput.ViewOriginalText as string)!;
    const definition = JSON.parse(Buffer.from(encoded!, 'base64').toString('utf8')) as { originalSql: string; schema: string; columns: { name: string }[] };
    const events = Object.values(amal.template.findResources('AWS::Glue::Table', { Properties: { TableInput: { Name: 'events' } } }) as Resources)[0]!.Properties.TableInput;
    expect(definition.schema).toBe('learning_graph_amal');
    expect(definition.columns.map((column) => column.name)).toEqual([...events.StorageDescriptor.Columns.map((column: { Name: string }) => column.Name), 'app', 'dt']);
    expect(definition.originalSql).toMatch(/FROM "learning_graph_amal"\."events" e WHERE NOT EXISTS \(SELECT 1 FROM "learning_graph_amal"\."tombstones" t WHERE t\.app = e\.app AND t\.user_id = e\.user_id\)$/);
    expect(TableInput.StorageDescriptor.Columns.map((column: { Name: string }) => column.Name)).toEqual(definition.columns.map((column) => column.name));
  });

  it('lets the datarights function put tombstones into the lake bucket, under the app’s tombstones prefix only', () => {
    const { stack, template } = amal;
    const datarights = stack.subgraphs!.functions.datarights;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'datarights subgraph',
      Environment: { Variables: Match.objectLike({ ANALYTICS_LAKE: 'firehose', ANALYTICS_LAKE_BUCKET: stack.resolve(stack.analytics.lake.bucket.bucketName), ANALYTICS_LAKE_PREFIX: 'events/' }) },
    });
    const [, , put] = lakeDataRights(stack.resolve(stack.analytics.lake.bucket.bucketArn));
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(datarights.role!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(put!)]) },
    });
  });

  it('lets the datarights function list and read the app’s events in the lake bucket, for a child’s export, and nothing else of it', () => {
    const { stack, template } = amal;
    const datarights = stack.subgraphs!.functions.datarights;
    const [list, read] = lakeDataRights(stack.resolve(stack.analytics.lake.bucket.bucketArn));
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(datarights.role!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(list!), Match.objectLike(read!)]) },
    });
  });

  it('lets Firehose write only under its events and errors prefixes, and delete nothing', () => {
    const { stack, template } = amal;
    const bucketArn = stack.resolve(stack.analytics.lake.bucket.bucketArn);
    const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources)
      .filter(({ Properties }) => JSON.stringify(Properties.Roles).includes('DeliveryRole'))
      .flatMap(({ Properties }) => Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter(({ Action }) => [Action].flat().some((action) => action.startsWith('s3:')));
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucketArn },
      { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: ['errors', 'events'].map((prefix) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}/app=amal/*`]] })) },
    ]);
  });

  it('logs every request to the lake to a bucket of its own that expires the logs', () => {
    const { stack, template } = amal;
    const logs = logicalId(stack, stack.analytics.lake.accessLogs);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 'lake/' },
    });
    const bucket = template.toJSON().Resources[logs].Properties;
    expect(bucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })]);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  });

  it('reads every field of a lake record into a column of the events table, by its JSON name', () => {
    // Every field set, as the consumer writes it: a field added to the record must be added here and to the table.
    const record: Required<LakeRecord> = {
      userId: 1, clientEventId: 'device-1:1', type: 'ANSWER_SUBMITTED', occurredAt: '2026-01-01T08:00:00.000Z', durationMs: 1_000,
      conceptId: 2, contentByteId: 3, correct: true, attributes: { screen: 'review' },
      sentAt: '2026-01-01T08:00:01.000Z', receivedAt: '2026-01-01T08:00:02.000Z', correctedAt: '2026-01-01T08:00:01.000Z', clockClamped: 'past',
    };
    const events = Object.values(amal.template.findResources('AWS::Glue::Table', { Properties: { TableInput: { Name: 'events' } } }) as Resources)[0]!.Properties.TableInput;
    const mappings = events.StorageDescriptor.SerdeInfo.Parameters as Record<string, string>;
    expect(Object.keys(mappings)).toEqual(events.StorageDescriptor.Columns.map((column: { Name: string }) => `mapping.${column.Name}`));
    expect(Object.values(mappings).sort()).toEqual(Object.keys(JSON.parse(JSON.stringify(record)) as object).map((field) => field.toLowerCase()).sort());
  });

  it('keeps the logical ids its stateful resources were deployed with: a new one would replace them', () => {
    // Queues, buckets, the stream, the named Glue tables and workgroup, and the consumer's event source mapping (Lambda refuses a second one for the same queue and function).
    const deployed = [
      'AnalyticsEventsDFD3F498', 'AnalyticsDeadLetters43C975F1', 'AnalyticsLake8AEC7D4C', 'AnalyticsLakeAccessLogsC952DD83', 'AnalyticsDelivery1C38B385',
      'AnalyticsDeliveryLogsFA5EC910', 'AnalyticsGlueDatabase969C185B', 'AnalyticsEventsTable97B44D9C', 'AnalyticsTombstonesTableDF7E2D5F',
      'AnalyticsEventsKeptView21E8F283', 'AnalyticsWorkGroup1F3DE8A4', 'AnalyticsConsumerSqsEventSourceLearningGraphamalAnalyticsEventsB60E2B87F971D921',
    ];
    expect(Object.keys(amal.template.toJSON().Resources as object)).toEqual(expect.arrayContaining(deployed));
  });

  it('gives Athena a workgroup with its result location in the lake', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'learning-graph-amal',
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: Match.objectLike({ OutputLocation: stack.resolve(stack.analytics.lake.bucket.s3UrlForObject('athena-results/')) }),
      }),
    });
  });
});

describe('the alarms', () => {
  it('all notify the alarm topic', () => {
    const { stack, template } = amal;
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Resources);
    expect(alarms).toHaveLength(3);
    for (const { Properties } of alarms) expect(Properties.AlarmActions).toEqual([{ Ref: logicalId(stack, stack.alarmTopic) }]);
  });

  it('go to a topic that refuses publishers without TLS', () => {
    const { stack, template } = amal;
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(stack, stack.alarmTopic) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

/** cdk-nag's AwsSolutions findings (errors and warnings) that no acknowledgment in the constructs answers. */
function unacknowledgedNagFindings(stack: Stack): string[] {
  const { violations } = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
  return violations.flatMap(({ ruleName, severity, description, violatingResources }) =>
    violatingResources.map(({ constructPath }) => `${severity} ${ruleName} ${constructPath}: ${description}`));
}

/** Every rule acknowledged on a construct of `stack`, with its reason (Validations' metadata). */
function acknowledgments(stack: Stack): { path: string; id: string; reason: string }[] {
  return stack.node.findAll().flatMap((construct) => construct.node.metadata
    .filter(({ type }) => type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(({ data }) => Object.entries(data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))));
}

describe('cdk-nag AwsSolutions', () => {
  // Every deployment the specs above synthesize: both apps, each topology, warmth and compute.
  const deployments: { name: string; app: AppName; context: Record<string, string> }[] = [
    { name: 'amal, the defaults (subgraph functions with the warmer)', app: 'amal', context: {} },
    { name: 'thurayya, the defaults', app: 'thurayya', context: {} },
    { name: '-c subgraphs=inline', app: 'amal', context: { subgraphs: 'inline' } },
    { name: '-c subgraphWarmth=provisioned', app: 'amal', context: { subgraphWarmth: 'provisioned', subgraphProvisionedConcurrency: '2' } },
    { name: '-c subgraphWarmth=warmer', app: 'amal', context: { subgraphWarmth: 'warmer', warmerConcurrency: '6' } },
    { name: '-c subgraphWarmth=none', app: 'amal', context: { subgraphWarmth: 'none' } },
    { name: '-c compute=managed', app: 'amal', context: { compute: 'managed' } },
    { name: '-c compute=managed -c subgraphs=inline', app: 'amal', context: { compute: 'managed', subgraphs: 'inline' } },
    { name: '-c corsOrigins (its preflight routes)', app: 'amal', context: { corsOrigins: 'https://app.example.com' } },
    { name: '-c apiDomain (a custom domain)', app: 'amal', context: CUSTOM_DOMAIN },
  ];

  it.each(deployments)('leaves no error or warning unacknowledged: $name', ({ app, context }) => {
    const { stack } = synth(app, context);
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });

  it('reports what a construct added to our stack gets wrong, down to the wildcard', () => {
    // The check is live on our construct tree: a bucket without access logs, a grant beyond the ones acknowledged.
    const { stack } = synth('amal');
    const unlogged = new s3.Bucket(stack, 'Unlogged', { enforceSSL: true });
    unlogged.grantRead(stack.gateway);
    stack.analytics.lake.bucket.grantRead(stack.subgraphs!.functions.datarights, 'errors/*');
    const findings = unacknowledgedNagFindings(stack);
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^error AwsSolutions-S1 LearningGraph-amal\/Unlogged\/Resource: /),
      expect.stringMatching(/^error AwsSolutions-IAM5\[Action::s3:GetObject\*\] LearningGraph-amal\/Gateway\/ServiceRole\/DefaultPolicy\/Resource: /),
      expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::<AnalyticsLake\w+\.Arn>\/errors\/\*\] LearningGraph-amal\/Subgraphs\/datarights\/ServiceRole\/DefaultPolicy\/Resource: /),
    ]));
    expect(findings.filter((finding) => !/Unlogged|GetObject\*|GetBucket\*|List\*|errors\/\*/.test(finding))).toEqual([]);
  });

  it('gives each acknowledgment a reason, in the construct it concerns, never the whole stack', () => {
    const all = deployments.flatMap(({ app, context }) => acknowledgments(synth(app, context).stack)).filter(({ id }) => id.includes('AwsSolutions-'));
    expect(all.length).toBeGreaterThan(0);
    for (const { path, id, reason } of all) {
      expect(id, path).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(path, id).toMatch(/^LearningGraph-\w+\/./);
      expect(reason.length, `${path} ${id}`).toBeGreaterThanOrEqual(60);
    }
    // IAM5 (wildcards) is acknowledged finding by finding, never as a whole rule.
    expect(all.filter(({ id }) => /AwsSolutions-IAM[45]$/.test(id.replace(/^annotation::/i, '')))).toEqual([]);
  });
});

describe('two apps', () => {
  it('synthesize two independent stacks with their own names and prefixes', () => {
    expect(amal.stack.stackName).toBe('LearningGraph-amal');
    expect(thurayya.stack.stackName).toBe('LearningGraph-thurayya');
    for (const [{ template }, app] of [[amal, 'amal'], [thurayya, 'thurayya']] as const) {
      expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        ExtendedS3DestinationConfiguration: Match.objectLike({ Prefix: `events/app=${app}/dt=!{partitionKeyFromQuery:dt}/` }),
      });
      template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: `learning_graph_${app}` }) });
      template.hasResourceProperties('AWS::Athena::WorkGroup', { Name: `learning-graph-${app}` });
      for (const { Properties } of Object.values(ourFunctions(template))) expect(Properties.Environment.Variables.APP_NAME).toBe(app);
    }
  });

  it('refuses an app outside the allowlist with a message naming the allowed ones', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./app.ts', import.meta.url))], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ app: 'nope' }), CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'lg-cdk-')) },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Unknown app "nope": choose it with -c app=<name>, one of amal, thurayya');
  });
});
