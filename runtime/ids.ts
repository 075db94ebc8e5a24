/**
 * The one definition of a database id the API accepts: every `ID` argument and input field, every
 * entity key from another subgraph, the viewer's id in a token and the ids inside analytics events.
 *
 * Why 2^53 - 1 and not BIGINT's 2^63 - 1: the columns are signed BIGINT, but drizzle reads and
 * writes them as JS numbers (`mode: 'number'`) and the analytics queue carries them as JSON
 * numbers; both are exact only up to `Number.MAX_SAFE_INTEGER`. A larger id would be rounded to a
 * neighbour (`"123456789012345678"` is read as 123456789012345680), and the consumer's decoder
 * (pipeline/event/queuedEvent.ts) refuses it, so an event holding one could never be processed.
 * Ids are minted by AUTO_INCREMENT from 1 and stay far below this.
 */
import { badUserInput } from './errors.js';

/** The largest id the stores and the consumer hold exactly: 9007199254740991. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** Decimal, no sign, no leading zero, at most 16 digits (MAX_ID has 16); the value is checked against MAX_ID too. */
const ID_PATTERN = /^[1-9]\d{0,15}$/;

/** An id as the stores and the queue hold it: a positive safe integer. */
export const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** The offending value for a message, shortened so a huge input is not echoed back whole. */
const echo = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);

/** For entity keys from other subgraphs and optional ids: an id that cannot exist is simply not found. */
export function tryParseId(value: string): number | null {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) return null;
  const id = Number(value);
  return isId(id) && id <= MAX_ID ? id : null;
}

/** Why `value` is not an id, for a message: "`what` must be …; got …". */
export const idProblem = (value: string, what = 'id') => `${what} must be a positive integer id of at most ${MAX_ID}; got ${echo(String(value))}`;

/** A database id from a GraphQL `ID`, or BAD_USER_INPUT echoing the value. */
export function parseId(value: string, what = 'id'): number {
  const id = tryParseId(value);
  if (id === null) throw badUserInput(idProblem(value, what), { argument: what });
  return id;
}
