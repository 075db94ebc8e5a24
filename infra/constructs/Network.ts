import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  /** NAT gateways for the functions' way out (Cognito's JWKS, SQS, Firehose); one per AZ survives an AZ outage. @default 1 */
  readonly natGateways?: number;
  /** How long the VPC's flow logs are kept. @default logs.RetentionDays.ONE_MONTH */
  readonly flowLogRetention?: logs.RetentionDays;
}

/**
 * The VPC: functions in private subnets that reach out through NAT; the database and the cache in
 * isolated subnets with no route to or from the internet. Every flow, accepted or rejected, is
 * logged to CloudWatch Logs (addresses and ports of the functions, the proxy, Redis and the AWS
 * endpoints they call; no client reaches the VPC, so no user's address is in them).
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: props.natGateways ?? 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'Functions', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      flowLogs: {
        All: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogs', { retention: props.flowLogRetention ?? logs.RetentionDays.ONE_MONTH })),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });
  }
}
