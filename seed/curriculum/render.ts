/** The demo curriculum as rows: each subject's lesson specs rendered into lessons, concepts and content bytes. */
import type { CONTENT_KINDS, CurriculumTables } from '../../subgraphs/curriculum/tables.js';
import { DEMO } from '../demoIds.js';
import { prng, type Rng } from '../random.js';
import type { Fact, LessonSpec, Locale } from './facts.js';
import { ARABIC_LESSONS } from './arabic.js';
import { MATH_LESSONS } from './math.js';
import { SCIENCE_LESSONS } from './science.js';

type Kind = (typeof CONTENT_KINDS)[number];

/** Shows Arabic lessons' numbers in Eastern Arabic digits, as the apps' Arabic textbooks do. */
const arabicDigits = (text: string) => text.replace(/[0-9]/g, (digit) => '٠١٢٣٤٥٦٧٨٩'.charAt(Number(digit)));

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
