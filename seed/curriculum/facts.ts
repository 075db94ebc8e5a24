/**
 * The building blocks of the demo lessons: each concept is a list of facts, and each fact renders
 * as any kind of content byte.
 */
import type { SUBJECTS } from '../../subgraphs/curriculum/tables.js';
import { shuffle, type Rng } from '../random.js';

type Subject = (typeof SUBJECTS)[number];
export type Locale = 'ar' | 'en';

/** One thing to know, in the forms each kind of content byte asks it. */
export interface Fact {
  /** The question of a MULTIPLE_CHOICE or FLASHCARD byte. */
  ask: string;
  /** The prompt of a FILL_IN byte. */
  blank: string;
  /** A TRUE_FALSE statement claiming `value` is the answer. */
  claim: (value: string) => string;
  answer: string;
  /** MULTIPLE_CHOICE choices, the answer among them. */
  choices: string[];
  /** The wrong value a false TRUE_FALSE statement claims: the likeliest slip. */
  decoy: string;
}

interface ConceptSpec { name: string; facts: (rng: Rng) => Fact[] }
export interface LessonSpec { title: string; subject: Subject; grade: 3 | 4; locale: Locale; concepts: readonly ConceptSpec[] }

export const BLANK = '____';
export const fill = (sentence: string, value: string) => sentence.replace(BLANK, value);
export const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

export function fact(rng: Rng, parts: { ask: string; claim: (value: string) => string; blank?: string; answer: string; wrong: readonly string[]; options?: readonly string[] }): Fact {
  const wrong = [...new Set(parts.wrong)].filter((value) => value !== parts.answer);
  const decoy = wrong[0];
  if (decoy === undefined) throw new Error(`demo curriculum: no wrong answer for "${parts.ask}"`);
  return {
    ask: parts.ask,
    blank: parts.blank ?? parts.claim(BLANK),
    claim: parts.claim,
    answer: parts.answer,
    choices: parts.options ? [...parts.options] : shuffle(rng, [parts.answer, ...wrong.slice(0, 3)]),
    decoy,
  };
}

/** A cue, its answer and, optionally, the wrong choices to offer (else the concept's other answers). */
type Pair = readonly [cue: string, answer: string, wrong?: readonly string[]];
interface PairTemplate {
  ask: (cue: string) => string;
  claim: (cue: string, value: string) => string;
  blank?: (cue: string) => string;
  /** A closed set of answers (word classes, yes/no), offered in this order. */
  options?: readonly string[];
}

export function pairs(name: string, template: PairTemplate, list: readonly Pair[]): ConceptSpec {
  return {
    name,
    facts: (rng) => shuffle(rng, list).slice(0, 10).map(([cue, answer, wrong]) => fact(rng, {
      ask: template.ask(cue),
      claim: (value) => template.claim(cue, value),
      blank: template.blank?.(cue),
      answer,
      wrong: wrong ?? shuffle(rng, template.options ?? list.map((pair) => pair[1])),
      options: template.options,
    })),
  };
}

/** A concept whose facts are computed: ten distinct ones from `make`. */
export function generated(name: string, make: (rng: Rng) => Fact): ConceptSpec {
  return {
    name,
    facts: (rng) => {
      const byPrompt = new Map<string, Fact>();
      for (let tries = 0; byPrompt.size < 10 && tries < 1_000; tries++) {
        const made = make(rng);
        if (!byPrompt.has(made.ask)) byPrompt.set(made.ask, made);
      }
      return [...byPrompt.values()];
    },
  };
}

const QUESTION_MARK = { ar: '؟', en: '?' } as const;
const ANSWER_LABEL = { ar: 'الجَوَابُ', en: 'Answer' } as const;

/** Numeric slips (the first is the likeliest), topped up with near misses; never negative or right. */
export const slips = (answer: number, ...likely: number[]) =>
  [...likely, answer + 1, answer - 1, answer + 10].filter((n) => n >= 0 && n !== answer).map(String);

export function equation(locale: Locale, rng: Rng, expression: string, answer: number | string, wrong: readonly string[]): Fact {
  return fact(rng, { ask: `${expression} = ${QUESTION_MARK[locale]}`, claim: (value) => `${expression} = ${value}`, answer: String(answer), wrong });
}

/** A question answered in a word or number; its statement form is "question Answer: value". */
export function question(locale: Locale, rng: Rng, text: string, answer: number | string, wrong: readonly string[]): Fact {
  return fact(rng, { ask: text, claim: (value) => `${text} ${ANSWER_LABEL[locale]}: ${value}`, answer: String(answer), wrong });
}

export const questions = (locale: Locale): PairTemplate => ({ ask: (text) => text, claim: (text, value) => `${text} ${ANSWER_LABEL[locale]}: ${value}` });
