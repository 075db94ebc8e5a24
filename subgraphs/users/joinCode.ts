import { randomBytes } from 'node:crypto';

/** No look-alikes (0/O, 1/I/L): a parent types the code from a note. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A classroom's join code: 12 characters, about 59 bits from the system's randomness, so codes cannot be guessed. */
export function newJoinCode(): string {
  return [...randomBytes(12)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
