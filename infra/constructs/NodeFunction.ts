import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { BundleName } from '../bundles.js';
import { MANAGED_MEMORY_MB, type ManagedInstances } from './ManagedInstances.js';

/** The memory of every function of the stack (docs/DEPLOY.md prices it). */
export const DEFAULT_MEMORY_MB = 1024;

/** What every function of the stack shares: where the bundles are, the network, the app's settings. */
export interface FunctionDefaults {
  /** Directory with one folder per bundle, `<bundleDir>/<bundle>/index.mjs` (what `npm run build` writes to dist/). */
  readonly bundleDir: string;
  readonly vpc: ec2.IVpc;
  /** The security group the database and the cache admit. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Environment variables of every function (runtime/config.ts reads them). */
  readonly environment: Record<string, string>;
}

export interface NodeFunctionProps extends FunctionDefaults {
  readonly bundle: BundleName;
  /** The export of index.mjs to call. @default 'handler' */
  readonly handler?: string;
  /** @default Duration.seconds(15) */
  readonly timeout?: Duration;
  /** Also buys CPU: Apollo's cold start is CPU-bound. @default DEFAULT_MEMORY_MB */
  readonly memorySize?: number;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** Variables of this function only, over the shared ones. @default none */
  readonly extraEnvironment?: Record<string, string>;
  readonly description?: string;
  /** Run on these managed instances instead of Lambda's own fleet (then with their memory, and their VPC placement). @default Lambda's fleet */
  readonly managedInstances?: ManagedInstances;
}

/** The AWS managed policies Lambda gives the role it creates for a function: logs, and its network interfaces in the VPC. */
const LAMBDA_BASIC_EXECUTION = 'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const LAMBDA_VPC_ACCESS = 'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole';

/**
 * A Lambda function running one of our esbuild bundles, with what every function must have:
 * - ARM64 (Graviton: cheaper per millisecond; the bundles are plain JavaScript),
 * - Node 24 (`nodejs24.x`: it starts the bundles faster than Node 22; docs/PERFORMANCE.md), with
 *   source maps applied to stack traces,
 * - X-Ray tracing active, and its bundle's name as the Powertools service of its logs and metrics,
 * - its own log group with a retention (Lambda's default group keeps logs forever),
 * - a timeout, and a place in the VPC's private subnets behind the functions' security group
 *   (on managed instances, the capacity provider's place: the same subnets and group).
 */
export class NodeFunction extends lambda.Function {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const managed = props.managedInstances;
    super(scope, id, {
      code: lambda.Code.fromAsset(join(props.bundleDir, props.bundle)),
      handler: `index.${props.handler ?? 'handler'}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(15),
      memorySize: managed ? MANAGED_MEMORY_MB : props.memorySize ?? DEFAULT_MEMORY_MB,
      description: props.description,
      logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH }),
      ...(managed ? {} : { vpc: props.vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups: [props.securityGroup] }),
      // A managed version keeps its execution environments running until it is deleted: delete the replaced ones.
      currentVersionOptions: managed ? { removalPolicy: RemovalPolicy.DESTROY } : undefined,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // The `service` of its log lines and metrics (runtime/observability/telemetry.ts).
        POWERTOOLS_SERVICE_NAME: props.bundle,
        ...props.environment,
        ...props.extraEnvironment,
      },
    });
    managed?.host(this);

    // cdk-nag AwsSolutions (infra/stack.test.ts checks every deployment): what every function keeps, and why.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs24.x pinned on purpose, not NODEJS_LATEST: the bundles and the cold-start figures are built and measured on the Node the `node` devDependency ships; a newer runtime is a decision of its own, made with those measured again',
    });
    Validations.of(this.role!).acknowledge(
      {
        id: `AwsSolutions-IAM4[Policy::${LAMBDA_BASIC_EXECUTION}]`,
        reason: 'The AWS-maintained minimum Lambda needs to write the function\'s logs (CloudWatch Logs only); it follows Lambda\'s changes, which a copy of ours would not',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray\'s PutTraceSegments and PutTelemetryRecords (tracing ACTIVE) take no resource: IAM allows them only on *. The stack spec checks that * goes with no other action',
      },
    );
    if (!managed) {
      Validations.of(this.role!).acknowledge({
        id: `AwsSolutions-IAM4[Policy::${LAMBDA_VPC_ACCESS}]`,
        reason: 'The AWS-maintained minimum Lambda needs to create and delete the function\'s network interfaces in the VPC; Lambda checks for exactly these permissions when it places the function',
      });
    }
  }
}
