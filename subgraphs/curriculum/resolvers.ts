import { notFound } from '../../runtime/errors.js';
import { parseId } from '../../runtime/ids.js';
import type { Resolvers } from './generated/resolvers.js';
import type { CurriculumContext } from './context.js';
import { selectLessonPage } from './pagination.js';

/** The catalogue is the same for every signed-in role; anonymous callers see none of it. */
function catalogue(ctx: CurriculumContext): CurriculumContext['loaders'] {
  ctx.access.requireUser();
  return ctx.loaders;
}

export const resolvers: Resolvers = {
  Query: {
    lessons: (_, args, ctx) => {
      ctx.access.requireUser();
      return selectLessonPage(ctx.deps.db, ctx.tables, args);
    },
    lesson: (_, { id }, ctx) => catalogue(ctx).lesson.load(String(parseId(id))),
    concept: (_, { id }, ctx) => catalogue(ctx).concept.load(String(parseId(id))),
    contentByte: (_, { id }, ctx) => catalogue(ctx).contentByte.load(String(parseId(id))),
  },

  Lesson: {
    __resolveReference: (ref, ctx) => catalogue(ctx).lesson.load(ref.id),
    id: (lesson) => String(lesson.id),
    concepts: (lesson, _, ctx) => ctx.loaders.conceptsOfLesson.load(lesson.id),
    contentBytes: (lesson, _, ctx) => ctx.loaders.contentBytesOfLesson.load(lesson.id),
  },

  Concept: {
    __resolveReference: (ref, ctx) => catalogue(ctx).concept.load(ref.id),
    id: (concept) => String(concept.id),
    lesson: async (concept, _, ctx) => {
      const lesson = await ctx.loaders.lesson.load(String(concept.lessonId));
      if (!lesson) throw notFound('Lesson', String(concept.lessonId));
      return lesson;
    },
    contentBytes: (concept, _, ctx) => ctx.loaders.contentBytesOfConcept.load(concept.id),
  },

  ContentByte: {
    __resolveReference: (ref, ctx) => catalogue(ctx).contentByte.load(ref.id),
    id: (contentByte) => String(contentByte.id),
    /** Students answer before they may see the answer; everyone else (teachers, parents, admins) sees it. */
    answer: (contentByte, _, ctx) => (ctx.access.requireUser().role === 'STUDENT' ? null : contentByte.answer),
    concept: async (contentByte, _, ctx) => {
      const concept = await ctx.loaders.concept.load(String(contentByte.conceptId));
      if (!concept) throw notFound('Concept', String(contentByte.conceptId));
      return concept;
    },
  },
};
