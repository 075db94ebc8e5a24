import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ManagedInstancesProps {
  readonly vpc: ec2.IVpc;
  /** The functions' security group, the one the database and the cache admit. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Invocations one execution environment serves at once (PerExecutionEnvironmentMaxConcurrency). */
  readonly perEnvironmentConcurrency: number;
}

/**
 * Lambda's smallest managed execution environment: 2 GiB with 2 GiB per vCPU, so one vCPU and one
 * Node worker thread. On Lambda's own fleet 1,024 MB buys 0.58 of a vCPU; here a function gets a
 * whole one and shares it between its concurrent invocations.
 */
export const MANAGED_MEMORY_MB = 2048;
const MEMORY_GIB_PER_VCPU = 2;

/**
 * Connections of one execution environment's MySQL pool: the two an invocation may use at once on
 * Lambda's own fleet (DataLoader batches run side by side), for each invocation it serves at once.
 * RDS Proxy multiplexes them onto few database connections.
 */
export const managedDatabasePoolSize = (perEnvironmentConcurrency: number) => 2 * perEnvironmentConcurrency;

/**
 * Lambda Managed Instances for the API functions: a capacity provider that runs them on Graviton
 * EC2 instances Lambda launches, patches and scales in the VPC's private subnets, behind the
 * functions' security group (so the database and the cache admit them as before). One process
 * serves several invocations at once (ARCHITECTURE.md 11: handlers are safe for it), and its
 * environments stay started: no cold starts, no provisioned concurrency.
 *
 * A function placed here ({@link host}) gets the memory and architecture the provider requires,
 * its VPC placement from the provider (none of its own), a MySQL pool sized for its concurrency,
 * and versions only where the stack publishes them (its `live` alias): not `$LATEST.PUBLISHED`
 * too, which would start a second set of environments. The capacity provider is the isolation
 * boundary between the functions it runs, which are all this app's.
 */
export class ManagedInstances extends Construct {
  readonly capacityProvider: lambda.CapacityProvider;
  readonly perEnvironmentConcurrency: number;

  constructor(scope: Construct, id: string, props: ManagedInstancesProps) {
    super(scope, id);
    this.perEnvironmentConcurrency = props.perEnvironmentConcurrency;
    this.capacityProvider = new lambda.CapacityProvider(this, 'CapacityProvider', {
      subnets: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets,
      securityGroups: [props.securityGroup],
      // The functions are ARM64; the provider's instances must be too.
      architectures: [lambda.Architecture.ARM_64],
    });
    // cdk-nag AwsSolutions (infra/stack.test.ts).
    Validations.of(this.capacityProvider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator]',
      reason: 'The operator role Lambda assumes to launch and manage the provider\'s instances takes the AWS-maintained policy Lambda Managed Instances is documented with, which follows the service\'s changes',
    });
  }

  /** Runs `fn` on the capacity provider. `fn` must have been built with {@link MANAGED_MEMORY_MB} and no VPC of its own. */
  host(fn: lambda.Function): void {
    this.capacityProvider.addFunction(fn, {
      perExecutionEnvironmentMaxConcurrency: this.perEnvironmentConcurrency,
      executionEnvironmentMemoryGiBPerVCpu: MEMORY_GIB_PER_VCPU,
      publishToLatestPublished: false,
    });
    fn.addEnvironment('DATABASE_POOL_SIZE', String(managedDatabasePoolSize(this.perEnvironmentConcurrency)));
  }
}
