import { TimeZone } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { cronAt, type SchoolHours } from '../schoolHours.js';

export interface SchoolHoursConcurrencyProps {
  /** The aliases to keep initialised, by name. */
  readonly aliases: Readonly<Record<string, lambda.Alias>>;
  /** Containers of each alias kept initialised while schools are open. */
  readonly concurrency: number;
  readonly schoolHours: SchoolHours;
}

/**
 * Provisioned concurrency on each alias while schools are open, none otherwise: an Application
 * Auto Scaling target per alias (0 to `concurrency`) and two scheduled actions in the schools'
 * time zone, one raising it to `concurrency` at opening and one lowering it to 0 at closing.
 * Provisioned concurrency is billed per second it exists, so the nights and weekends cost nothing.
 * A deploy in school hours leaves the new version unprovisioned until the next opening.
 */
export class SchoolHoursConcurrency extends Construct {
  constructor(scope: Construct, id: string, props: SchoolHoursConcurrencyProps) {
    super(scope, id);
    const { aliases, concurrency, schoolHours } = props;
    const timeZone = TimeZone.of(schoolHours.timeZone);
    for (const alias of Object.values(aliases)) {
      const target = alias.addAutoScaling({ minCapacity: 0, maxCapacity: concurrency });
      target.scaleOnSchedule('SchoolOpens', {
        schedule: appscaling.Schedule.cron(cronAt(schoolHours, schoolHours.opensAt)),
        timeZone,
        minCapacity: concurrency,
        maxCapacity: concurrency,
      });
      target.scaleOnSchedule('SchoolCloses', {
        schedule: appscaling.Schedule.cron(cronAt(schoolHours, schoolHours.closesAt)),
        timeZone,
        minCapacity: 0,
        maxCapacity: 0,
      });
    }
  }
}
