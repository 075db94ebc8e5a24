import { badUserInput } from '../errors.js';

const ID_PATTERN = /^[1-9]\d{0,17}$/;

/** A database id from a GraphQL `ID`, or BAD_USER_INPUT echoing the value. */
export function parseId(value: string, what = 'id'): number {
  if (!ID_PATTERN.test(value)) throw badUserInput(`${what} must be a positive integer id; got "${value}"`, { argument: what });
  return Number(value);
}

/** For entity keys from other subgraphs: an unparseable id is simply not found. */
export function tryParseId(value: string): number | null {
  return ID_PATTERN.test(value) ? Number(value) : null;
}
