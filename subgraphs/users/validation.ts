import { badUserInput } from '../../runtime/errors.js';

export const LOCALES = ['ar', 'en', 'fr'] as const;

export function displayName(value: string): string {
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
