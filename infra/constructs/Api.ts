import { Duration, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Identity } from './Identity.js';
import { DEFAULT_API_THROTTLE, type ApiThrottle, type CustomDomain } from '../deployment.js';
import { EXPLORER_PATH } from '../../gateway/explorer/routes.js';
import { CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS } from '../../runtime/serve/cors.js';

export interface ApiProps {
  /** The gateway function; the API calls its `live` alias. */
  readonly gateway: lambda.Function;
  readonly identity: Identity;
  /** Gateway containers kept initialised on the alias (0: none, every container starts cold). @default 1 */
  readonly provisionedConcurrency?: number;
  /** The p99 latency, over 5 minutes, above which the latency alarm fires. @default Duration.seconds(2) */
  readonly p99LatencyThreshold?: Duration;
  /** 5xx responses in 5 minutes above which the error alarm fires. @default 5 */
  readonly serverErrorThreshold?: number;
  /** The stage's throttling, all callers together: 429 beyond it, before the gateway runs. @default DEFAULT_API_THROTTLE */
  readonly throttle?: ApiThrottle;
  /** Browser origins that may call the API, exact; API Gateway answers their preflights. @default none: no CORS */
  readonly corsOrigins?: readonly string[];
  /** How long the stage's access log is kept. @default logs.RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: logs.RetentionDays;
  /** A domain of the deployment's own for the API, with its ACM certificate (in the stack's region). @default none: the API's execute-api URL */
  readonly customDomain?: CustomDomain;
}

/**
 * One JSON line per request in the stage's access log: enough to follow a request into the
 * gateway's logs (requestId) and to see what API Gateway itself refused (authorizer, throttle,
 * integration errors). No caller address, query string, token or claim: a log line holds no
 * personal data (docs/SECURITY.md).
 */
export const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
} as const;

/**
 * The public door: an HTTP API whose every route requires a valid token of the user pool (a JWT
 * authorizer with the pool's issuer and its clients as audience: the apps', the explorer's), in front of the gateway's
 * `live` alias with provisioned concurrency, except the GETs of OPEN_PATHS (health checks and the
 * explorer's static page, which hold no data). Its stage throttles every route (rate and burst),
 * the floor that holds when the gateway's own per-caller limits cannot (Redis down: they fail
 * open). Browser apps on the deployment's origins may call it (CORS, answered by API Gateway). It
 * owns its alarms: 5xx responses and p99 latency.
 */
/**
 * Answered by the gateway Lambda without a token: health (runtime/serve/health.ts) and the explorer's
 * static files (no schema, no data: introspection itself stays admin-only).
 */
export const OPEN_PATHS = ['/health', '/ready', '/explorer', '/explorer/{file}'] as const;

/**
 * Preflights carry no token, and `$default`'s JWT authorizer would refuse them: these OPTIONS routes
 * take them without one (`/{proxy+}` does not match the root). API Gateway answers them itself.
 */
export const PREFLIGHT_PATHS = ['/', '/{proxy+}'] as const;

export class Api extends Construct {
  readonly alias: lambda.Alias;
  readonly httpApi: apigw.HttpApi;
  /** The stage's access log: a line of ACCESS_LOG_FORMAT per request. */
  readonly accessLog: logs.LogGroup;
  readonly serverErrorAlarm: cloudwatch.Alarm;
  readonly latencyAlarm: cloudwatch.Alarm;
  /** The custom domain, when one is configured; its `regionalDomainName` is what its DNS record points at. */
  readonly domainName: apigw.DomainName | undefined;
  /** Where admins open the explorer: on the custom domain when there is one. */
  readonly explorerUrl: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { identity, provisionedConcurrency = 1 } = props;
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: 'live',
      version: props.gateway.currentVersion,
      provisionedConcurrentExecutions: provisionedConcurrency > 0 ? provisionedConcurrency : undefined,
    });
    const integration = new HttpLambdaIntegration('Gateway', this.alias);
    this.domainName = props.customDomain && new apigw.DomainName(this, 'Domain', {
      domainName: props.customDomain.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    this.httpApi = new apigw.HttpApi(this, 'Http', {
      description: 'GraphQL gateway',
      defaultIntegration: integration,
      defaultAuthorizer: new HttpJwtAuthorizer('UserPool', identity.issuer, { jwtAudience: identity.audiences }),
      corsPreflight: props.corsOrigins?.length ? corsPreflight(props.corsOrigins) : undefined,
      defaultDomainMapping: this.domainName && { domainName: this.domainName },
    });
    this.explorerUrl = `${props.customDomain ? `https://${props.customDomain.domainName}` : this.httpApi.apiEndpoint}${EXPLORER_PATH}`;
    // HttpApi builds its $default stage without throttle options; CloudFormation takes them on the stage.
    const { rateLimit, burstLimit } = props.throttle ?? DEFAULT_API_THROTTLE;
    const stage = this.httpApi.defaultStage!.node.defaultChild as apigw.CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit };
    this.accessLog = new logs.LogGroup(this, 'AccessLog', { retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH });
    stage.accessLogSettings = { destinationArn: this.accessLog.logGroupArn, format: JSON.stringify(ACCESS_LOG_FORMAT) };
    for (const path of OPEN_PATHS) {
      for (const route of this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod.GET], integration, authorizer: new apigw.HttpNoneAuthorizer() })) {
        // cdk-nag AwsSolutions (infra/stack.test.ts).
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Open by design (OPEN_PATHS): the health checks and the explorer\'s static files, which hold no data; the explorer\'s queries go to the authorized routes, and introspection stays admin-only',
        });
      }
    }
    if (props.corsOrigins?.length) {
      for (const path of PREFLIGHT_PATHS) {
        for (const route of this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod.OPTIONS], integration, authorizer: new apigw.HttpNoneAuthorizer() })) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: 'CORS preflights carry no token by the Fetch standard, and API Gateway answers them itself (they never reach the gateway)',
          });
        }
      }
    }

    this.serverErrorAlarm = new cloudwatch.Alarm(this, 'ServerErrors', {
      alarmDescription: 'The API answers with 5xx errors.',
      metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: props.serverErrorThreshold ?? 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.latencyAlarm = new cloudwatch.Alarm(this, 'P99Latency', {
      alarmDescription: 'The API is slow for 1 request in 100.',
      metric: this.httpApi.metricLatency({ period: Duration.minutes(5), statistic: 'p99' }),
      threshold: (props.p99LatencyThreshold ?? Duration.seconds(2)).toMilliseconds(),
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  get url(): string {
    return this.httpApi.apiEndpoint;
  }

}

/** The same answer as the local front's (runtime/serve/cors.ts), without credentials: tokens are bearer headers. */
function corsPreflight(origins: readonly string[]): apigw.CorsPreflightOptions {
  return {
    allowOrigins: [...origins],
    allowMethods: CORS_ALLOWED_METHODS.map((method) => apigw.CorsHttpMethod[method]),
    allowHeaders: [...CORS_ALLOWED_HEADERS],
    exposeHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
    allowCredentials: false,
  };
}
