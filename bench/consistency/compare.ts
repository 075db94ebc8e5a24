/**
 * What two answers to one request may differ by. An answer is compared as its data and its
 * errors' codes and paths (messages carry request ids). A difference is clock-only, and excluded
 * by name, when every path that differs lies under a field whose value depends on the time
 * (CLOCK_FIELDS) and the time did move it between the two answers: a review fell due, or a UTC day
 * began, after the kept answer may have been built. Anything else counts.
 */
export interface GraphQLBody {
  data?: unknown;
  errors?: { path?: readonly (string | number)[]; extensions?: { code?: unknown } }[];
  extensions?: { responseCache?: string };
}

export interface Comparable {
  data: unknown;
  errors: string[];
}

/**
 * Fields that state when their answer was made (`childDataExport.exportedAt`, also inside its
 * `json`): they differ between any two answers by definition, so both sides show `(time)`.
 */
const STATED_TIME_FIELDS = new Set(['exportedAt']);

function withoutStatedTimes(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('{') && value.includes('"exportedAt"')) return JSON.stringify(withoutStatedTimes(JSON.parse(value)));
  if (Array.isArray(value)) return value.map(withoutStatedTimes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, STATED_TIME_FIELDS.has(key) ? '(time)' : withoutStatedTimes(field)]));
}

export function comparable(body: GraphQLBody): Comparable {
  return { data: withoutStatedTimes(body.data ?? null), errors: (body.errors ?? []).map((e) => `${String(e.extensions?.code)} at ${(e.path ?? []).join('.') || '(request)'}`).sort() };
}

/** The paths at which `a` and `b` differ (`data.me.dueReviews.0.dueAt`, `errors`). */
export function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [path || '(root)'];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((key) => differingPaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
}

/** Fields whose answer moves with the clock alone, and what moves it. */
export const CLOCK_FIELDS = {
  /** Reviews due by now: one falls due. */
  dueReviews: 'review-due',
  nextSession: 'review-due',
  /** Streaks and this week's minutes: a UTC day begins. */
  activity: 'day-begins',
} as const;

export type ClockCause = (typeof CLOCK_FIELDS)[keyof typeof CLOCK_FIELDS];

/** The clock causes a set of differing paths needs, or null when some path is not clock-dependent. */
export function clockCausesOf(paths: readonly string[]): Set<ClockCause> | null {
  const causes = new Set<ClockCause>();
  for (const path of paths) {
    const field = path.split('.').find((part): part is keyof typeof CLOCK_FIELDS => part in CLOCK_FIELDS);
    if (!field) return null;
    causes.add(CLOCK_FIELDS[field]);
  }
  return causes;
}
