import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  /** @default ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) */
  readonly instanceType?: ec2.InstanceType;
  /** A standby in a second AZ. @default true */
  readonly multiAz?: boolean;
  /** What deleting the stack does to the data. @default RemovalPolicy.SNAPSHOT */
  readonly removalPolicy?: RemovalPolicy;
}

const DATABASE_NAME = 'learning';
const USERNAME = 'learning';
// DATABASE_URL carries the password, so it must not hold a character with a meaning in a URL.
const URL_UNSAFE = ` "%+~\`#$&*()|[]{}:;<>?!'/@\\^=,`;

/**
 * MySQL 8 on RDS, reachable only through RDS Proxy (pooled connections survive Lambda's bursts of
 * containers). The instance lives in isolated subnets; its credentials are generated into Secrets
 * Manager and the proxy logs in with them. TLS is required between the functions and the proxy.
 */
export class Database extends Construct implements ec2.IConnectable {
  readonly instance: rds.DatabaseInstance;
  readonly proxy: rds.DatabaseProxy;
  readonly connections: ec2.Connections;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { vpc } = props;
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      // 8.4 is the LTS line; 8.0 has left RDS standard support.
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_10 }),
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromGeneratedSecret(USERNAME, { excludeCharacters: URL_UNSAFE }),
      databaseName: DATABASE_NAME,
      multiAz: props.multiAz ?? true,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      storageEncrypted: true,
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.SNAPSHOT,
      cloudwatchLogsExports: ['error', 'slowquery'],
    });
    this.proxy = this.instance.addProxy('Proxy', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      secrets: [this.instance.secret!],
      requireTLS: true,
      clientPasswordAuthType: rds.ClientPasswordAuthType.MYSQL_CACHING_SHA2_PASSWORD,
    });
    this.connections = new ec2.Connections({ securityGroups: this.proxy.connections.securityGroups, defaultPort: ec2.Port.tcp(3306) });

    // cdk-nag AwsSolutions (infra/stack.test.ts). Deletion protection, encryption, Multi-AZ and backups
    // are on; IAM database authentication is not used (the proxy logs in with the secret, and the
    // functions' MySQL client takes a password URL); backtracking exists only on Aurora.
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason: 'MySQL keeps 3306: the instance is in isolated subnets and admits only the proxy\'s security group, so another port would hide nothing; the functions reach the proxy, whose MySQL port is always 3306',
    });
    // instance.secret is the secret's attachment to the instance; the rule is about the secret itself.
    Validations.of(this.instance.node.findChild('Secret')).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Not rotated on a schedule: the password is deployed into every function\'s DATABASE_URL (see url), so a rotation would lock the functions out of the proxy until each was redeployed with the new value. Rotation without a deploy needs IAM authentication to the proxy first (docs/DEPLOY.md, cdk-nag)',
    });
  }

  /**
   * DATABASE_URL for the functions: the proxy's endpoint with TLS verified. The password is a
   * Secrets Manager dynamic reference that CloudFormation resolves when it deploys a function, so
   * it is in no template, but it is in the function's configuration (runtime/config.ts takes a URL).
   */
  get url(): string {
    const password = this.instance.secret!.secretValueFromJson('password').unsafeUnwrap();
    const tls = encodeURIComponent(JSON.stringify({ rejectUnauthorized: true }));
    return `mysql://${USERNAME}:${password}@${this.proxy.endpoint}:3306/${DATABASE_NAME}?ssl=${tls}`;
  }
}
