/** The command line of `npm run analytics:replay`: an app and a range of UTC days, or an error saying what is wrong. */
import { parseArgs } from 'node:util';
import { daysBetween } from '../pipeline/lake/layout.js';
import { parseAppName, type AppName } from '../runtime/tenancy.js';

export const MAX_REPLAY_DAYS = 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const USAGE = 'Usage: npm run analytics:replay -- --from YYYY-MM-DD --to YYYY-MM-DD [--app <name>]';

export function replayArguments(args: string[]): { app: AppName | undefined; days: string[] } {
  const { values } = parseArgs({ args, options: { app: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) throw new Error(USAGE);
  return { app: values.app ? parseAppName(values.app) : undefined, days: replayDays(values.from, values.to) };
}

/** The days from..to, or an error that says what is wrong with them. */
function replayDays(from: string, to: string): string[] {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new Error(`--${name} must be a UTC day as YYYY-MM-DD; got "${value}"`);
  }
  if (from > to) throw new Error(`--from must not be after --to; got ${from} > ${to}`);
  const days = daysBetween(from, to);
  if (days.length > MAX_REPLAY_DAYS) throw new Error(`A replay spans at most ${MAX_REPLAY_DAYS} days; got ${days.length}`);
  return days;
}

