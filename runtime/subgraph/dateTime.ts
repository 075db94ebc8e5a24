import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../errors.js';

/** RFC 3339 date and time with an explicit offset, so a device's local clock is never guessed. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && RFC_3339.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw badUserInput(`DateTime must be an RFC 3339 date and time with an offset, e.g. "2025-03-01T08:30:00Z"; got ${JSON.stringify(value)}`);
  }
  return date;
}

/** `DateTime` as a JS `Date` inside resolvers and an ISO 8601 UTC string on the wire. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => {
    if (!(value instanceof Date)) throw new TypeError(`DateTime cannot represent a ${typeof value}`);
    return value.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
