/**
 * Demo data for one app, so the explorer and the benchmark have something real to show: the people
 * of `DEMO` (seed/demoIds.ts), a curriculum of 3 subjects, 20 lessons, 100 concepts and 1,000
 * content bytes (Arabic with tashkeel, and English), and three weeks of answers that the SM-2
 * scheduler and the analytics rollups turn into memory and activity.
 *
 * Deterministic: every choice comes from a seeded PRNG, so every machine given the same `now`
 * writes the same rows. Idempotent: rows carry DEMO's ids (answers and events a fixed client event
 * id) and go in with ON DUPLICATE KEY UPDATE, so running it again changes nothing:
 * - the curriculum belongs to this file, so a re-run brings existing rows back to it;
 * - people and memberships are inserted only, so profile edits made through the API survive;
 * - the answer history is written once: it is relative to `now`, and a later replay would
 *   disagree with the memory and rollups already derived from it.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { MySqlTable, MySqlUpdateSetSource } from 'drizzle-orm/mysql-core';
import type { AppRuntime } from '../runtime/appDeps.js';
import type { Database } from '../runtime/clients/mysql.js';
import type { AppName } from '../runtime/tenancy.js';
import { usersTables, type UsersTables } from '../subgraphs/users/tables.js';
import { curriculumTables, type CONTENT_KINDS, type CurriculumTables, type SUBJECTS } from '../subgraphs/curriculum/tables.js';
import { memoryTables, type MemoryTables } from '../subgraphs/memory/tables.js';
import { analyticsTables } from '../subgraphs/analytics/tables.js';
import { INITIAL_STATE, dueAt, qualityOf, review, type Sm2State } from '../subgraphs/memory/scheduling.js';
import { applyEvents } from '../subgraphs/analytics/rollups.js';
import type { QueuedEvent } from '../subgraphs/analytics/events.js';
import { DEMO } from './demoIds.js';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

type Rng = () => number;

/** mulberry32: tiny, seedable, and the same sequence on every platform (unlike Math.random). */
function prng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick: the list is empty');
  return item;
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// People

type Role = UsersTables['users']['$inferSelect']['role'];
interface Person { id: number; displayName: string; role: Role; locale: 'ar' | 'en'; grade: number | null }

const student = (id: number, displayName: string, grade: number, locale: 'ar' | 'en' = 'ar'): Person =>
  ({ id, displayName, role: 'STUDENT', locale, grade });

const CLASSMATES = [
  'عُمَر', 'لَيْلَى', 'خَالِد', 'فَاطِمَة', 'حَمْزَة', 'نُور', 'زَيْنَب', 'عَلِيّ', 'Emma', 'رِيم', 'سَلْمَان', 'هَيَا', 'إِبْرَاهِيم', 'جُود',
  'مَاجِد', 'لُجَيْن', 'طَارِق', 'دَانَة', 'يَاسِين', 'شَهْد', 'Noah', 'بِلَال', 'رَنَا', 'أَحْمَد', 'سَلْمَى', 'آدَم', 'جَنَى', 'فَيْصَل',
];
const OTHER_CLASS = ['ضُحَى', 'زَيْد', 'لَمَى', 'Lina', 'مُصْطَفَى', 'عَائِشَة'];
const isLatin = (name: string) => /^[A-Za-z ]+$/.test(name);

const DEMO_PEOPLE: readonly Person[] = [
  { id: DEMO.admin, displayName: 'Nora (admin)', role: 'ADMIN', locale: 'en', grade: null },
  { id: DEMO.parent, displayName: 'أُمُّ سَارَة', role: 'PARENT', locale: 'ar', grade: null },
  student(DEMO.children[0], 'سَارَة', 3),
  student(DEMO.children[1], 'يُوسُف', 3),
  { id: DEMO.teacher, displayName: 'الأُسْتَاذَة مَرْيَم', role: 'TEACHER', locale: 'ar', grade: null },
  { id: DEMO.otherTeacher, displayName: 'Mr Adam', role: 'TEACHER', locale: 'en', grade: null },
  ...DEMO.classroomStudents.slice(2).map((id, i) => student(id, CLASSMATES[i]!, 3, isLatin(CLASSMATES[i]!) ? 'en' : 'ar')),
  ...DEMO.otherClassroomStudents.map((id, i) => student(id, OTHER_CLASS[i]!, 4, isLatin(OTHER_CLASS[i]!) ? 'en' : 'ar')),
];

const CLASSROOMS = [
  { id: DEMO.classroom, name: 'الصَّفُّ الثَّالِثُ - أ', teacherId: DEMO.teacher, studentIds: DEMO.classroomStudents },
  { id: DEMO.otherClassroom, name: 'Grade 4 B', teacherId: DEMO.otherTeacher, studentIds: DEMO.otherClassroomStudents },
];

// ---------------------------------------------------------------------------------------------
// Curriculum: each concept is a list of facts; each fact renders as any kind of content byte.

type Subject = (typeof SUBJECTS)[number];
type Kind = (typeof CONTENT_KINDS)[number];
type Locale = 'ar' | 'en';

