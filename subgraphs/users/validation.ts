import { badUserInput } from '../../runtime/errors.js';

export const LOCALES = ['ar', 'en', 'fr'] as const;

/**
 * Display names, as a teacher's class list and a family's apps show them to other people.
 *
 * Threat model: a name that renders blank, hides text or reorders itself lets one child pass for
 * another or hide in a class list, and carries content past the people reading it (tag
 * characters spell invisible ASCII). So a name is refused when it holds a character Unicode
 * itself marks as not for display, decided by its properties, not by a list of known tricks:
 *  - general category C: control (Cc), format (Cf: soft hyphen, zero-width characters, bidi
 *    controls, tag characters, ...), surrogate (Cs), private use (Co) and unassigned (Cn, as of
 *    the Unicode version of this Node, `process.versions.unicode`);
 *  - Default_Ignorable_Code_Point: what renderers draw as nothing (variation selectors, the
 *    Hangul fillers U+3164, U+115F, U+1160, U+FFA0, the combining grapheme joiner, ...);
 *  - white space other than one space between words (no line breaks, no runs of spaces);
 *  - U+2800 BRAILLE PATTERN BLANK: the one blank-looking character Unicode files as a symbol.
 * A combining mark (\p{M}) must sit on a letter or digit (Arabic harakat, French accents), at
 * most `MAX_MARKS` on one; and a name must show a letter, a digit, a symbol or an emoji.
 * Two exceptions, where the character is visible and needed (docs/SECURITY.md, "Display names"):
 *  - an RGI emoji sequence (Unicode's recommended-for-interchange set), as a whole: its ZWJs and
 *    VS16 and, for the flags of England, Scotland and Wales, its tag characters;
 *  - ZWNJ (U+200C) between two Arabic-script letters, where it breaks their join (Persian names).
 */
const EMOJI_OR_CODE_POINT = new RegExp('\\p{RGI_Emoji}|.', 'gsv');
const IS_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
// Each of these tests one code point (a token that is not an emoji sequence).
const WHITE_SPACE = /^\p{White_Space}$/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ARABIC_LETTER = /^(?=\p{Script=Arabic})\p{L}$/u;
const MARK = /^\p{M}$/u;
const SYMBOL = /^\p{S}$/u;
const ZWNJ = '\u200C';
/** Marks on one letter: Arabic needs two (shadda and a haraka), Vietnamese two; more is stacking ("Zalgo" text). */
export const MAX_MARKS = 4;
export const MAX_DISPLAY_NAME_LENGTH = 100;

const NOT_FOR_DISPLAY: readonly [test: RegExp, kind: string][] = [
  [/\p{Cc}/u, 'a control character'],
  [/\p{Cf}/u, 'an invisible format character'],
  [/\p{Cs}/u, 'a lone surrogate'],
  [/\p{Co}/u, 'a private-use character'],
  [/\p{Cn}/u, 'an unassigned code point'],
  [/\p{Default_Ignorable_Code_Point}/u, 'a character that renders as nothing'],
  [/\u2800/u, 'a blank character'],
];

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a token (one code point) may not be shown in a name, or undefined. */
const notForDisplay = (token: string) => NOT_FOR_DISPLAY.find(([test]) => test.test(token))?.[1];

/** The base a mark or ZWNJ at `index` sits on: the nearest token before it that is not a mark. */
function baseBefore(tokens: readonly string[], index: number): string | undefined {
  let at = index - 1;
  while (at >= 0 && MARK.test(tokens[at]!)) at--;
  return tokens[at];
}

/** Why `name` (trimmed of spaces at both ends) may not be a display name, or null. */
export function displayNameProblem(name: string): string | null {
  const tokens = name.match(EMOJI_OR_CODE_POINT) ?? [];
  let marks = -1; // marks on the current letter or digit; -1 when there is none to carry them
  let visible = false;
  for (const [index, token] of tokens.entries()) {
    const at = `at character ${index + 1}`;
    if (IS_EMOJI.test(token)) {
      visible = true;
      marks = -1;
      continue;
    }
    if (token === ZWNJ) {
      const before = baseBefore(tokens, index);
      const after = tokens[index + 1];
      if (before && after && ARABIC_LETTER.test(before) && ARABIC_LETTER.test(after)) {
        marks = -1;
        continue;
      }
      return `displayName may hold U+200C (zero-width non-joiner) only between two Arabic-script letters; got one ${at}`;
    }
    const hidden = notForDisplay(token);
    if (hidden) return `displayName must not contain ${hidden}; got ${codePoint(token)} ${at}`;
    if (WHITE_SPACE.test(token)) {
      if (!SPACE_SEPARATOR.test(token)) return `displayName must be one line; got ${codePoint(token)} ${at}`;
      if (WHITE_SPACE.test(tokens[index - 1] ?? '')) return `displayName must separate words with one space; got two ${at}`;
      marks = -1;
      continue;
    }
    if (MARK.test(token)) {
      if (marks < 0) return `displayName must not contain a combining mark that is not on a letter or digit; got ${codePoint(token)} ${at}`;
      if (++marks > MAX_MARKS) return `displayName may put at most ${MAX_MARKS} combining marks on one letter; got more ${at}`;
      continue;
    }
    if (LETTER_OR_DIGIT.test(token)) {
      marks = 0;
      visible = true;
    } else {
      marks = -1;
      if (SYMBOL.test(token)) visible = true;
    }
  }
  return visible ? null : 'displayName must show at least one letter, digit, symbol or emoji';
}

/** A display name as stored: spaces trimmed, then checked; BAD_USER_INPUT saying what is wrong. */
export function displayName(value: string): string {
  const trimmed = value.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
  const length = [...trimmed].length;
  if (length < 1 || length > MAX_DISPLAY_NAME_LENGTH) {
    throw badUserInput(`displayName must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters; got ${length}`, { field: 'displayName' });
  }
  const problem = displayNameProblem(trimmed);
  if (problem) throw badUserInput(problem, { field: 'displayName' });
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
