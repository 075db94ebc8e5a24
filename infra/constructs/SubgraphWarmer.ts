import { Duration, TimeZone } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { cronEvery, type SchoolHours } from '../schoolHours.js';

export interface SubgraphWarmerProps {
  /** The gateway's `live` alias: it signs the warm-ups, so it is what the schedule invokes. */
  readonly gatewayAlias: lambda.IFunction;
  /** Concurrent warm-ups the gateway sends each subgraph per ping: as many containers stay warm. */
  readonly concurrency: number;
  readonly schoolHours: SchoolHours;
  /** Minutes between pings; Lambda keeps an idle container for several of them. @default 5 */
  readonly everyMinutes?: number;
}

/**
 * Keeps subgraph containers warm in school hours for the price of a few invocations: an
 * EventBridge Scheduler schedule, every few minutes on school days in the schools' time zone (no
 * UTC arithmetic, daylight-saving time included), invoking the gateway's `live` alias with the
 * constant event `{"warmSubgraphs":{"concurrency":n}}`. The gateway answers it by sending `n`
 * concurrent warm-up invocations to each subgraph alias: a subgraph refuses an unsigned call,
 * and only the gateway signs, so the schedule targets the gateway, never the subgraphs.
 *
 * The schedule invokes through a role only EventBridge Scheduler of this account may assume, with
 * the right to invoke that alias alone; the alias gains no resource policy, so API Gateway stays
 * the only other caller. A missed ping is not retried: the next one comes minutes later.
 */
export class SubgraphWarmer extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: SubgraphWarmerProps) {
    super(scope, id);
    const { gatewayAlias, concurrency, schoolHours, everyMinutes = 5 } = props;
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Warms ${concurrency} containers of each subgraph every ${everyMinutes} minutes in school hours`,
      schedule: scheduler.ScheduleExpression.cron({ ...cronEvery(schoolHours, everyMinutes), timeZone: TimeZone.of(schoolHours.timeZone) }),
      target: new LambdaInvoke(gatewayAlias, {
        input: scheduler.ScheduleTargetInput.fromObject({ warmSubgraphs: { concurrency } }),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    });
  }
}