/** One thing to know, in the forms each kind of content byte asks it. */
interface Fact {
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
interface LessonSpec { title: string; subject: Subject; grade: 3 | 4; locale: Locale; concepts: readonly ConceptSpec[] }

const BLANK = '____';
const fill = (sentence: string, value: string) => sentence.replace(BLANK, value);
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function fact(rng: Rng, parts: { ask: string; claim: (value: string) => string; blank?: string; answer: string; wrong: readonly string[]; options?: readonly string[] }): Fact {
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

function pairs(name: string, template: PairTemplate, list: readonly Pair[]): ConceptSpec {
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
function generated(name: string, make: (rng: Rng) => Fact): ConceptSpec {
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
const slips = (answer: number, ...likely: number[]) =>
  [...likely, answer + 1, answer - 1, answer + 10].filter((n) => n >= 0 && n !== answer).map(String);

function equation(locale: Locale, rng: Rng, expression: string, answer: number | string, wrong: readonly string[]): Fact {
  return fact(rng, { ask: `${expression} = ${QUESTION_MARK[locale]}`, claim: (value) => `${expression} = ${value}`, answer: String(answer), wrong });
}

/** A question answered in a word or number; its statement form is "question Answer: value". */
function question(locale: Locale, rng: Rng, text: string, answer: number | string, wrong: readonly string[]): Fact {
  return fact(rng, { ask: text, claim: (value) => `${text} ${ANSWER_LABEL[locale]}: ${value}`, answer: String(answer), wrong });
}

const questions = (locale: Locale): PairTemplate => ({ ask: (text) => text, claim: (text, value) => `${text} ${ANSWER_LABEL[locale]}: ${value}` });

/** Shows Arabic lessons' numbers in Eastern Arabic digits, as the apps' Arabic textbooks do. */
const arabicDigits = (text: string) => text.replace(/[0-9]/g, (digit) => '٠١٢٣٤٥٦٧٨٩'.charAt(Number(digit)));

const ARABIC_LESSONS: readonly LessonSpec[] = [
  {
    title: 'الحُرُوفُ وَالحَرَكَاتُ', subject: 'ARABIC', grade: 3, locale: 'ar', concepts: [
      pairs('الحَرْفُ الأَوَّلُ فِي الكَلِمَةِ', {
        ask: (w) => `مَا الحَرْفُ الأَوَّلُ فِي كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `الحَرْفُ الأَوَّلُ فِي كَلِمَةِ «${w}» هُوَ «${v}».`,
      }, [['شَمْسٌ', 'ش'], ['قَمَرٌ', 'ق'], ['بَيْتٌ', 'ب'], ['جَمَلٌ', 'ج'], ['نَهْرٌ', 'ن'], ['وَرْدَةٌ', 'و'], ['سَمَكَةٌ', 'س'], ['تُفَّاحَةٌ', 'ت'], ['فِيلٌ', 'ف'], ['دَرْسٌ', 'د']]),
      pairs('الحَرْفُ الأَخِيرُ فِي الكَلِمَةِ', {
        ask: (w) => `مَا الحَرْفُ الأَخِيرُ فِي كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `الحَرْفُ الأَخِيرُ فِي كَلِمَةِ «${w}» هُوَ «${v}».`,
      }, [['كِتَابٌ', 'ب'], ['قَلَمٌ', 'م'], ['نَهْرٌ', 'ر'], ['سَمَكٌ', 'ك'], ['خُبْزٌ', 'ز'], ['فِيلٌ', 'ل'], ['صُنْدُوقٌ', 'ق'], ['مِفْتَاحٌ', 'ح']]),
      pairs('اللَّامُ الشَّمْسِيَّةُ وَاللَّامُ القَمَرِيَّةُ', {
        ask: (w) => `هَلِ اللَّامُ فِي «${w}» شَمْسِيَّةٌ أَمْ قَمَرِيَّةٌ؟`,
        claim: (w, v) => `اللَّامُ فِي «${w}» ${v}.`,
        options: ['شَمْسِيَّةٌ', 'قَمَرِيَّةٌ'],
      }, [['الشَّمْسُ', 'شَمْسِيَّةٌ'], ['النَّهْرُ', 'شَمْسِيَّةٌ'], ['الدَّرْسُ', 'شَمْسِيَّةٌ'], ['التُّفَّاحُ', 'شَمْسِيَّةٌ'], ['السَّمَاءُ', 'شَمْسِيَّةٌ'],
        ['الْقَمَرُ', 'قَمَرِيَّةٌ'], ['الْكِتَابُ', 'قَمَرِيَّةٌ'], ['الْبَابُ', 'قَمَرِيَّةٌ'], ['الْوَلَدُ', 'قَمَرِيَّةٌ'], ['الْجَبَلُ', 'قَمَرِيَّةٌ']]),
      pairs('حُرُوفُ المَدِّ', {
        ask: (w) => `مَا حَرْفُ المَدِّ فِي كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `حَرْفُ المَدِّ فِي كَلِمَةِ «${w}» هُوَ «${v}».`,
        options: ['ا', 'و', 'ي'],
      }, [['نَارٌ', 'ا'], ['بَابٌ', 'ا'], ['مَاءٌ', 'ا'], ['نُورٌ', 'و'], ['فُولٌ', 'و'], ['سُوقٌ', 'و'], ['فِيلٌ', 'ي'], ['دِيكٌ', 'ي'], ['تِينٌ', 'ي']]),
      pairs('الحَرَكَاتُ القَصِيرَةُ', {
        ask: (w) => `مَا الحَرَكَةُ عَلَى الحَرْفِ الأَوَّلِ فِي «${w}»؟`,
        claim: (w, v) => `الحَرَكَةُ عَلَى الحَرْفِ الأَوَّلِ فِي «${w}» هِيَ ${v}.`,
        options: ['الفَتْحَةُ', 'الضَّمَّةُ', 'الكَسْرَةُ'],
      }, [['قَلَمٌ', 'الفَتْحَةُ'], ['بَيْتٌ', 'الفَتْحَةُ'], ['سَمَكٌ', 'الفَتْحَةُ'], ['عُصْفُورٌ', 'الضَّمَّةُ'], ['قُطْنٌ', 'الضَّمَّةُ'], ['خُبْزٌ', 'الضَّمَّةُ'],
        ['كِتَابٌ', 'الكَسْرَةُ'], ['فِيلٌ', 'الكَسْرَةُ'], ['مِلْحٌ', 'الكَسْرَةُ']]),
    ],
  },
  {
    title: 'المُفْرَدُ وَالمُثَنَّى وَالجَمْعُ', subject: 'ARABIC', grade: 3, locale: 'ar', concepts: [
      pairs('المُثَنَّى', {
        ask: (w) => `مَا مُثَنَّى كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `مُثَنَّى «${w}» هُوَ «${v}».`,
      }, [['كِتَابٌ', 'كِتَابَانِ'], ['قَلَمٌ', 'قَلَمَانِ'], ['وَلَدٌ', 'وَلَدَانِ'], ['بَابٌ', 'بَابَانِ'], ['شَجَرَةٌ', 'شَجَرَتَانِ'], ['بِنْتٌ', 'بِنْتَانِ'], ['وَرْدَةٌ', 'وَرْدَتَانِ'], ['نَجْمَةٌ', 'نَجْمَتَانِ']]),
      pairs('جَمْعُ المُذَكَّرِ السَّالِمُ', {
        ask: (w) => `مَا جَمْعُ «${w}»؟`,
        claim: (w, v) => `جَمْعُ «${w}» هُوَ «${v}».`,
      }, [['مُعَلِّمٌ', 'مُعَلِّمُونَ'], ['مُهَنْدِسٌ', 'مُهَنْدِسُونَ'], ['لَاعِبٌ', 'لَاعِبُونَ'], ['مُسَافِرٌ', 'مُسَافِرُونَ'], ['فَلَّاحٌ', 'فَلَّاحُونَ'], ['مُجْتَهِدٌ', 'مُجْتَهِدُونَ'], ['مُسْلِمٌ', 'مُسْلِمُونَ']]),
      pairs('جَمْعُ المُؤَنَّثِ السَّالِمُ', {
        ask: (w) => `مَا جَمْعُ «${w}»؟`,
        claim: (w, v) => `جَمْعُ «${w}» هُوَ «${v}».`,
      }, [['مُعَلِّمَةٌ', 'مُعَلِّمَاتٌ'], ['طَالِبَةٌ', 'طَالِبَاتٌ'], ['شَجَرَةٌ', 'شَجَرَاتٌ'], ['سَيَّارَةٌ', 'سَيَّارَاتٌ'], ['مُمَرِّضَةٌ', 'مُمَرِّضَاتٌ'], ['طَاوِلَةٌ', 'طَاوِلَاتٌ'], ['نَخْلَةٌ', 'نَخْلَاتٌ'], ['بَقَرَةٌ', 'بَقَرَاتٌ']]),
      pairs('جَمْعُ التَّكْسِيرِ', {
        ask: (w) => `مَا جَمْعُ «${w}»؟`,
        claim: (w, v) => `جَمْعُ «${w}» هُوَ «${v}».`,
      }, [['كِتَابٌ', 'كُتُبٌ'], ['قَلَمٌ', 'أَقْلَامٌ'], ['وَلَدٌ', 'أَوْلَادٌ'], ['بَيْتٌ', 'بُيُوتٌ'], ['دَرْسٌ', 'دُرُوسٌ'], ['بَابٌ', 'أَبْوَابٌ'], ['جَبَلٌ', 'جِبَالٌ'], ['بَحْرٌ', 'بِحَارٌ'], ['نَجْمٌ', 'نُجُومٌ'], ['صَدِيقٌ', 'أَصْدِقَاءُ']]),
      pairs('المُذَكَّرُ وَالمُؤَنَّثُ', {
        ask: (w) => `مَا مُؤَنَّثُ «${w}»؟`,
        claim: (w, v) => `مُؤَنَّثُ «${w}» هُوَ «${v}».`,
      }, [['طَالِبٌ', 'طَالِبَةٌ'], ['مُعَلِّمٌ', 'مُعَلِّمَةٌ'], ['طَبِيبٌ', 'طَبِيبَةٌ'], ['جَدٌّ', 'جَدَّةٌ'], ['أَبٌ', 'أُمٌّ'], ['وَلَدٌ', 'بِنْتٌ'], ['أَخٌ', 'أُخْتٌ'], ['رَجُلٌ', 'امْرَأَةٌ'], ['عَمٌّ', 'عَمَّةٌ']]),
    ],
  },
  {
    title: 'مَعَانِي الكَلِمَاتِ', subject: 'ARABIC', grade: 3, locale: 'ar', concepts: [
      pairs('الأَضْدَادُ', {
        ask: (w) => `مَا ضِدُّ كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `ضِدُّ «${w}» هُوَ «${v}».`,
      }, [['كَبِيرٌ', 'صَغِيرٌ'], ['طَوِيلٌ', 'قَصِيرٌ'], ['حَارٌّ', 'بَارِدٌ'], ['نَهَارٌ', 'لَيْلٌ'], ['فَوْقَ', 'تَحْتَ'], ['سَرِيعٌ', 'بَطِيءٌ'], ['قَرِيبٌ', 'بَعِيدٌ'], ['جَدِيدٌ', 'قَدِيمٌ'], ['سَعِيدٌ', 'حَزِينٌ'], ['مَفْتُوحٌ', 'مُغْلَقٌ']]),
      pairs('المُرَادِفَاتُ', {
        ask: (w) => `مَا مُرَادِفُ كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `مُرَادِفُ «${w}» هُوَ «${v}».`,
      }, [['جَمِيلٌ', 'حَسَنٌ'], ['سَعِيدٌ', 'فَرِحٌ'], ['شُجَاعٌ', 'جَرِيءٌ'], ['ذَهَبَ', 'مَضَى'], ['بَدَأَ', 'شَرَعَ'], ['الأَسَدُ', 'اللَّيْثُ'], ['البَيْتُ', 'المَنْزِلُ'], ['رَأَى', 'شَاهَدَ'], ['كَرِيمٌ', 'جَوَادٌ']]),
      pairs('الأَلْوَانُ', {
        ask: (w) => `مَا لَوْنُ ${w}؟`,
        claim: (w, v) => `لَوْنُ ${w} ${v}.`,
      }, [['الحَلِيبِ', 'أَبْيَضُ'], ['العُشْبِ', 'أَخْضَرُ'], ['السَّمَاءِ الصَّافِيَةِ', 'أَزْرَقُ'], ['الدَّمِ', 'أَحْمَرُ'], ['الفَحْمِ', 'أَسْوَدُ'], ['المَوْزِ النَّاضِجِ', 'أَصْفَرُ'], ['البُرْتُقَالِ', 'بُرْتُقَالِيٌّ'], ['الثَّلْجِ', 'أَبْيَضُ']]),
      pairs('أَفْرَادُ الأُسْرَةِ', {
        ask: (w) => `مَاذَا نُسَمِّي ${w}؟`,
        claim: (w, v) => `نُسَمِّي ${w} «${v}».`,
      }, [['أَخَا أَبِي', 'عَمِّي'], ['أُخْتَ أَبِي', 'عَمَّتِي'], ['أَخَا أُمِّي', 'خَالِي'], ['أُخْتَ أُمِّي', 'خَالَتِي'], ['أَبَا أَبِي', 'جَدِّي'], ['أُمَّ أُمِّي', 'جَدَّتِي']]),
      pairs('أَعْضَاءُ الجِسْمِ', {
        ask: (w) => `مَا العُضْوُ الَّذِي ${w}؟`,
        claim: (w, v) => `العُضْوُ الَّذِي ${w} هُوَ ${v}.`,
      }, [['نَرَى بِهِ', 'العَيْنُ'], ['نَسْمَعُ بِهِ', 'الأُذُنُ'], ['نَشَمُّ بِهِ', 'الأَنْفُ'], ['نَتَذَوَّقُ بِهِ', 'اللِّسَانُ'], ['نَمْشِي عَلَيْهِ', 'القَدَمُ'], ['نُمْسِكُ بِهِ الأَشْيَاءَ', 'اليَدُ'], ['يَضُخُّ الدَّمَ', 'القَلْبُ']]),
    ],
  },
  {
    title: 'أَنْوَاعُ الكَلِمَةِ', subject: 'ARABIC', grade: 3, locale: 'ar', concepts: [
      pairs('الاسْمُ وَالفِعْلُ وَالحَرْفُ', {
        ask: (w) => `مَا نَوْعُ كَلِمَةِ «${w}»؟`,
        claim: (w, v) => `كَلِمَةُ «${w}» ${v}.`,
        options: ['اسْمٌ', 'فِعْلٌ', 'حَرْفٌ'],
      }, [['كَتَبَ', 'فِعْلٌ'], ['مَدْرَسَةٌ', 'اسْمٌ'], ['فِي', 'حَرْفٌ'], ['يَلْعَبُ', 'فِعْلٌ'], ['قَمَرٌ', 'اسْمٌ'], ['عَلَى', 'حَرْفٌ'], ['شَرِبَ', 'فِعْلٌ'], ['حَدِيقَةٌ', 'اسْمٌ'], ['مِنْ', 'حَرْفٌ'], ['يَقْرَأُ', 'فِعْلٌ']]),
      pairs('أَسْمَاءُ الإِشَارَةِ', {
        ask: (w) => `اخْتَرِ اسْمَ الإِشَارَةِ المُنَاسِبَ: «${BLANK} ${w}»`,
        claim: (w, v) => `«${v} ${w}» جُمْلَةٌ صَحِيحَةٌ.`,
        blank: (w) => `${BLANK} ${w}.`,
        options: ['هَذَا', 'هَذِهِ', 'هَؤُلَاءِ'],
      }, [['وَلَدٌ مُجْتَهِدٌ', 'هَذَا'], ['قَلَمٌ جَدِيدٌ', 'هَذَا'], ['بَيْتٌ كَبِيرٌ', 'هَذَا'], ['بِنْتٌ مُؤَدَّبَةٌ', 'هَذِهِ'], ['شَجَرَةٌ عَالِيَةٌ', 'هَذِهِ'], ['سَيَّارَةٌ سَرِيعَةٌ', 'هَذِهِ'],
        ['طُلَّابٌ نَشِيطُونَ', 'هَؤُلَاءِ'], ['مُعَلِّمَاتٌ مَاهِرَاتٌ', 'هَؤُلَاءِ']]),
      pairs('الضَّمَائِرُ', {
        ask: (w) => `مَا الضَّمِيرُ الَّذِي يَحُلُّ مَحَلَّ «${w}»؟`,
        claim: (w, v) => `الضَّمِيرُ الَّذِي يَحُلُّ مَحَلَّ «${w}» هُوَ «${v}».`,
        options: ['هُوَ', 'هِيَ', 'هُمْ', 'هُنَّ'],
      }, [['الوَلَدُ', 'هُوَ'], ['المُعَلِّمُ', 'هُوَ'], ['البِنْتُ', 'هِيَ'], ['الأُمُّ', 'هِيَ'], ['الأَوْلَادُ', 'هُمْ'], ['اللَّاعِبُونَ', 'هُمْ'], ['البَنَاتُ', 'هُنَّ'], ['المُمَرِّضَاتُ', 'هُنَّ']]),
      pairs('الفِعْلُ المَاضِي وَالمُضَارِعُ', {
        ask: (w) => `مَا المُضَارِعُ مِنَ الفِعْلِ «${w}»؟`,
        claim: (w, v) => `المُضَارِعُ مِنَ الفِعْلِ «${w}» هُوَ «${v}».`,
      }, [['كَتَبَ', 'يَكْتُبُ'], ['قَرَأَ', 'يَقْرَأُ'], ['لَعِبَ', 'يَلْعَبُ'], ['شَرِبَ', 'يَشْرَبُ'], ['جَلَسَ', 'يَجْلِسُ'], ['ذَهَبَ', 'يَذْهَبُ'], ['رَسَمَ', 'يَرْسُمُ'], ['فَتَحَ', 'يَفْتَحُ'], ['نَامَ', 'يَنَامُ'], ['أَكَلَ', 'يَأْكُلُ']]),
      pairs('فِعْلُ الأَمْرِ', {
        ask: (w) => `مَا الأَمْرُ مِنَ الفِعْلِ «${w}»؟`,
        claim: (w, v) => `الأَمْرُ مِنَ الفِعْلِ «${w}» هُوَ «${v}».`,
      }, [['يَكْتُبُ', 'اُكْتُبْ'], ['يَجْلِسُ', 'اِجْلِسْ'], ['يَفْتَحُ', 'اِفْتَحْ'], ['يَرْسُمُ', 'اُرْسُمْ'], ['يَلْعَبُ', 'اِلْعَبْ'], ['يَشْرَبُ', 'اِشْرَبْ'], ['يَقْرَأُ', 'اِقْرَأْ'], ['يَذْهَبُ', 'اِذْهَبْ']]),
    ],
  },
  {
    title: 'الجُمْلَةُ', subject: 'ARABIC', grade: 4, locale: 'ar', concepts: [
      pairs('أَدَوَاتُ الاسْتِفْهَامِ', {
        ask: (w) => `اخْتَرْ أَدَاةَ الاسْتِفْهَامِ المُنَاسِبَةَ: «${BLANK} ${w}»`,
        claim: (w, v) => `«${v} ${w}» سُؤَالٌ صَحِيحٌ.`,
        blank: (w) => `${BLANK} ${w}`,
        options: ['مَنْ', 'مَا', 'أَيْنَ', 'كَيْفَ', 'كَمْ'],
      }, [['اسْمُكَ؟', 'مَا'], ['لَوْنُ قَمِيصِكَ؟', 'مَا'], ['تَسْكُنُ؟', 'أَيْنَ'], ['يَقَعُ المَسْجِدُ؟', 'أَيْنَ'], ['مُعَلِّمُكَ؟', 'مَنْ'], ['كَتَبَ هَذِهِ القِصَّةَ؟', 'مَنْ'], ['حَالُكَ؟', 'كَيْفَ'], ['كِتَابًا قَرَأْتَ؟', 'كَمْ']]),
      pairs('حُرُوفُ الجَرِّ', {
        ask: (s) => `اخْتَرْ حَرْفَ الجَرِّ المُنَاسِبَ: «${s}»`,
        claim: (s, v) => `«${fill(s, v)}» جُمْلَةٌ صَحِيحَةٌ.`,
        blank: (s) => s,
        options: ['فِي', 'عَلَى', 'مِنْ', 'إِلَى', 'عَنْ'],
      }, [[`ذَهَبْتُ ${BLANK} المَدْرَسَةِ.`, 'إِلَى'], [`سَافَرَ أَبِي ${BLANK} مَكَّةَ.`, 'إِلَى'], [`وَضَعْتُ الكِتَابَ ${BLANK} الطَّاوِلَةِ.`, 'عَلَى'], [`يَعِيشُ السَّمَكُ ${BLANK} المَاءِ.`, 'فِي'],
        [`خَرَجَ الأَسَدُ ${BLANK} عَرِينِهِ.`, 'مِنْ'], [`أَكَلْتُ ${BLANK} طَعَامِ أُمِّي.`, 'مِنْ'], [`تَحَدَّثَ المُعَلِّمُ ${BLANK} فَوَائِدِ القِرَاءَةِ.`, 'عَنْ']]),
      pairs('الجُمْلَةُ الاسْمِيَّةُ وَالجُمْلَةُ الفِعْلِيَّةُ', {
        ask: (w) => `هَلْ جُمْلَةُ «${w}» اسْمِيَّةٌ أَمْ فِعْلِيَّةٌ؟`,
        claim: (w, v) => `جُمْلَةُ «${w}» ${v}.`,
        options: ['اسْمِيَّةٌ', 'فِعْلِيَّةٌ'],
      }, [['الجَوُّ جَمِيلٌ', 'اسْمِيَّةٌ'], ['الشَّمْسُ مُشْرِقَةٌ', 'اسْمِيَّةٌ'], ['البَيْتُ نَظِيفٌ', 'اسْمِيَّةٌ'], ['العِلْمُ نُورٌ', 'اسْمِيَّةٌ'],
        ['ذَهَبَ الوَلَدُ إِلَى السُّوقِ', 'فِعْلِيَّةٌ'], ['يَقْرَأُ أَحْمَدُ القِصَّةَ', 'فِعْلِيَّةٌ'], ['نَامَ الطِّفْلُ', 'فِعْلِيَّةٌ'], ['تَلْعَبُ سَارَةُ فِي الحَدِيقَةِ', 'فِعْلِيَّةٌ']]),
      pairs('الفَاعِلُ', {
        ask: (w) => `مَا الفَاعِلُ فِي جُمْلَةِ «${w}»؟`,
        claim: (w, v) => `الفَاعِلُ فِي جُمْلَةِ «${w}» هُوَ «${v}».`,
      }, [['كَتَبَ الطَّالِبُ الدَّرْسَ', 'الطَّالِبُ', ['الدَّرْسَ', 'كَتَبَ']], ['شَرِبَ الطِّفْلُ الحَلِيبَ', 'الطِّفْلُ', ['الحَلِيبَ', 'شَرِبَ']],
        ['فَتَحَ المُعَلِّمُ البَابَ', 'المُعَلِّمُ', ['البَابَ', 'فَتَحَ']], ['قَرَأَتْ مَرْيَمُ القِصَّةَ', 'مَرْيَمُ', ['القِصَّةَ', 'قَرَأَتْ']],
        ['زَرَعَ الفَلَّاحُ الشَّجَرَةَ', 'الفَلَّاحُ', ['الشَّجَرَةَ', 'زَرَعَ']], ['غَرَّدَ العُصْفُورُ فَوْقَ الشَّجَرَةِ', 'العُصْفُورُ', ['الشَّجَرَةِ', 'غَرَّدَ']]]),
      pairs('المُبْتَدَأُ وَالخَبَرُ', {
        ask: (w) => `مَا الخَبَرُ فِي جُمْلَةِ «${w}»؟`,
        claim: (w, v) => `الخَبَرُ فِي جُمْلَةِ «${w}» هُوَ «${v}».`,
      }, [['السَّمَاءُ صَافِيَةٌ', 'صَافِيَةٌ', ['السَّمَاءُ']], ['الطَّالِبُ مُجْتَهِدٌ', 'مُجْتَهِدٌ', ['الطَّالِبُ']], ['البَحْرُ وَاسِعٌ', 'وَاسِعٌ', ['البَحْرُ']],
        ['الحَدِيقَةُ جَمِيلَةٌ', 'جَمِيلَةٌ', ['الحَدِيقَةُ']], ['الشَّايُ سَاخِنٌ', 'سَاخِنٌ', ['الشَّايُ']], ['الكِتَابُ مُفِيدٌ', 'مُفِيدٌ', ['الكِتَابُ']]]),
    ],
  },
  {
    title: 'كَلِمَاتٌ مِنْ حَيَاتِنَا', subject: 'ARABIC', grade: 4, locale: 'ar', concepts: [
      pairs('أَيَّامُ الأُسْبُوعِ', {
        ask: (w) => `مَا اليَوْمُ الَّذِي يَأْتِي بَعْدَ يَوْمِ ${w}؟`,
        claim: (w, v) => `اليَوْمُ الَّذِي يَأْتِي بَعْدَ يَوْمِ ${w} هُوَ يَوْمُ ${v}.`,
      }, [['السَّبْتِ', 'الأَحَدِ'], ['الأَحَدِ', 'الاثْنَيْنِ'], ['الاثْنَيْنِ', 'الثُّلَاثَاءِ'], ['الثُّلَاثَاءِ', 'الأَرْبِعَاءِ'], ['الأَرْبِعَاءِ', 'الخَمِيسِ'], ['الخَمِيسِ', 'الجُمُعَةِ'], ['الجُمُعَةِ', 'السَّبْتِ']]),
      pairs('فُصُولُ السَّنَةِ', {
        ask: (w) => `فِي أَيِّ فَصْلٍ ${w}؟`,
        claim: (w, v) => `${w} فِي فَصْلِ ${v}.`,
        options: ['الشِّتَاءِ', 'الرَّبِيعِ', 'الصَّيْفِ', 'الخَرِيفِ'],
      }, [['يَشْتَدُّ البَرْدُ', 'الشِّتَاءِ'], ['نَلْبَسُ المَلَابِسَ الصُّوفِيَّةَ', 'الشِّتَاءِ'], ['تَتَفَتَّحُ الأَزْهَارُ', 'الرَّبِيعِ'], ['تَشْتَدُّ الحَرَارَةُ', 'الصَّيْفِ'],
        ['نَسْبَحُ فِي البَحْرِ', 'الصَّيْفِ'], ['تَتَسَاقَطُ أَوْرَاقُ الأَشْجَارِ', 'الخَرِيفِ']]),
      pairs('المِهَنُ', {
        ask: (w) => `مَنِ الَّذِي ${w}؟`,
        claim: (w, v) => `${v} هُوَ الَّذِي ${w}.`,
      }, [['يُعَالِجُ المَرْضَى', 'الطَّبِيبُ'], ['يَخْبِزُ الخُبْزَ', 'الخَبَّازُ'], ['يَزْرَعُ الأَرْضَ', 'الفَلَّاحُ'], ['يُطْفِئُ الحَرَائِقَ', 'رَجُلُ الإِطْفَاءِ'],
        ['يُعَلِّمُ التَّلَامِيذَ', 'المُعَلِّمُ'], ['يَصِيدُ السَّمَكَ', 'الصَّيَّادُ'], ['يَبْنِي البُيُوتَ', 'البَنَّاءُ'], ['يَقُودُ الطَّائِرَةَ', 'الطَّيَّارُ']]),
      pairs('الأَمَاكِنُ', {
        ask: (w) => `أَيْنَ ${w}؟`,
        claim: (w, v) => `${w} فِي ${v}.`,
      }, [['نَشْتَرِي الدَّوَاءَ', 'الصَّيْدَلِيَّةِ'], ['نَسْتَعِيرُ الكُتُبَ', 'المَكْتَبَةِ'], ['نَرَى الحَيَوَانَاتِ', 'حَدِيقَةِ الحَيَوَانِ'], ['نَتَعَلَّمُ', 'المَدْرَسَةِ'],
        ['نُصَلِّي', 'المَسْجِدِ'], ['نَشْتَرِي الخُبْزَ', 'المَخْبَزِ'], ['يُعَالَجُ المَرِيضُ', 'المُسْتَشْفَى']]),
      pairs('بُيُوتُ الحَيَوَانَاتِ', {
        ask: (w) => `أَيْنَ يَعِيشُ ${w}؟`,
        claim: (w, v) => `يَعِيشُ ${w} فِي ${v}.`,
      }, [['الأَسَدُ', 'العَرِينِ'], ['الطَّائِرُ', 'العُشِّ'], ['النَّحْلُ', 'الخَلِيَّةِ'], ['الحِصَانُ', 'الإِسْطَبْلِ'], ['الأَرْنَبُ', 'الجُحْرِ'], ['الدَّجَاجُ', 'القُنِّ'], ['السَّمَكُ', 'المَاءِ']]),
    ],
  },
  {
    title: 'الكِتَابَةُ السَّلِيمَةُ', subject: 'ARABIC', grade: 4, locale: 'ar', concepts: [
      pairs('كِتَابَةُ الأَعْدَادِ بِالحُرُوفِ', {
        ask: (n) => `كَيْفَ نَكْتُبُ العَدَدَ ${n} بِالحُرُوفِ؟`,
        claim: (n, v) => `العَدَدُ ${n} يُكْتَبُ «${v}».`,
      }, [['1', 'وَاحِدٌ'], ['2', 'اثْنَانِ'], ['3', 'ثَلَاثَةٌ'], ['4', 'أَرْبَعَةٌ'], ['5', 'خَمْسَةٌ'], ['6', 'سِتَّةٌ'], ['7', 'سَبْعَةٌ'], ['8', 'ثَمَانِيَةٌ'], ['9', 'تِسْعَةٌ'], ['10', 'عَشَرَةٌ']]),
      pairs('مُفْرَدُ الجَمْعِ', {
        ask: (w) => `مَا مُفْرَدُ «${w}»؟`,
        claim: (w, v) => `مُفْرَدُ «${w}» هُوَ «${v}».`,
      }, [['أَشْجَارٌ', 'شَجَرَةٌ'], ['أَزْهَارٌ', 'زَهْرَةٌ'], ['مَلَاعِبُ', 'مَلْعَبٌ'], ['مَدَارِسُ', 'مَدْرَسَةٌ'], ['عَصَافِيرُ', 'عُصْفُورٌ'], ['حُقُولٌ', 'حَقْلٌ'], ['أَنْهَارٌ', 'نَهْرٌ'], ['غُيُومٌ', 'غَيْمَةٌ']]),
      pairs('التَّاءُ المَرْبُوطَةُ وَالتَّاءُ المَفْتُوحَةُ', {
        ask: (w) => `هَلِ التَّاءُ فِي آخِرِ «${w}» مَرْبُوطَةٌ أَمْ مَفْتُوحَةٌ؟`,
        claim: (w, v) => `التَّاءُ فِي آخِرِ «${w}» ${v}.`,
        options: ['مَرْبُوطَةٌ', 'مَفْتُوحَةٌ'],
      }, [['مَدْرَسَةٌ', 'مَرْبُوطَةٌ'], ['شَجَرَةٌ', 'مَرْبُوطَةٌ'], ['فَرَاشَةٌ', 'مَرْبُوطَةٌ'], ['تُفَّاحَةٌ', 'مَرْبُوطَةٌ'], ['بَيْتٌ', 'مَفْتُوحَةٌ'], ['بَنَاتٌ', 'مَفْتُوحَةٌ'], ['زَيْتٌ', 'مَفْتُوحَةٌ'], ['سَكَتَ', 'مَفْتُوحَةٌ']]),
      pairs('الصِّفَةُ وَالمَوْصُوفُ', {
        ask: (s) => `اخْتَرِ الصِّفَةَ المُنَاسِبَةَ: «${s}»`,
        claim: (s, v) => `«${fill(s, v)}» جُمْلَةٌ صَحِيحَةٌ.`,
        blank: (s) => `${s}.`,
      }, [[`هَذِهِ بِنْتٌ ${BLANK}`, 'مُؤَدَّبَةٌ', ['مُؤَدَّبٌ', 'مُؤَدَّبُونَ']], [`هَذَا بَيْتٌ ${BLANK}`, 'وَاسِعٌ', ['وَاسِعَةٌ', 'وَاسِعَاتٌ']],
        [`هَذِهِ سَيَّارَةٌ ${BLANK}`, 'سَرِيعَةٌ', ['سَرِيعٌ', 'سَرِيعُونَ']], [`هَذَا طَالِبٌ ${BLANK}`, 'مُجْتَهِدٌ', ['مُجْتَهِدَةٌ', 'مُجْتَهِدُونَ']],
        [`هَذِهِ زَهْرَةٌ ${BLANK}`, 'جَمِيلَةٌ', ['جَمِيلٌ', 'جَمِيلَاتٌ']], [`هَؤُلَاءِ لَاعِبُونَ ${BLANK}`, 'مَاهِرُونَ', ['مَاهِرٌ', 'مَاهِرَةٌ']]]),
      pairs('الأَشْهُرُ الهِجْرِيَّةُ', {
        ask: (w) => `مَا الشَّهْرُ الَّذِي يَأْتِي بَعْدَ ${w}؟`,
        claim: (w, v) => `الشَّهْرُ الَّذِي يَأْتِي بَعْدَ ${w} هُوَ ${v}.`,
      }, [['مُحَرَّمٍ', 'صَفَرٌ'], ['رَجَبٍ', 'شَعْبَانُ'], ['شَعْبَانَ', 'رَمَضَانُ'], ['رَمَضَانَ', 'شَوَّالٌ'], ['شَوَّالٍ', 'ذُو القَعْدَةِ'], ['ذِي القَعْدَةِ', 'ذُو الحِجَّةِ'], ['ذِي الحِجَّةِ', 'مُحَرَّمٌ']]),
    ],
  },
];

const WORD_PROBLEMS_AR: readonly ((a: number, b: number) => { text: string; answer: number; slip: number })[] = [
  (a, b) => ({ text: `فِي الحَدِيقَةِ ${a + b} مِنَ العَصَافِيرِ، وَطَارَ مِنْهَا ${b}. كَمْ عُصْفُورًا بَقِيَ فِي الحَدِيقَةِ؟`, answer: a, slip: a + 2 * b }),
  (a, b) => ({ text: `مَعَ يُوسُفَ ${a} مِنَ الأَقْلَامِ، وَاشْتَرَى ${b} أُخْرَى. كَمْ قَلَمًا مَعَهُ الآنَ؟`, answer: a + b, slip: Math.abs(a - b) }),
  (a, b) => ({ text: `فِي المَكْتَبَةِ ${a + b} مِنَ الكُتُبِ، وَاسْتَعَارَ الطُّلَّابُ ${b} مِنْهَا. كَمْ كِتَابًا بَقِيَ؟`, answer: a, slip: a + 2 * b }),
  (a, b) => ({ text: `قَطَفَتْ سَارَةُ ${a} مِنَ التُّفَّاحِ، وَقَطَفَتْ أُخْتُهَا ${b}. كَمْ تُفَّاحَةً قَطَفَتَا مَعًا؟`, answer: a + b, slip: Math.abs(a - b) }),
  (a, b) => ({ text: `فِي الحَافِلَةِ ${a} مِنَ الرُّكَّابِ، وَصَعِدَ ${b} آخَرُونَ. كَمْ رَاكِبًا فِي الحَافِلَةِ الآنَ؟`, answer: a + b, slip: Math.abs(a - b) }),
];

const WORD_PROBLEMS_EN: readonly ((a: number, b: number) => string)[] = [
  (a, b) => `There are ${a} boxes with ${b} pencils in each box. How many pencils are there altogether?`,
  (a, b) => `A bus has ${a} rows of seats with ${b} seats in each row. How many seats are there?`,
  (a, b) => `Each child gets ${b} stickers. How many stickers do ${a} children get?`,
  (a, b) => `A farmer plants ${a} rows of ${b} trees. How many trees does he plant?`,
  (a, b) => `A pack holds ${b} juice boxes. How many juice boxes are in ${a} packs?`,
];

/** a × b from one set of tables, as `equation` facts. */
const timesTable = (locale: Locale, rng: Rng, tables: readonly number[]) => {
  const a = pick(rng, tables);
  const b = between(rng, 2, 10);
  return equation(locale, rng, `${a} × ${b}`, a * b, slips(a * b, a * (b + 1), a * (b - 1), a + b));
};

/** (d × q) ÷ d, as `equation` facts. */
const divisionTable = (locale: Locale, rng: Rng, divisors: readonly number[]) => {
  const d = pick(rng, divisors);
  const q = between(rng, 2, 10);
  return equation(locale, rng, `${d * q} ÷ ${d}`, q, slips(q, q + 1, q - 1, d));
};

const MATH_LESSONS: readonly LessonSpec[] = [
  {
    title: 'الجَمْعُ وَالطَّرْحُ', subject: 'MATH', grade: 3, locale: 'ar', concepts: [
      generated('الجَمْعُ ضِمْنَ 100', (rng) => {
        // Ones and tens each add up to 9 at most: no regrouping yet.
        const [tensA, onesA] = [between(rng, 1, 7), between(rng, 0, 9)];
        const [tensB, onesB] = [between(rng, 1, 8 - tensA), between(rng, 0, 9 - onesA)];
        const [a, b] = [10 * tensA + onesA, 10 * tensB + onesB];
        return equation('ar', rng, `${a} + ${b}`, a + b, slips(a + b, a + b + 10, a + b - 10));
      }),
      generated('الطَّرْحُ ضِمْنَ 100', (rng) => {
        const [tensA, onesA] = [between(rng, 3, 9), between(rng, 0, 9)];
        const [tensB, onesB] = [between(rng, 1, tensA - 1), between(rng, 0, onesA)];
        const [a, b] = [10 * tensA + onesA, 10 * tensB + onesB];
        return equation('ar', rng, `${a} − ${b}`, a - b, slips(a - b, a - b + 10, a - b - 10));
      }),
      generated('الجَمْعُ مَعَ إِعَادَةِ التَّجْمِيعِ', (rng) => {
        // The ones make ten or more, so one ten carries.
        const onesA = between(rng, 1, 9);
        const a = 10 * between(rng, 10, 48) + onesA;
        const b = 10 * between(rng, 10, 49) + between(rng, 10 - onesA, 9);
        return equation('ar', rng, `${a} + ${b}`, a + b, slips(a + b, a + b - 10, a + b + 100));
      }),
      generated('الطَّرْحُ مَعَ إِعَادَةِ التَّجْمِيعِ', (rng) => {
        // The ones of `b` exceed those of `a`, so a ten is borrowed.
        const onesA = between(rng, 0, 8);
        const tensA = between(rng, 30, 99);
        const a = 10 * tensA + onesA;
        const b = 10 * between(rng, 10, tensA - 1) + between(rng, onesA + 1, 9);
        return equation('ar', rng, `${a} − ${b}`, a - b, slips(a - b, a - b + 10, a - b - 10, a - b + 100));
      }),
      generated('مَسَائِلُ كَلَامِيَّةٌ فِي الجَمْعِ وَالطَّرْحِ', (rng) => {
        const { text, answer, slip } = pick(rng, WORD_PROBLEMS_AR)(between(rng, 12, 45), between(rng, 5, 30));
        return question('ar', rng, text, answer, slips(answer, slip));
      }),
    ],
  },
  {
    title: 'Multiplication', subject: 'MATH', grade: 3, locale: 'en', concepts: [
      generated('Times tables: 2, 5 and 10', (rng) => timesTable('en', rng, [2, 5, 10])),
      generated('Times tables: 3 and 4', (rng) => timesTable('en', rng, [3, 4])),
      generated('Times tables: 6 to 9', (rng) => timesTable('en', rng, [6, 7, 8, 9])),
      generated('Multiplying by 10 and 100', (rng) => {
        const a = between(rng, 2, 99);
        const factor = pick(rng, [10, 100]);
        return equation('en', rng, `${a} × ${factor}`, a * factor, slips(a * factor, a * (factor === 10 ? 100 : 10), a + factor, a * factor * 10));
      }),
      generated('Multiplication word problems', (rng) => {
        const a = between(rng, 3, 9);
        const b = between(rng, 3, 12);
        return question('en', rng, pick(rng, WORD_PROBLEMS_EN)(a, b), a * b, slips(a * b, a + b, a * b + b, a * b - a));
      }),
    ],
  },
  {
    title: 'القِسْمَةُ', subject: 'MATH', grade: 3, locale: 'ar', concepts: [
      generated('القِسْمَةُ عَلَى 2 وَ5 وَ10', (rng) => divisionTable('ar', rng, [2, 5, 10])),
      generated('القِسْمَةُ عَلَى 3 وَ4', (rng) => divisionTable('ar', rng, [3, 4])),
      generated('القِسْمَةُ عَلَى 6 إِلَى 9', (rng) => divisionTable('ar', rng, [6, 7, 8, 9])),
      generated('القِسْمَةُ مَعَ بَاقٍ', (rng) => {
        const d = between(rng, 3, 9);
        const q = between(rng, 2, 9);
        const r = between(rng, 1, d - 1);
        const n = d * q + r;
        return fact(rng, {
          ask: `مَا بَاقِي قِسْمَةِ ${n} عَلَى ${d}؟`,
          claim: (v) => `بَاقِي قِسْمَةِ ${n} عَلَى ${d} هُوَ ${v}.`,
          answer: String(r),
          wrong: slips(r, q, d - r, r + 1),
        });
      }),
      generated('العَلَاقَةُ بَيْنَ الضَّرْبِ وَالقِسْمَةِ', (rng) => {
        const a = between(rng, 2, 9);
        const b = between(rng, 2, 9);
        const given = `إِذَا كَانَ ${a} × ${b} = ${a * b}`;
        return fact(rng, {
          ask: `${given}، فَكَمْ يُسَاوِي ${a * b} ÷ ${a}؟`,
          claim: (v) => `${given}، فَإِنَّ ${a * b} ÷ ${a} = ${v}`,
          answer: String(b),
          wrong: slips(b, a, a * b - a, b + 1),
        });
      }),
    ],
  },
  {
    title: 'Place value and rounding', subject: 'MATH', grade: 3, locale: 'en', concepts: [
      generated('Place value', (rng) => {
        const digits = shuffle(rng, [1, 2, 3, 4, 5, 6, 7, 8, 9]).slice(0, 3);
        const n = Number(digits.join(''));
        const place = between(rng, 0, 2);
        const digit = digits[2 - place]!;
        const value = digit * 10 ** place;
        return fact(rng, {
          ask: `What is the value of the digit ${digit} in ${n}?`,
          claim: (v) => `The digit ${digit} in ${n} has the value ${v}.`,
          answer: String(value),
          wrong: [0, 1, 2, 3].filter((p) => p !== place).map((p) => String(digit * 10 ** p)),
        });
      }),
      generated('Comparing numbers', (rng) => {
        // Four numbers with the same hundreds digit, so the tens decide.
        const hundreds = between(rng, 1, 9) * 100;
        const distinct = new Set<number>();
        while (distinct.size < 4) distinct.add(hundreds + between(rng, 0, 99));
        const numbers = [...distinct];
        const greatest = Math.max(...numbers);
        const list = numbers.slice(0, 3).join(', ') + ` or ${numbers[3]}`;
        return fact(rng, {
          ask: `Which number is the greatest: ${list}?`,
          claim: (v) => `${v} is the greatest of ${list.replace(' or ', ' and ')}.`,
          answer: String(greatest),
          wrong: [...numbers].sort((x, y) => y - x).slice(1).map(String),
        });
      }),
      generated('Rounding to the nearest ten', (rng) => {
        const n = between(rng, 1, 98) * 10 + pick(rng, [1, 2, 3, 4, 6, 7, 8, 9]);
        const down = n - (n % 10);
        const answer = n % 10 < 5 ? down : down + 10;
        return fact(rng, {
          ask: `Round ${n} to the nearest ten.`,
          claim: (v) => `${n} rounded to the nearest ten is ${v}.`,
          answer: String(answer),
          wrong: slips(answer, answer === down ? down + 10 : down, Math.round(n / 100) * 100, answer + 20),
        });
      }),
      generated('Rounding to the nearest hundred', (rng) => {
        const n = between(rng, 1, 9) * 100 + pick(rng, [between(rng, 1, 49), between(rng, 51, 99)]);
        const down = n - (n % 100);
        const answer = n % 100 < 50 ? down : down + 100;
        return fact(rng, {
          ask: `Round ${n} to the nearest hundred.`,
          claim: (v) => `${n} rounded to the nearest hundred is ${v}.`,
          answer: String(answer),
          wrong: slips(answer, answer === down ? down + 100 : down, Math.round(n / 10) * 10, answer + 200),
        });
      }),
      generated('Odd and even numbers', (rng) => {
        const n = between(rng, 10, 999);
        return fact(rng, {
          ask: `Is ${n} odd or even?`,
          claim: (v) => `${n} is ${v}.`,
          answer: n % 2 === 0 ? 'even' : 'odd',
          wrong: [n % 2 === 0 ? 'odd' : 'even'],
          options: ['odd', 'even'],
        });
      }),
    ],
  },
  {
    title: 'الكُسُورُ', subject: 'MATH', grade: 4, locale: 'ar', concepts: [
      generated('مَفْهُومُ الكَسْرِ', (rng) => {
        const d = between(rng, 3, 10);
        const n = between(rng, 1, d - 1);
        const whole = pick(rng, ['فَطِيرَةٌ', 'كَعْكَةٌ', 'بِطِّيخَةٌ', 'تُفَّاحَةٌ']);
        const story = `قُسِّمَتْ ${whole} إِلَى ${d} أَجْزَاءٍ مُتَسَاوِيَةٍ، وَأُكِلَ مِنْهَا ${n}`;
        return fact(rng, {
          ask: `${story}. مَا الكَسْرُ الَّذِي يُمَثِّلُ مَا أُكِلَ؟`,
          claim: (v) => `${story}؛ فَالكَسْرُ الَّذِي يُمَثِّلُ مَا أُكِلَ هُوَ ${v}.`,
          answer: `${n}/${d}`,
          wrong: [`${d - n}/${d}`, `${n}/${d + 1}`, `${d}/${n}`, `${n + 1}/${d}`],
        });
      }),
      generated('مُقَارَنَةُ الكُسُورِ', (rng) => {
        const d = between(rng, 4, 12);
        const [a, b] = shuffle(rng, Array.from({ length: d - 1 }, (_, i) => i + 1));
        const [x, y] = [`${a}/${d}`, `${b}/${d}`];
        return fact(rng, {
          ask: `أَيُّ الكَسْرَيْنِ أَكْبَرُ: ${x} أَمْ ${y}؟`,
          claim: (v) => `الكَسْرُ ${v} أَكْبَرُ مِنَ الكَسْرِ ${v === x ? y : x}.`,
          blank: `الكَسْرُ الأَكْبَرُ مِنْ بَيْنِ ${x} وَ ${y} هُوَ ${BLANK}.`,
          answer: a! > b! ? x : y,
          wrong: [a! > b! ? y : x],
          options: [x, y],
        });
      }),
      generated('جَمْعُ الكُسُورِ المُتَشَابِهَةِ', (rng) => {
        const d = between(rng, 5, 12);
        const a = between(rng, 1, d - 2);
        const b = between(rng, 1, d - 1 - a);
        return equation('ar', rng, `${a}/${d} + ${b}/${d}`, `${a + b}/${d}`, [`${a + b}/${2 * d}`, `${a + b + 1}/${d}`, `${Math.abs(a - b)}/${d}`, `${a * b}/${d}`]);
      }),
      generated('الكُسُورُ المُتَكَافِئَةُ', (rng) => {
        const b = between(rng, 2, 6);
        const a = between(rng, 1, b - 1);
        const k = between(rng, 2, 5);
        return fact(rng, {
          ask: `${a}/${b} = ؟/${b * k}`,
          claim: (v) => `${a}/${b} = ${v}/${b * k}`,
          answer: String(a * k),
          wrong: slips(a * k, a + k, a * k + 1, b * k - a),
        });
      }),
      generated('كَسْرٌ مِنْ عَدَدٍ', (rng) => {
        const d = pick(rng, [2, 3, 4, 5, 10]);
        const n = between(rng, 1, d - 1);
        const m = d * between(rng, 2, 10);
        return fact(rng, {
          ask: `كَمْ يُسَاوِي ${n}/${d} مِنْ ${m}؟`,
          claim: (v) => `${n}/${d} مِنْ ${m} يُسَاوِي ${v}.`,
          answer: String((m / d) * n),
          wrong: slips((m / d) * n, m / d, m - n, (m / d) * (n + 1)),
        });
      }),
    ],
  },
  {
    title: 'Measurement and geometry', subject: 'MATH', grade: 4, locale: 'en', concepts: [
      generated('Perimeter of rectangles', (rng) => {
        const l = between(rng, 4, 15);
        const w = between(rng, 2, l - 1);
        const rectangle = `A rectangle is ${l} cm long and ${w} cm wide.`;
        return fact(rng, {
          ask: `${rectangle} What is its perimeter?`,
          claim: (v) => `${rectangle} Its perimeter is ${v}.`,
          answer: `${2 * (l + w)} cm`,
          wrong: [l * w, l + w, 2 * l + w].map((n) => `${n} cm`),
        });
      }),
      generated('Area of rectangles', (rng) => {
        const l = between(rng, 3, 12);
        const w = between(rng, 2, l);
        const rectangle = `A rectangle is ${l} cm long and ${w} cm wide.`;
        return fact(rng, {
          ask: `${rectangle} What is its area?`,
          claim: (v) => `${rectangle} Its area is ${v}.`,
          answer: `${l * w} cm²`,
          wrong: [2 * (l + w), l + w, l * w + l].filter((n) => n !== l * w).map((n) => `${n} cm²`),
        });
      }),
      generated('Kinds of angles', (rng) => {
        const degrees = rng() < 0.2 ? 90 : pick(rng, [between(rng, 10, 85), between(rng, 95, 170)]);
        const kind = degrees < 90 ? 'acute' : degrees === 90 ? 'right' : 'obtuse';
        return fact(rng, {
          ask: `What kind of angle measures ${degrees}°?`,
          claim: (v) => `An angle of ${degrees}° is ${article(v)} angle.`,
          answer: kind,
          wrong: ['acute', 'right', 'obtuse'],
          options: ['acute', 'right', 'obtuse'],
        });
      }),
      generated('Units of time', (rng) => {
        const [unit, per, part] = pick(rng, [['hours', 60, 'minutes'], ['minutes', 60, 'seconds'], ['days', 24, 'hours'], ['weeks', 7, 'days']] as const);
        const count = between(rng, 2, 9);
        return fact(rng, {
          ask: `How many ${part} are in ${count} ${unit}?`,
          claim: (v) => `There are ${v} ${part} in ${count} ${unit}.`,
          answer: String(count * per),
          wrong: slips(count * per, count * 100, count * per + per, count * 10),
        });
      }),
      generated('Units of length', (rng) => {
        const [unit, per, part] = pick(rng, [['metres', 100, 'centimetres'], ['kilometres', 1000, 'metres'], ['centimetres', 10, 'millimetres']] as const);
        const count = between(rng, 2, 15);
        return fact(rng, {
          ask: `How many ${part} are in ${count} ${unit}?`,
          claim: (v) => `There are ${v} ${part} in ${count} ${unit}.`,
          answer: String(count * per),
          wrong: slips(count * per, count * per * 10, count * (per === 10 ? 100 : per / 10), count + per),
        });
      }),
    ],
  },
  {
    title: 'الضَّرْبُ وَالقِسْمَةُ المُتَقَدِّمَةُ', subject: 'MATH', grade: 4, locale: 'ar', concepts: [
      generated('الضَّرْبُ فِي عَدَدٍ مِنْ رَقْمٍ وَاحِدٍ', (rng) => {
        const a = between(rng, 12, 250);
        const b = between(rng, 3, 9);
        return equation('ar', rng, `${a} × ${b}`, a * b, slips(a * b, a * b - 10, a * b + 10, a * (b - 1)));
      }),
      generated('الضَّرْبُ فِي عَدَدٍ مِنْ رَقْمَيْنِ', (rng) => {
        const a = between(rng, 11, 49);
        const b = between(rng, 11, 29);
        return equation('ar', rng, `${a} × ${b}`, a * b, slips(a * b, a * (b % 10) + Math.floor(b / 10), a * b + 10, a * b - a));
      }),
      generated('القِسْمَةُ الطَّوِيلَةُ', (rng) => {
        const d = between(rng, 3, 9);
        const q = between(rng, 21, 120);
        return equation('ar', rng, `${d * q} ÷ ${d}`, q, slips(q, q + 10, q - 1, q + 1));
      }),
      generated('تَرْتِيبُ العَمَلِيَّاتِ', (rng) => {
        const [a, b, c] = [between(rng, 2, 20), between(rng, 2, 9), between(rng, 2, 9)];
        const form = between(rng, 0, 2);
        if (form === 0) return equation('ar', rng, `${a} + ${b} × ${c}`, a + b * c, slips(a + b * c, (a + b) * c, a + b + c));
        if (form === 1) return equation('ar', rng, `${b} × ${c} + ${a}`, b * c + a, slips(b * c + a, b * (c + a), b + c + a));
        return equation('ar', rng, `${a + b * c} − ${b} × ${c}`, a, slips(a, (a + b * c - b) * c, a + b));
      }),
      generated('الأَنْمَاطُ العَدَدِيَّةُ', (rng) => {
        const start = between(rng, 1, 50);
        const step = pick(rng, [2, 3, 4, 5, 10, 25]);
        const terms = [0, 1, 2, 3].map((i) => start + i * step);
        const next = start + 4 * step;
        const pattern = terms.join('، ');
        return fact(rng, {
          ask: `مَا العَدَدُ التَّالِي فِي النَّمَطِ: ${pattern}، ...؟`,
          claim: (v) => `العَدَدُ التَّالِي فِي النَّمَطِ ${pattern} هُوَ ${v}.`,
          answer: String(next),
          wrong: slips(next, next + step, next - 1, terms[3]! + 1),
        });
      }),
    ],
  },
];

const SCIENCE_LESSONS: readonly LessonSpec[] = [
  {
    title: 'النَّبَاتَاتُ وَالحَيَوَانَاتُ', subject: 'SCIENCE', grade: 3, locale: 'ar', concepts: [
      pairs('أَجْزَاءُ النَّبَاتِ وَوَظَائِفُهَا', {
        ask: (w) => `مَا الجُزْءُ مِنَ النَّبَاتِ الَّذِي ${w}؟`,
        claim: (w, v) => `الجُزْءُ مِنَ النَّبَاتِ الَّذِي ${w} هُوَ ${v}.`,
      }, [['يَمْتَصُّ المَاءَ مِنَ التُّرْبَةِ', 'الجَذْرُ'], ['يَصْنَعُ الغِذَاءَ لِلنَّبَاتِ', 'الوَرَقَةُ'], ['يَحْمِلُ الأَوْرَاقَ وَيَنْقُلُ المَاءَ', 'السَّاقُ'],
        ['تَتَكَوَّنُ مِنْهُ البُذُورُ وَالثِّمَارُ', 'الزَّهْرَةُ'], ['يَنْمُو مِنْهُ نَبَاتٌ جَدِيدٌ', 'البِذْرَةُ']]),
      pairs('حَاجَاتُ النَّبَاتِ', {
        ask: (w) => `هَلْ يَحْتَاجُ النَّبَاتُ إِلَى ${w} لِيَنْمُوَ؟`,
        claim: (w, v) => `${v === 'نَعَمْ' ? '' : 'لَا '}يَحْتَاجُ النَّبَاتُ إِلَى ${w} لِيَنْمُوَ.`,
        blank: (w) => `هَلْ يَحْتَاجُ النَّبَاتُ إِلَى ${w} لِيَنْمُوَ؟ (نَعَمْ أَوْ لَا) ${BLANK}`,
        options: ['نَعَمْ', 'لَا'],
      }, [['المَاءِ', 'نَعَمْ'], ['ضَوْءِ الشَّمْسِ', 'نَعَمْ'], ['الهَوَاءِ', 'نَعَمْ'], ['تُرْبَةٍ صَالِحَةٍ', 'نَعَمْ'], ['الحَلْوَى', 'لَا'], ['الظَّلَامِ الدَّائِمِ', 'لَا'], ['المِلْحِ الكَثِيرِ', 'لَا']]),
      pairs('تَصْنِيفُ الحَيَوَانَاتِ', {
        ask: (w) => `إِلَى أَيِّ مَجْمُوعَةٍ يَنْتَمِي ${w}؟`,
        claim: (w, v) => `يَنْتَمِي ${w} إِلَى ${v}.`,
        options: ['الثَّدْيِيَّاتِ', 'الطُّيُورِ', 'الأَسْمَاكِ', 'الزَّوَاحِفِ'],
      }, [['الجَمَلُ', 'الثَّدْيِيَّاتِ'], ['الحُوتُ', 'الثَّدْيِيَّاتِ'], ['الحِصَانُ', 'الثَّدْيِيَّاتِ'], ['النَّسْرُ', 'الطُّيُورِ'], ['الصَّقْرُ', 'الطُّيُورِ'],
        ['القِرْشُ', 'الأَسْمَاكِ'], ['السَّلْمُونُ', 'الأَسْمَاكِ'], ['التِّمْسَاحُ', 'الزَّوَاحِفِ'], ['الضَّبُّ', 'الزَّوَاحِفِ']]),
      pairs('غِذَاءُ الحَيَوَانَاتِ', {
        ask: (w) => `إِلَى أَيِّ نَوْعٍ يَنْتَمِي ${w} حَسَبَ غِذَائِهِ؟`,
        claim: (w, v) => `يَنْتَمِي ${w} إِلَى ${v}.`,
        options: ['آكِلَاتِ الأَعْشَابِ', 'آكِلَاتِ اللُّحُومِ', 'آكِلَاتِ الأَعْشَابِ وَاللُّحُومِ'],
      }, [['الغَزَالُ', 'آكِلَاتِ الأَعْشَابِ'], ['الجَمَلُ', 'آكِلَاتِ الأَعْشَابِ'], ['الأَرْنَبُ', 'آكِلَاتِ الأَعْشَابِ'], ['الأَسَدُ', 'آكِلَاتِ اللُّحُومِ'],
        ['الذِّئْبُ', 'آكِلَاتِ اللُّحُومِ'], ['النَّمِرُ', 'آكِلَاتِ اللُّحُومِ'], ['الدُّبُّ', 'آكِلَاتِ الأَعْشَابِ وَاللُّحُومِ'], ['الغُرَابُ', 'آكِلَاتِ الأَعْشَابِ وَاللُّحُومِ']]),
      pairs('دَوْرَةُ الحَيَاةِ', {
        ask: (w) => `مَا المَرْحَلَةُ الَّتِي تَأْتِي بَعْدَ ${w}؟`,
        claim: (w, v) => `المَرْحَلَةُ الَّتِي تَأْتِي بَعْدَ ${w}: ${v}.`,
      }, [['البَيْضَةِ فِي حَيَاةِ الفَرَاشَةِ', 'اليَرَقَةُ', ['العَذْرَاءُ', 'الفَرَاشَةُ البَالِغَةُ']], ['اليَرَقَةِ فِي حَيَاةِ الفَرَاشَةِ', 'العَذْرَاءُ', ['البَيْضَةُ', 'الفَرَاشَةُ البَالِغَةُ']],
        ['العَذْرَاءِ فِي حَيَاةِ الفَرَاشَةِ', 'الفَرَاشَةُ البَالِغَةُ', ['اليَرَقَةُ', 'البَيْضَةُ']], ['البَيْضَةِ فِي حَيَاةِ الدَّجَاجَةِ', 'الكَتْكُوتُ', ['الدَّجَاجَةُ البَالِغَةُ', 'البَيْضَةُ']],
        ['الكَتْكُوتِ فِي حَيَاةِ الدَّجَاجَةِ', 'الدَّجَاجَةُ البَالِغَةُ', ['البَيْضَةُ', 'الكَتْكُوتُ']]]),
    ],
  },
  {
    title: 'Materials and matter', subject: 'SCIENCE', grade: 3, locale: 'en', concepts: [
      pairs('States of matter', {
        ask: (w) => `Is ${w} a solid, a liquid or a gas?`,
        claim: (w, v) => `${cap(w)} is ${article(v)}.`,
        options: ['solid', 'liquid', 'gas'],
      }, [['ice', 'solid'], ['a rock', 'solid'], ['a wooden spoon', 'solid'], ['milk', 'liquid'], ['orange juice', 'liquid'], ['honey', 'liquid'], ['steam', 'gas'], ['the air in a balloon', 'gas']]),
      pairs('Magnets', {
        ask: (w) => `Does a magnet attract ${w}?`,
        claim: (w, v) => (v === 'yes' ? `A magnet attracts ${w}.` : `A magnet does not attract ${w}.`),
        blank: (w) => `Does a magnet attract ${w}? Answer yes or no: ${BLANK}`,
        options: ['yes', 'no'],
      }, [['an iron nail', 'yes'], ['a steel paper clip', 'yes'], ['a steel spoon', 'yes'], ['a plastic cup', 'no'], ['a wooden pencil', 'no'], ['a glass marble', 'no'], ['an aluminium can', 'no'], ['a rubber band', 'no']]),
      pairs('Floating and sinking', {
        ask: (w) => `Does ${w} float or sink in water?`,
        claim: (w, v) => `In water, ${w} will ${v}.`,
        options: ['float', 'sink'],
      }, [['a cork', 'float'], ['a leaf', 'float'], ['a plastic duck', 'float'], ['an apple', 'float'], ['a stone', 'sink'], ['a coin', 'sink'], ['a key', 'sink'], ['a marble', 'sink']]),
      pairs('Conductors and insulators', {
        ask: (w) => `Is ${w} a conductor or an insulator of electricity?`,
        claim: (w, v) => `${cap(w)} is ${article(v)} of electricity.`,
        options: ['conductor', 'insulator'],
      }, [['copper wire', 'conductor'], ['an iron nail', 'conductor'], ['aluminium foil', 'conductor'], ['a steel key', 'conductor'], ['rubber', 'insulator'], ['plastic', 'insulator'], ['wood', 'insulator'], ['glass', 'insulator']]),
      pairs('Natural and man-made materials', {
        ask: (w) => `Is ${w} natural or man-made?`,
        claim: (w, v) => `${cap(w)} is ${v}.`,
        options: ['natural', 'man-made'],
      }, [['wool', 'natural'], ['cotton', 'natural'], ['wood', 'natural'], ['stone', 'natural'], ['plastic', 'man-made'], ['glass', 'man-made'], ['nylon', 'man-made'], ['paper', 'man-made']]),
    ],
  },
  {
    title: 'الأَرْضُ وَالفَضَاءُ', subject: 'SCIENCE', grade: 3, locale: 'ar', concepts: [
      pairs('كَوَاكِبُ المَجْمُوعَةِ الشَّمْسِيَّةِ', {
        ask: (w) => `مَا ${w}؟`,
        claim: (w, v) => `${w} هُوَ ${v}.`,
      }, [['أَقْرَبُ كَوْكَبٍ إِلَى الشَّمْسِ', 'عُطَارِدُ'], ['أَكْبَرُ كَوْكَبٍ فِي المَجْمُوعَةِ الشَّمْسِيَّةِ', 'المُشْتَرِي'], ['الكَوْكَبُ الَّذِي نَعِيشُ عَلَيْهِ', 'الأَرْضُ'],
        ['الكَوْكَبُ الأَحْمَرُ', 'المِرِّيخُ'], ['الكَوْكَبُ الَّذِي تُحِيطُ بِهِ حَلَقَاتٌ كَبِيرَةٌ', 'زُحَلُ'], ['أَشَدُّ الكَوَاكِبِ حَرَارَةً', 'الزُّهَرَةُ']]),
      pairs('الشَّمْسُ وَالقَمَرُ', {
        ask: (w) => `أَيُّهُمَا ${w}: الشَّمْسُ أَمِ القَمَرُ؟`,
        claim: (w, v) => `${v} ${w}.`,
        options: ['الشَّمْسُ', 'القَمَرُ'],
      }, [['نَجْمٌ يُعْطِينَا الضَّوْءَ وَالحَرَارَةَ', 'الشَّمْسُ'], ['مَرْكَزُ المَجْمُوعَةِ الشَّمْسِيَّةِ', 'الشَّمْسُ'], ['أَكْبَرُ حَجْمًا مِنَ الأَرْضِ', 'الشَّمْسُ'],
        ['يَدُورُ حَوْلَ الأَرْضِ', 'القَمَرُ'], ['يَعْكِسُ ضَوْءَ الشَّمْسِ', 'القَمَرُ'], ['تَتَغَيَّرُ أَطْوَارُهُ خِلَالَ الشَّهْرِ', 'القَمَرُ']]),
      pairs('اللَّيْلُ وَالنَّهَارُ وَالفُصُولُ', questions('ar'), [
        ['مَا سَبَبُ تَعَاقُبِ اللَّيْلِ وَالنَّهَارِ؟', 'دَوَرَانُ الأَرْضِ حَوْلَ نَفْسِهَا', ['دَوَرَانُ الأَرْضِ حَوْلَ الشَّمْسِ', 'دَوَرَانُ القَمَرِ حَوْلَ الأَرْضِ', 'حَرَكَةُ الغُيُومِ']],
        ['مَا سَبَبُ تَعَاقُبِ الفُصُولِ الأَرْبَعَةِ؟', 'دَوَرَانُ الأَرْضِ حَوْلَ الشَّمْسِ', ['دَوَرَانُ الأَرْضِ حَوْلَ نَفْسِهَا', 'دَوَرَانُ القَمَرِ حَوْلَ الأَرْضِ', 'هُبُوبُ الرِّيَاحِ']],
        ['كَمْ تَسْتَغْرِقُ الأَرْضُ لِتَدُورَ حَوْلَ نَفْسِهَا مَرَّةً وَاحِدَةً؟', '24 سَاعَةً', ['12 سَاعَةً', '7 أَيَّامٍ', '30 يَوْمًا']],
        ['كَمْ تَسْتَغْرِقُ الأَرْضُ تَقْرِيبًا لِتَدُورَ حَوْلَ الشَّمْسِ مَرَّةً وَاحِدَةً؟', '365 يَوْمًا', ['30 يَوْمًا', '24 سَاعَةً', '100 يَوْمٍ']],
        ['مِنْ أَيِّ جِهَةٍ تُشْرِقُ الشَّمْسُ؟', 'الشَّرْقِ', ['الغَرْبِ', 'الشَّمَالِ', 'الجَنُوبِ']], ['فِي أَيِّ جِهَةٍ تَغْرُبُ الشَّمْسُ؟', 'الغَرْبِ', ['الشَّرْقِ', 'الشَّمَالِ', 'الجَنُوبِ']]]),
      pairs('أَدَوَاتُ قِيَاسِ الطَّقْسِ', {
        ask: (w) => `مَا الأَدَاةُ الَّتِي نَقِيسُ بِهَا ${w}؟`,
        claim: (w, v) => `الأَدَاةُ الَّتِي نَقِيسُ بِهَا ${w} هِيَ ${v}.`,
      }, [['دَرَجَةَ الحَرَارَةِ', 'مِيزَانُ الحَرَارَةِ'], ['كَمِّيَّةَ المَطَرِ', 'مِقْيَاسُ المَطَرِ'], ['اتِّجَاهَ الرِّيَاحِ', 'دَوَّارَةُ الرِّيَاحِ'],
        ['سُرْعَةَ الرِّيَاحِ', 'مِقْيَاسُ سُرْعَةِ الرِّيَاحِ'], ['الضَّغْطَ الجَوِّيَّ', 'البَارُومِتْرُ']]),
      pairs('كَوْكَبُ الأَرْضِ', questions('ar'), [
        ['مَا الغِلَافُ الَّذِي يُحِيطُ بِالأَرْضِ وَنَتَنَفَّسُ مِنْهُ؟', 'الغِلَافُ الجَوِّيُّ', ['الغِلَافُ المَائِيُّ', 'القِشْرَةُ الأَرْضِيَّةُ', 'اللُّبُّ']],
        ['مَا أَكْبَرُ مُحِيطٍ عَلَى الأَرْضِ؟', 'المُحِيطُ الهَادِئُ', ['المُحِيطُ الأَطْلَسِيُّ', 'المُحِيطُ الهِنْدِيُّ', 'المُحِيطُ المُتَجَمِّدُ الشَّمَالِيُّ']],
        ['كَمْ عَدَدُ قَارَّاتِ العَالَمِ؟', 'سَبْعُ قَارَّاتٍ', ['خَمْسُ قَارَّاتٍ', 'تِسْعُ قَارَّاتٍ', 'ثَلَاثُ قَارَّاتٍ']], ['مَا الَّذِي يُغَطِّي مُعْظَمَ سَطْحِ الأَرْضِ؟', 'المَاءُ', ['اليَابِسَةُ', 'الصَّحَارِي', 'الغَابَاتُ']],
        ['مَا أَكْبَرُ صَحْرَاءَ حَارَّةٍ فِي العَالَمِ؟', 'الصَّحْرَاءُ الكُبْرَى', ['صَحْرَاءُ الرُّبْعِ الخَالِي', 'صَحْرَاءُ النُّفُودِ', 'صَحْرَاءُ الدَّهْنَاءِ']]]),
    ],
  },
  {
    title: 'The human body', subject: 'SCIENCE', grade: 4, locale: 'en', concepts: [
      pairs('Organs and their jobs', {
        ask: (w) => `Which organ ${w}?`,
        claim: (w, v) => `The organ that ${w} is ${v}.`,
      }, [['pumps blood around the body', 'the heart'], ['takes in air when we breathe', 'the lungs'], ['controls the whole body', 'the brain'],
        ['breaks down the food we eat', 'the stomach'], ['cleans the blood', 'the kidneys'], ['covers and protects the body', 'the skin']]),
      pairs('The five senses', {
        ask: (w) => `Which sense do we use to ${w}?`,
        claim: (w, v) => `We use ${v} to ${w}.`,
        options: ['sight', 'hearing', 'smell', 'taste', 'touch'],
      }, [['spot a rainbow', 'sight'], ['read a book', 'sight'], ['enjoy music', 'hearing'], ['know a bird is singing', 'hearing'], ['enjoy the scent of a rose', 'smell'],
        ['tell that a lemon is sour', 'taste'], ['notice that soup is salty', 'taste'], ['feel that fur is soft', 'touch']]),
      pairs('Bones and the skeleton', questions('en'), [
        ['Which bones protect the brain?', 'the skull', ['the ribs', 'the spine', 'the thigh bone']],
        ['Which bones protect the heart and lungs?', 'the ribs', ['the skull', 'the spine', 'the kneecap']],
        ['What is the longest bone in the body?', 'the thigh bone', ['the spine', 'a rib', 'the jawbone']],
        ['What do we call the place where two bones meet?', 'a joint', ['a tendon', 'a muscle', 'a rib']],
        ['Which column of bones runs down your back?', 'the spine', ['the ribs', 'the skull', 'the thigh bone']],
        ['What joins muscles to bones?', 'tendons', ['joints', 'ribs', 'nerves']]]),
      pairs('Healthy eating', {
        ask: (w) => `Which food group does ${w} belong to?`,
        claim: (w, v) => `${cap(w)} belongs to the ${v} group.`,
        options: ['fruit and vegetables', 'grains', 'protein', 'dairy'],
      }, [['rice', 'grains'], ['bread', 'grains'], ['an apple', 'fruit and vegetables'], ['a carrot', 'fruit and vegetables'], ['cheese', 'dairy'], ['yoghurt', 'dairy'],
        ['fish', 'protein'], ['chicken', 'protein'], ['an egg', 'protein']]),
      pairs('Teeth', questions('en'), [
        ['How many times a day should you brush your teeth?', 'twice', ['once a week', 'never', 'ten times']], ['Which teeth are best for biting?', 'incisors', ['molars', 'canines', 'wisdom teeth']],
        ['Which teeth are best for grinding food?', 'molars', ['incisors', 'canines', 'baby teeth']],
        ['Which sharp, pointed teeth tear food?', 'canines', ['molars', 'incisors', 'wisdom teeth']],
        ['How many baby teeth does a child usually have?', '20', ['10', '32', '50']], ['What is the hard outer layer of a tooth called?', 'enamel', ['the root', 'the gum', 'the nerve']]]),
    ],
  },
  {
    title: 'الطَّاقَةُ وَالقُوَى', subject: 'SCIENCE', grade: 4, locale: 'ar', concepts: [
      pairs('مَصَادِرُ الطَّاقَةِ', {
        ask: (w) => `هَلِ ${w} مَصْدَرٌ مُتَجَدِّدٌ لِلطَّاقَةِ أَمْ غَيْرُ مُتَجَدِّدٍ؟`,
        claim: (w, v) => `${w} مَصْدَرٌ ${v} لِلطَّاقَةِ.`,
        options: ['مُتَجَدِّدٌ', 'غَيْرُ مُتَجَدِّدٍ'],
      }, [['الشَّمْسُ', 'مُتَجَدِّدٌ'], ['الرِّيَاحُ', 'مُتَجَدِّدٌ'], ['المَاءُ الجَارِي', 'مُتَجَدِّدٌ'], ['النِّفْطُ', 'غَيْرُ مُتَجَدِّدٍ'], ['الفَحْمُ', 'غَيْرُ مُتَجَدِّدٍ'], ['الغَازُ الطَّبِيعِيُّ', 'غَيْرُ مُتَجَدِّدٍ']]),
      pairs('الضَّوْءُ', questions('ar'), [
        ['مَا أَكْبَرُ مَصْدَرٍ طَبِيعِيٍّ لِلضَّوْءِ؟', 'الشَّمْسُ', ['القَمَرُ', 'المِصْبَاحُ', 'الشَّمْعَةُ']],
        ['مَاذَا يَتَكَوَّنُ عِنْدَمَا يَحْجُبُ جِسْمٌ مُعْتِمٌ الضَّوْءَ؟', 'الظِّلُّ', ['قَوْسُ قُزَحَ', 'الصَّدَى', 'البَرْقُ']],
        ['مَا الَّذِي يَعْكِسُ صُورَتَنَا بِوُضُوحٍ؟', 'المِرْآةُ', ['الخَشَبُ', 'الوَرَقُ', 'الحَجَرُ']],
        ['مَا اسْمُ الأَلْوَانِ الَّتِي تَظْهَرُ فِي السَّمَاءِ بَعْدَ المَطَرِ؟', 'قَوْسُ قُزَحَ', ['الشَّفَقُ', 'البَرْقُ', 'الظِّلُّ']],
        ['هَلْ يَسِيرُ الضَّوْءُ فِي خُطُوطٍ مُسْتَقِيمَةٍ أَمْ مُنْحَنِيَةٍ؟', 'مُسْتَقِيمَةٍ', ['مُنْحَنِيَةٍ']]]),
      pairs('الصَّوْتُ', questions('ar'), [
        ['مَا الَّذِي يُسَبِّبُ الصَّوْتَ؟', 'اهْتِزَازُ الأَجْسَامِ', ['سُكُونُ الأَجْسَامِ', 'ضَوْءُ الشَّمْسِ', 'بُرُودَةُ الهَوَاءِ']],
        ['مَا العُضْوُ الَّذِي نَسْمَعُ بِهِ الأَصْوَاتَ؟', 'الأُذُنُ', ['العَيْنُ', 'الأَنْفُ', 'اللِّسَانُ']],
        ['مَاذَا نُسَمِّي ارْتِدَادَ الصَّوْتِ عَنْ جِدَارٍ بَعِيدٍ؟', 'الصَّدَى', ['الظِّلُّ', 'الضَّجِيجُ', 'الهَمْسُ']], ['أَيُّهُمَا أَسْرَعُ: الضَّوْءُ أَمِ الصَّوْتُ؟', 'الضَّوْءُ', ['الصَّوْتُ']],
        ['هَلْ يَنْتَقِلُ الصَّوْتُ فِي الفَرَاغِ؟', 'لَا', ['نَعَمْ']]]),
      pairs('الدَّفْعُ وَالسَّحْبُ', {
        ask: (w) => `هَلْ ${w} دَفْعٌ أَمْ سَحْبٌ؟`,
        claim: (w, v) => `${w} ${v}.`,
        options: ['دَفْعٌ', 'سَحْبٌ'],
      }, [['رَكْلُ الكُرَةِ', 'دَفْعٌ'], ['إِغْلَاقُ البَابِ بِاليَدِ', 'دَفْعٌ'], ['تَحْرِيكُ عَرَبَةِ التَّسَوُّقِ أَمَامَكَ', 'دَفْعٌ'],
        ['فَتْحُ دُرْجِ المَكْتَبِ', 'سَحْبٌ'], ['رَفْعُ الدَّلْوِ مِنَ البِئْرِ بِالحَبْلِ', 'سَحْبٌ'], ['شَدُّ الحَبْلِ', 'سَحْبٌ']]),
      pairs('الدَّائِرَةُ الكَهْرَبَائِيَّةُ', questions('ar'), [
        ['مَا الَّذِي يُزَوِّدُ الدَّائِرَةَ البَسِيطَةَ بِالطَّاقَةِ؟', 'البَطَّارِيَّةُ', ['المِصْبَاحُ', 'المِفْتَاحُ', 'السِّلْكُ']],
        ['مَا الأَدَاةُ الَّتِي تَفْتَحُ الدَّائِرَةَ وَتُغْلِقُهَا؟', 'المِفْتَاحُ', ['البَطَّارِيَّةُ', 'المِصْبَاحُ', 'السِّلْكُ']],
        ['مِنْ أَيِّ فِلِزٍّ تُصْنَعُ الأَسْلَاكُ الكَهْرَبَائِيَّةُ غَالِبًا؟', 'النُّحَاسُ', ['الحَدِيدُ', 'الذَّهَبُ', 'الرَّصَاصُ']],
        ['هَلْ يُضِيءُ المِصْبَاحُ إِذَا كَانَتِ الدَّائِرَةُ مَفْتُوحَةً؟', 'لَا', ['نَعَمْ']], ['مَا نَوْعُ المَادَّةِ الَّتِي لَا تُوَصِّلُ الكَهْرَبَاءَ؟', 'مَادَّةٌ عَازِلَةٌ', ['مَادَّةٌ مُوَصِّلَةٌ']]]),
    ],
  },
  {
    title: 'Ecosystems', subject: 'SCIENCE', grade: 4, locale: 'en', concepts: [
      pairs('Producers and consumers', {
        ask: (w) => `Is ${w} a producer or a consumer?`,
        claim: (w, v) => `${cap(w)} is ${article(v)}.`,
        options: ['producer', 'consumer'],
      }, [['grass', 'producer'], ['an oak tree', 'producer'], ['seaweed', 'producer'], ['a sunflower', 'producer'], ['a fox', 'consumer'], ['a rabbit', 'consumer'], ['an eagle', 'consumer'], ['a caterpillar', 'consumer']]),
      pairs('Habitats', {
        ask: (w) => `Where does ${w} live?`,
        claim: (w, v) => `${cap(w)} lives in ${v}.`,
      }, [['a camel', 'the desert'], ['a polar bear', 'the Arctic'], ['a monkey', 'the rainforest'], ['a dolphin', 'the ocean'], ['a frog', 'a pond'], ['a woodpecker', 'the forest']]),
      pairs('Adaptations', questions('en'), [
        ['Why does a camel have a hump?', 'to store fat for energy', ['to store water', 'to carry its babies', 'to scare predators']],
        ['Why does a polar bear have thick fur?', 'to keep warm', ['to swim faster', 'to hide in the grass', 'to store food']],
        ['Why does a duck have webbed feet?', 'to swim', ['to climb trees', 'to dig holes', 'to run fast']],
        ['Why does a cactus have a thick stem?', 'to store water', ['to catch insects', 'to grow flowers', 'to keep warm']],
        ['Why does a chameleon change colour?', 'to hide from predators', ['to keep warm', 'to find water', 'to swim']],
        ['Why does a giraffe have a long neck?', 'to reach high leaves', ['to keep warm', 'to swim', 'to hide from predators']]]),
      pairs('The water cycle', questions('en'), [
        ['What do we call water turning into water vapour?', 'evaporation', ['condensation', 'precipitation', 'collection']],
        ['What do we call water vapour turning into drops in the clouds?', 'condensation', ['evaporation', 'precipitation', 'collection']],
        ['What do we call water falling from clouds as rain or snow?', 'precipitation', ['evaporation', 'condensation', 'collection']],
        ['What do we call water gathering in rivers, lakes and oceans?', 'collection', ['evaporation', 'condensation', 'precipitation']],
        ['What gives the water cycle its energy?', 'the Sun', ['the Moon', 'the wind', 'the clouds']]]),
      pairs('Recycling', {
        ask: (w) => `Which recycling bin should ${w} go in?`,
        claim: (w, v) => `${cap(w)} goes in the ${v} bin.`,
        options: ['paper', 'plastic', 'glass', 'food waste'],
      }, [['a newspaper', 'paper'], ['a cardboard box', 'paper'], ['a water bottle', 'plastic'], ['a yoghurt pot', 'plastic'], ['a jam jar', 'glass'],
        ['a glass juice bottle', 'glass'], ['a banana peel', 'food waste'], ['an apple core', 'food waste']]),
    ],
  },
];

const LESSONS: readonly LessonSpec[] = [...ARABIC_LESSONS, ...MATH_LESSONS, ...SCIENCE_LESSONS];

/** Mostly multiple choice, as in the apps' sessions; a fact seen twice comes back as another kind. */
const KIND_PLAN: readonly Kind[] = ['MULTIPLE_CHOICE', 'TRUE_FALSE', 'FILL_IN', 'MULTIPLE_CHOICE', 'FLASHCARD', 'TRUE_FALSE', 'MULTIPLE_CHOICE', 'FILL_IN', 'MULTIPLE_CHOICE', 'TRUE_FALSE'];
const KIND_CYCLE: readonly Kind[] = ['MULTIPLE_CHOICE', 'TRUE_FALSE', 'FILL_IN', 'FLASHCARD'];
const KIND_DIFFICULTY: Record<Kind, number> = { TRUE_FALSE: -0.1, MULTIPLE_CHOICE: 0, FLASHCARD: 0.05, FILL_IN: 0.15 };
const TRUE_FALSE = { ar: ['صَحِيحٌ', 'خَطَأٌ'], en: ['True', 'False'] } as const;

type LessonRow = CurriculumTables['lessons']['$inferInsert'];
type ConceptRow = CurriculumTables['concepts']['$inferInsert'];
type ContentByteRow = CurriculumTables['contentBytes']['$inferInsert'] & { difficulty: number };

export interface DemoCurriculum { lessons: LessonRow[]; concepts: ConceptRow[]; contentBytes: ContentByteRow[] }

function render(rng: Rng, source: Fact, kind: Kind, locale: Locale): { prompt: string; choices: string[]; answer: string } {
  switch (kind) {
    case 'MULTIPLE_CHOICE': return { prompt: source.ask, choices: source.choices, answer: source.answer };
    case 'FLASHCARD': return { prompt: source.ask, choices: [], answer: source.answer };
    case 'FILL_IN': return { prompt: source.blank, choices: [], answer: source.answer };
    case 'TRUE_FALSE': {
      const holds = rng() < 0.5;
      const [yes, no] = TRUE_FALSE[locale];
      return { prompt: source.claim(holds ? source.answer : source.decoy), choices: [yes, no], answer: holds ? yes : no };
    }
  }
}

/** The demo curriculum as rows, ids per `DEMO`; pure, so tests can compare the database with it. */
export function demoCurriculum(): DemoCurriculum {
  if (LESSONS.length !== DEMO.lessons.length) throw new Error(`demo curriculum: ${LESSONS.length} lessons written, DEMO names ${DEMO.lessons.length}`);
  const curriculum: DemoCurriculum = { lessons: [], concepts: [], contentBytes: [] };
  LESSONS.forEach((lesson, index) => {
    const lessonId = DEMO.lessons[index]!;
    const { subject, grade, locale } = lesson;
    const localize = locale === 'ar' ? arabicDigits : (text: string) => text;
    curriculum.lessons.push({ id: lessonId, title: localize(lesson.title), subject, grade, locale });
    const conceptIds = DEMO.conceptsOfLesson(lessonId);
    if (lesson.concepts.length !== conceptIds.length) throw new Error(`demo curriculum: lesson ${lessonId} has ${lesson.concepts.length} concepts, DEMO names ${conceptIds.length}`);
    conceptIds.forEach((conceptId, position) => {
      const concept = lesson.concepts[position]!;
      curriculum.concepts.push({ id: conceptId, lessonId, position: position + 1, name: localize(concept.name), subject, grade });
      const rng = prng(conceptId * 7_919);
      const facts = concept.facts(rng);
      const kindsOf = new Map<Fact, Set<Kind>>();
      DEMO.contentBytesOfConcept(conceptId).forEach((id, j) => {
        const source = facts[j % facts.length]!;
        const used = kindsOf.get(source) ?? new Set<Kind>();
        let kind = KIND_PLAN[j]!;
        while (used.has(kind) && used.size < KIND_CYCLE.length) kind = KIND_CYCLE[(KIND_CYCLE.indexOf(kind) + 1) % KIND_CYCLE.length]!;
        used.add(kind);
        kindsOf.set(source, used);
        const { prompt, choices, answer } = render(rng, source, kind, locale);
        const difficulty = (grade === 3 ? 0.15 : 0.35) + position * 0.06 + KIND_DIFFICULTY[kind] + rng() * 0.2;
        curriculum.contentBytes.push({
          id, conceptId, kind, locale,
          prompt: localize(prompt),
          choices: choices.map(localize),
          answer: localize(answer),
          mediaUrl: null,
          difficulty: Math.round(Math.min(1, Math.max(0, difficulty)) * 100) / 100,
        });
      });
    });
  });
  return curriculum;
}

// ---------------------------------------------------------------------------------------------
// Answer history: practice days, SM-2 memory and analytics events

type AnswerRow = MemoryTables['answers']['$inferInsert'];
type ConceptMemoryRow = MemoryTables['conceptMemory']['$inferInsert'];

interface History { answers: AnswerRow[]; memory: ConceptMemoryRow[]; events: QueuedEvent[] }

/** One concept a student practises: when it is introduced, how many answers it gets in all, its SM-2 state. */
interface Practice {
  conceptId: number;
  /** Content bytes in the order the student meets them. */
  bytes: number[];
  introducedOn: number;
  budget: number;
  state: Sm2State;
  attempts: number;
  correct: number;
  lastReviewedAt: Date;
  dueAt: Date;
}

const HISTORY_DAYS = 21;
/** The children practise daily for the last STREAK_DAYS days, after a day off. */
const STREAK_DAYS = 5;

/** Day offsets (0 = today, UTC) on which a student practised. */
function practiceDays(rng: Rng, studentId: number): number[] {
  const earliest = 1 - HISTORY_DAYS;
  if ((DEMO.children as readonly number[]).includes(studentId)) {
    const earlier = Array.from({ length: HISTORY_DAYS - STREAK_DAYS - 1 }, (_, i) => earliest + i).filter(() => rng() < 0.55);
    return [...earlier, ...Array.from({ length: STREAK_DAYS }, (_, i) => i + 1 - STREAK_DAYS)];
  }
  const keen = 0.3 + rng() * 0.45;
  const days = new Set(Array.from({ length: HISTORY_DAYS }, (_, i) => earliest + i).filter(() => rng() < keen));
  while (days.size < 4) days.add(between(rng, earliest, 0));
  return [...days].sort((a, b) => a - b);
}

function demoHistory(now: Date, curriculum: DemoCurriculum): History {
  const history: History = { answers: [], memory: [], events: [] };
  const difficultyOf = new Map(curriculum.contentBytes.map((byte) => [byte.id!, byte.difficulty]));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

  for (const person of DEMO_PEOPLE) {
    if (person.role !== 'STUDENT') continue;
    const rng = prng(0x5eed_0000 + person.id);
    const userId = person.id;
    const days = practiceDays(rng, userId);
    const ability = 0.6 + rng() * 0.3;
    const ofGrade = curriculum.concepts.filter((concept) => concept.grade === person.grade).map((concept) => concept.id!);
    const chosen = shuffle(rng, ofGrade).slice(0, between(rng, 8, 15)).sort((a, b) => a - b);
    const practices: Practice[] = chosen.map((conceptId, i) => ({
      conceptId,
      bytes: shuffle(rng, DEMO.contentBytesOfConcept(conceptId)),
      introducedOn: days[Math.floor((i * days.length) / chosen.length)]!,
      budget: between(rng, 2, 6),
      state: INITIAL_STATE,
      attempts: 0,
      correct: 0,
      lastReviewedAt: new Date(0),
      dueAt: new Date(0),
    }));

    let answerNumber = 0;
    days.forEach((day, session) => {
      const dayStart = today + day * DAY_MS;
      const preferred = between(rng, 10 * 60, 17 * 60) * 60_000; // 13:00-20:00 in the Gulf
      // Today's session must have happened already, however early in the UTC day the seed runs.
      const start = day === 0 ? dayStart + Math.min(preferred, Math.floor((now.getTime() - dayStart) / 2)) : dayStart + preferred;
      const queue = [
        ...practices.filter((p) => p.attempts > 0 && p.attempts < p.budget && p.dueAt.getTime() <= start),
        // A new concept is learnt, then checked straight away.
        ...practices.filter((p) => p.introducedOn === day).flatMap((p) => [p, p]),
      ];

      const reading = between(rng, 30, 150) * 1_000;
      const steps = queue.map((practice) => {
        const contentByteId = practice.bytes[practice.attempts % practice.bytes.length]!;
        const chance = ability + 0.05 * practice.state.repetitions - 0.3 * (difficultyOf.get(contentByteId) ?? 0.5);
        const correct = rng() < Math.min(0.97, Math.max(0.15, chance));
        const responseTimeMs = correct ? between(rng, 2_500, 12_000) : between(rng, 4_000, 25_000);
        const quality = qualityOf({ correct, responseTimeMs });
        practice.state = review(practice.state, quality);
        practice.attempts++;
        if (correct) practice.correct++;
        const timeOnItem = responseTimeMs + between(rng, 15, 50) * 1_000; // reading the feedback too
        return { practice, contentByteId, correct, responseTimeMs, quality, timeOnItem, intervalDays: practice.state.intervalDays };
      });
      const wrapUp = between(rng, 10, 40) * 1_000;
      const span = reading + steps.reduce((sum, step) => sum + step.timeOnItem, 0) + wrapUp;
      const scale = Math.min(1, Math.max(0, now.getTime() - start) / span);
      const at = (offset: number) => new Date(start + Math.floor(offset * scale));
      const scaled = (ms: number) => Math.floor(ms * scale);

      const eventId = (what: string) => `seed-${userId}-s${session + 1}-${what}`;
      history.events.push(
        { userId, clientEventId: eventId('start'), type: 'SESSION_STARTED', occurredAt: at(0).toISOString(), durationMs: 0 },
        { userId, clientEventId: eventId('lesson'), type: 'LESSON_OPENED', occurredAt: at(0).toISOString(), durationMs: scaled(reading), conceptId: (queue[0] ?? practices[0]!).conceptId },
      );
      let offset = reading;
      for (const step of steps) {
        offset += step.timeOnItem;
        const answeredAt = at(offset);
        const clientEventId = `seed-${userId}-${++answerNumber}`;
        const { conceptId } = step.practice;
        history.answers.push({ userId, clientEventId, contentByteId: step.contentByteId, conceptId, correct: step.correct, quality: step.quality, responseTimeMs: step.responseTimeMs, answeredAt });
        history.events.push({ userId, clientEventId, type: 'ANSWER_SUBMITTED', occurredAt: answeredAt.toISOString(), durationMs: scaled(step.timeOnItem), conceptId, contentByteId: step.contentByteId, correct: step.correct });
        step.practice.lastReviewedAt = answeredAt;
        step.practice.dueAt = dueAt(answeredAt, step.intervalDays);
      }
      history.events.push({ userId, clientEventId: eventId('end'), type: 'SESSION_ENDED', occurredAt: at(span).toISOString(), durationMs: scaled(wrapUp) });
    });

    for (const p of practices) {
      if (p.attempts === 0) continue;
      history.memory.push({
        userId, conceptId: p.conceptId, ...p.state, attempts: p.attempts, correct: p.correct, lastReviewedAt: p.lastReviewedAt, dueAt: p.dueAt,
      });
    }
  }
  return history;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Rows per INSERT: a few statements in all, each far below any max_allowed_packet. */
const CHUNK = 500;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

/** `column = VALUES(column)` for every non-key column: on a duplicate id the row becomes the seed's. */
function replaceWithInserted<T extends MySqlTable>(table: T): MySqlUpdateSetSource<T> {
  const set = Object.entries(getTableColumns(table))
    .filter(([, column]) => !column.primary)
    .map(([key, column]) => [key, sql`values(${sql.identifier(column.name)})`]);
  return Object.fromEntries(set) as MySqlUpdateSetSource<T>;
}

async function writePeople(db: Database, app: AppName, createdAt: Date): Promise<void> {
  const t = usersTables(app);
  await db.insert(t.users).values(DEMO_PEOPLE.map((person) => ({ ...person, createdAt, updatedAt: createdAt }))).onDuplicateKeyUpdate({ set: { id: sql`id` } });
  await db.insert(t.guardianships).values(DEMO.children.map((childId) => ({ parentId: DEMO.parent, childId }))).onDuplicateKeyUpdate({ set: { parentId: sql`parent_id` } });
  await db.insert(t.classrooms).values(CLASSROOMS.map(({ id, name, teacherId }) => ({ id, name, teacherId, createdAt }))).onDuplicateKeyUpdate({ set: { id: sql`id` } });
  await db.insert(t.enrolments)
    .values(CLASSROOMS.flatMap((classroom) => classroom.studentIds.map((studentId) => ({ classroomId: classroom.id, studentId, enrolledAt: createdAt }))))
    .onDuplicateKeyUpdate({ set: { classroomId: sql`classroom_id` } });
}

async function writeCurriculum(db: Database, app: AppName, curriculum: DemoCurriculum): Promise<void> {
  const t = curriculumTables(app);
  await db.insert(t.lessons).values(curriculum.lessons).onDuplicateKeyUpdate({ set: replaceWithInserted(t.lessons) });
  await db.insert(t.concepts).values(curriculum.concepts).onDuplicateKeyUpdate({ set: replaceWithInserted(t.concepts) });
  for (const rows of chunks(curriculum.contentBytes)) {
    await db.insert(t.contentBytes).values(rows).onDuplicateKeyUpdate({ set: replaceWithInserted(t.contentBytes) });
  }
}

/**
 * Events go first and answers with memory last, in one transaction: the first seed answer marks
 * the history as written, and events interrupted halfway are applied once on the next run.
 */
async function writeHistory(db: Database, app: AppName, history: History): Promise<void> {
  const t = memoryTables(app);
  const first = history.answers[0];
  if (!first) return;
  const [written] = await db.select({ id: t.answers.id }).from(t.answers)
    .where(and(eq(t.answers.userId, first.userId), eq(t.answers.clientEventId, first.clientEventId))).limit(1);
  if (written) return;
  await applyEvents(db, app, history.events);
  await db.transaction(async (tx) => {
    for (const rows of chunks(history.answers)) await tx.insert(t.answers).values(rows).onDuplicateKeyUpdate({ set: { id: sql`id` } });
    for (const rows of chunks(history.memory)) await tx.insert(t.conceptMemory).values(rows).onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  });
}

function seededTables(app: AppName) {
  const users = usersTables(app);
  const curriculum = curriculumTables(app);
  const memory = memoryTables(app);
  const analytics = analyticsTables(app);
  return {
    users: users.users,
    guardianships: users.guardianships,
    classrooms: users.classrooms,
    enrolments: users.enrolments,
    lessons: curriculum.lessons,
    concepts: curriculum.concepts,
    content_bytes: curriculum.contentBytes,
    answers: memory.answers,
    concept_memory: memory.conceptMemory,
    processed_events: analytics.processedEvents,
    activity_days: analytics.activityDays,
    concept_outcomes: analytics.conceptOutcomes,
  } satisfies Record<string, MySqlTable>;
}

/** Rows in each table the seed writes (keyed by the table's unprefixed name), counted after seeding. */
export type SeedSummary = Record<keyof ReturnType<typeof seededTables>, number>;

async function countRows(db: Database, app: AppName): Promise<SeedSummary> {
  const tables = Object.entries(seededTables(app));
  const counts = sql.join(tables.map(([name, table]) => sql`(select count(*) from ${table}) as ${sql.identifier(name)}`), sql`, `);
  const [rows] = (await db.execute(sql`select ${counts}`)) as unknown as [Record<string, number | string>[]];
  const row = rows[0] ?? {};
  return Object.fromEntries(tables.map(([name]) => [name, Number(row[name])])) as SeedSummary;
}

/**
 * Loads the demo data into `runtime`'s app (its tables must exist: run the migrations first).
 * @param options.now the instant the three weeks of history end at; @default the current time
 */
export async function seedDemo(runtime: AppRuntime, options: { now?: Date } = {}): Promise<SeedSummary> {
  const { db, app } = runtime.deps;
  const now = options.now ?? new Date();
  const curriculum = demoCurriculum();
  const joinedAt = new Date(now.getTime() - 30 * DAY_MS); // before their history starts
  await writePeople(db, app, joinedAt);
  await writeCurriculum(db, app, curriculum);
  await writeHistory(db, app, demoHistory(now, curriculum));
  return countRows(db, app);
}

/** Whether the demo data is there (its admin exists), e.g. to seed a fresh database only. */
export async function isSeeded(runtime: AppRuntime): Promise<boolean> {
  const { users } = usersTables(runtime.deps.app);
  const rows = await runtime.deps.db.select({ id: users.id }).from(users).where(eq(users.id, DEMO.admin)).limit(1);
  return rows.length > 0;
}
