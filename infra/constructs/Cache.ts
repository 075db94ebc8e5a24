import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { Construct } from 'constructs';

export interface CacheProps {
  readonly vpc: ec2.IVpc;
  /** @default 'cache.t4g.small' */
  readonly nodeType?: string;
  /** Read replicas in other AZs; with one or more, a failed primary fails over. @default 1 */
  readonly replicas?: number;
}

/**
 * Redis on ElastiCache in the VPC's isolated subnets, encrypted in transit and at rest, open only to
 * the security groups granted `connections.allowDefaultPortFrom`.
 */
export class Cache extends Construct implements ec2.IConnectable {
  readonly connections: ec2.Connections;
  readonly subnetGroup: elasticache.CfnSubnetGroup;
  /** REDIS_URL for the functions (`rediss:` is TLS for ioredis). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: props.vpc, allowAllOutbound: false, description: 'Redis' });
    this.connections = new ec2.Connections({ securityGroups: [securityGroup], defaultPort: ec2.Port.tcp(6379) });
    this.subnetGroup = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Isolated subnets of the cache',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: 'Two-tier cache (L2), persisted-query cache and analytics stream',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.nodeType ?? 'cache.t4g.small',
      numCacheClusters: 1 + replicas,
      automaticFailoverEnabled: replicas > 0,
      multiAzEnabled: replicas > 0,
      cacheSubnetGroupName: this.subnetGroup.ref,
      securityGroupIds: [securityGroup.securityGroupId],
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
    });
    this.url = `rediss://${redis.attrPrimaryEndPointAddress}:${redis.attrPrimaryEndPointPort}`;

    // cdk-nag AwsSolutions (infra/stack.test.ts).
    Validations.of(redis).acknowledge(
      {
        id: 'AwsSolutions-AEC5',
        reason: 'Redis keeps 6379: the group is in isolated subnets and admits only the functions\' security group, so another port would hide nothing, and changing it replaces the group',
      },
      {
        id: 'AwsSolutions-AEC6',
        reason: 'No AUTH token yet: the group admits only the functions\' security group, over TLS, in subnets with no route to the internet. A token would be one more secret deployed into every function\'s REDIS_URL with no rotation short of a deploy; the follow-up is IAM authentication through an ElastiCache user group (docs/DEPLOY.md)',
      },
    );
  }
}
