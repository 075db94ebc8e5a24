import { badUserInput } from '../../runtime/errors.js';

export const LOCALES = ['ar', 'en', 'fr'] as const;

/**
 * Invisible and direction-changing characters (controls, zero-width, bidi overrides and isolates,
 * BOM): in a name they let one child impersonate another ("سارة" and "سارة\u200B" look alike) or
 * reverse how a name reads. Arabic letters and diacritics (tashkeel) are all visible and allowed.
 */
const INVISIBLE = /[\p{Cc}\u061C\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/u;

export function displayName(value: string): string {
  if (INVISIBLE.test(value)) throw badUserInput('displayName must not contain invisible or text-direction control characters', { field: 'displayName' });
  const trimmed = value.trim();
  if (trimmed.length < 1 || [...trimmed].length > 100) throw badUserInput(`displayName must be 1 to 100 characters; got ${[...trimmed].length}`, { field: 'displayName' });
  return trimmed;
}

export function grade(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 12) throw badUserInput(`grade must be between 1 and 12; got ${value}`, { field: 'grade' });
  return value;
}

export function locale(value: string): string {
  if (!(LOCALES as readonly string[]).includes(value)) throw badUserInput(`locale must be one of ${LOCALES.join(', ')}; got "${value}"`, { field: 'locale' });
  return value;
}
