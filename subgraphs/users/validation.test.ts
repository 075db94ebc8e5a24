import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { CLASSROOMS, DEMO_PEOPLE } from '../../seed/people.js';
import { displayName, displayNameProblem, MAX_MARKS } from './validation.js';

/** Every code point of the Unicode this Node knows, surrogates included (a JSON string may hold a lone one). */
const ALL_CODE_POINTS = Array.from({ length: 0x110000 }, (_, cp) => String.fromCodePoint(cp));
const where = (property: RegExp) => ALL_CODE_POINTS.filter((char) => property.test(char));
const hex = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase()}`;

/** The names of `names` that `displayName` refuses, with its reason: [] when it takes them all. */
const refusedAmong = (names: readonly string[]) => names.flatMap((name) => {
  const problem = displayNameProblem(name);
  return problem ? [`${JSON.stringify(name)}: ${problem}`] : [];
});
/** The names of `names` that `displayName` takes: [] when it refuses them all. */
const acceptedAmong = (names: readonly string[]) => names.filter((name) => displayNameProblem(name) === null).map((name) => [...name].map(hex).join(' '));

const DEFAULT_IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const ZWNJ = '\u200C';

describe('displayName', () => {
  it.each([
    { name: 'an Arabic name with harakat and shadda', value: 'مُحَمَّد' },
    { name: 'an Arabic name with a superscript alef', value: 'عَبْدُ الرَّحْمٰن' },
    { name: 'two Arabic words', value: 'أُمُّ سَارَة' },
    { name: 'a Persian name with ZWNJ between two letters', value: 'علی‌رضا' },
    { name: 'a Persian name with ZWNJ after a letter with a haraka', value: 'مُ‌حسن' },
    { name: 'a French name, precomposed', value: 'Zoé Lefèvre' },
    { name: 'a French name, decomposed', value: 'Zoe\u0301' },
    { name: 'a hyphen and an apostrophe', value: "Jean-Luc O'Neil" },
    { name: 'Vietnamese with two marks on a letter', value: 'Nguye\u0302\u0303n' },
    { name: 'Korean syllables', value: '김민준' },
    { name: 'Chinese', value: '李小龍' },
    { name: 'a name with digits', value: 'Team 7' },
    { name: 'a name with an emoji', value: 'Sara 🌟' },
    { name: 'an emoji with VS16', value: 'Sara ❤️' },
    { name: 'a ZWJ family emoji', value: '👨‍👩‍👧' },
    { name: 'a skin-tone emoji', value: '👍🏽 Omar' },
    { name: 'a country flag', value: 'Layla 🇸🇦' },
    { name: 'the Scotland flag (an RGI tag sequence)', value: 'Ewan 🏴󠁧󠁢󠁳󠁣󠁴󠁿' },
    { name: 'a keycap', value: 'Class 1️⃣' },
    { name: 'an emoji alone', value: '🦄' },
    { name: 'a symbol alone', value: '★' },
    { name: 'the longest name, 100 characters', value: 'ب'.repeat(100) },
  ])('takes $name', ({ value }) => {
    expect(displayName(value)).toBe(value);
  });

  it('trims spaces at both ends', () => {
    expect(displayName('  سارة\u3000')).toBe('سارة');
  });

  it.each([
    { name: 'a soft hyphen', value: 'Sa\u00ADra', message: /an invisible format character; got U\+00AD at character 3/ },
    { name: 'Hangul fillers alone (renders blank)', value: '\u3164\u3164', message: /renders as nothing; got U\+3164 at character 1/ },
    { name: 'a Hangul choseong filler', value: '\u115F', message: /renders as nothing; got U\+115F/ },
    { name: 'a Hangul jungseong filler', value: '\u1160', message: /renders as nothing; got U\+1160/ },
    { name: 'a halfwidth Hangul filler', value: 'Sara\uFFA0', message: /renders as nothing; got U\+FFA0/ },
    { name: 'tag characters spelling "admin"', value: 'سارة\u{E0061}\u{E0064}\u{E006D}\u{E0069}\u{E006E}', message: /an invisible format character; got U\+E0061 at character 5/ },
    { name: 'a tag sequence on a letter', value: 'A\u{E0067}\u{E0062}\u{E007F}', message: /U\+E0067/ },
    { name: 'a variation selector on a letter', value: 'Sara\uFE0F', message: /renders as nothing; got U\+FE0F/ },
    { name: 'an ideographic variation selector', value: '葛\u{E0100}', message: /renders as nothing; got U\+E0100/ },
    { name: 'a zero-width space', value: 'سارة\u200B', message: /an invisible format character; got U\+200B/ },
    { name: 'a zero-width joiner outside an emoji', value: 'Sa\u200Dra', message: /U\+200D/ },
    { name: 'an RTL override', value: 'سارة\u202Egnp.exe', message: /U\+202E/ },
    { name: 'an Arabic letter mark', value: 'سارة\u061C', message: /U\+061C/ },
    { name: 'a byte order mark', value: '\uFEFFSara', message: /U\+FEFF/ },
    { name: 'a newline', value: 'Sara\nOmar', message: /a control character; got U\+000A/ },
    { name: 'a tab', value: 'Sara\tOmar', message: /a control character; got U\+0009/ },
    { name: 'a line separator', value: 'Sara\u2028Omar', message: /one line; got U\+2028/ },
    { name: 'a run of spaces', value: 'Sara     Omar', message: /one space; got two at character 6/ },
    { name: 'a private-use character', value: 'Sara\uE000', message: /a private-use character; got U\+E000/ },
    { name: 'an unassigned code point', value: 'Sara\u{E0080}', message: /an unassigned code point; got U\+E0080/ },
    { name: 'a noncharacter', value: 'Sara\uFFFF', message: /an unassigned code point; got U\+FFFF/ },
    { name: 'a lone surrogate', value: 'Sara\uD800', message: /a lone surrogate; got U\+D800/ },
    { name: 'a Braille blank', value: '\u2800', message: /a blank character; got U\+2800/ },
    { name: 'combining marks alone', value: '\u064E\u0650', message: /a combining mark that is not on a letter or digit; got U\+064E at character 1/ },
    { name: 'a combining mark after a space', value: 'Sara \u0301', message: /not on a letter or digit; got U\+0301 at character 6/ },
    { name: 'stacked marks ("Zalgo")', value: `A${'\u0301'.repeat(MAX_MARKS + 1)}`, message: new RegExp(`at most ${MAX_MARKS} combining marks`) },
    { name: 'ZWNJ at the end', value: 'علی\u200C', message: /U\+200C .* only between two Arabic-script letters/ },
    { name: 'ZWNJ at the start', value: '\u200Cعلی', message: /U\+200C/ },
    { name: 'two ZWNJs', value: 'علی\u200C\u200Cرضا', message: /U\+200C/ },
    { name: 'ZWNJ between Latin letters', value: 'Sa\u200Cra', message: /U\+200C/ },
    { name: 'punctuation alone', value: '...', message: /at least one letter, digit, symbol or emoji/ },
    { name: 'only spaces', value: '\u3000 \u00A0', message: /1 to 100 characters; got 0/ },
    { name: 'an empty name', value: '', message: /1 to 100 characters; got 0/ },
    { name: '101 characters', value: 'ب'.repeat(101), message: /1 to 100 characters; got 101/ },
  ])('refuses $name with BAD_USER_INPUT', ({ value, message }) => {
    let error: unknown;
    try {
      displayName(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
    expect((error as GraphQLError).message).toMatch(message);
  });

  it('takes every name of the demo seed, classrooms included', () => {
    expect(refusedAmong([...DEMO_PEOPLE.map((person) => person.displayName), ...CLASSROOMS.map((classroom) => classroom.name)])).toEqual([]);
  });

  describe('across every code point', () => {
    it('refuses each control, format and surrogate code point inside a name', () => {
      const hidden = where(/^[\p{Cc}\p{Cf}\p{Cs}]$/u).filter((char) => char !== ZWNJ);
      expect(hidden.length).toBeGreaterThan(2_200);
      expect(acceptedAmong(hidden.map((char) => `Sara${char}x`))).toEqual([]);
    });

    it('refuses private-use and unassigned code points inside a name: all of the BMP, every 97th beyond', () => {
      // Cn and Co are most of the code space (over 900,000): beyond the BMP a prime stride samples every block.
      const unassigned = where(/^[\p{Cn}\p{Co}]$/u).filter((char, i) => char.codePointAt(0)! <= 0xFFFF || i % 97 === 0);
      expect(unassigned.length).toBeGreaterThan(15_000);
      expect(acceptedAmong(unassigned.map((char) => `Sara${char}x`))).toEqual([]);
    });

    it('refuses each default-ignorable code point (variation selectors, Hangul fillers, tags) inside a name and alone', () => {
      const ignorable = where(DEFAULT_IGNORABLE).filter((char) => char !== ZWNJ);
      expect(ignorable.length).toBeGreaterThan(4_000);
      expect(acceptedAmong(ignorable.map((char) => `Sara${char}x`))).toEqual([]);
      expect(acceptedAmong(ignorable)).toEqual([]);
    });

    it('takes each visible letter and digit alone', () => {
      const letters = where(/^[\p{L}\p{N}]$/u).filter((char) => !DEFAULT_IGNORABLE.test(char));
      expect(letters.length).toBeGreaterThan(130_000);
      expect(refusedAmong(letters)).toEqual([]);
    });

    it('takes each symbol alone but no punctuation alone', () => {
      const symbols = where(/^\p{S}$/u).filter((char) => char !== '\u2800');
      expect(refusedAmong(symbols)).toEqual([]);
      expect(acceptedAmong(where(/^\p{P}$/u))).toEqual([]);
    });

    it('takes each combining mark on a letter, and refuses it alone or after a space', () => {
      const marks = where(/^\p{M}$/u).filter((char) => !DEFAULT_IGNORABLE.test(char));
      expect(marks.length).toBeGreaterThan(2_000);
      expect(refusedAmong(marks.map((mark) => `ب${mark}`))).toEqual([]);
      expect(acceptedAmong(marks)).toEqual([]);
      expect(acceptedAmong(marks.map((mark) => `Sara ${mark}`))).toEqual([]);
    });

    it('takes each space separator between words, and refuses line and paragraph separators', () => {
      expect(refusedAmong(where(/^\p{Zs}$/u).map((space) => `Sara${space}Omar`))).toEqual([]);
      expect(acceptedAmong(where(/^[\p{Zl}\p{Zp}]$/u).map((separator) => `Sara${separator}Omar`))).toEqual([]);
    });
  });

  describe('emoji', () => {
    it('takes every emoji shown as emoji by default', () => {
      const emoji = where(/^\p{Emoji_Presentation}$/u);
      expect(emoji.length).toBeGreaterThan(1_000);
      expect(refusedAmong(emoji.map((char) => `Sara ${char}`))).toEqual([]);
    });

    it('takes every pictograph with VS16 (emoji presentation), and refuses VS16 on a letter', () => {
      const textDefault = where(/^\p{Extended_Pictographic}$/u).filter((char) => /^\p{Emoji}$/u.test(char) && !/^\p{Emoji_Presentation}$/u.test(char));
      expect(textDefault.length).toBeGreaterThan(150);
      expect(refusedAmong(textDefault.map((char) => `${char}\uFE0F`))).toEqual([]);
      expect(acceptedAmong(where(/^\p{L}$/u).slice(0, 5_000).map((char) => `${char}\uFE0F`))).toEqual([]);
    });

    it('takes every skin tone on every emoji modifier base', () => {
      const tones = where(/^\p{Emoji_Modifier}$/u);
      const bases = where(/^\p{Emoji_Modifier_Base}$/u);
      expect(tones).toHaveLength(5);
      expect(refusedAmong(bases.flatMap((base) => tones.map((tone) => `${base}${tone}`)))).toEqual([]);
    });

    it('refuses a ZWJ or a tag character left over after an emoji', () => {
      expect(acceptedAmong(['🦄\u200D', '🦄\u200Dx', '🏴\u{E0067}\u{E0062}', '🏴\u{E0061}\u{E0064}\u{E006D}\u{E0069}\u{E006E}\u{E007F}', '🦄\uFE0F\uFE0F'])).toEqual([]);
    });
  });
});
