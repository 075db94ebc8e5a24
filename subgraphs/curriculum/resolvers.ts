import { notFound } from '../../runtime/errors.js';
import { parseId } from '../../runtime/ids.js';
import type { Resolvers } from './generated/resolvers.js';
import { selectLessonPage } from './pagination.js';

export const resolvers: Resolvers = {
  Query: {
    lessons: (_, args, ctx) => selectLessonPage(ctx.deps.db, ctx.tables, args),
    lesson: (_, { id }, ctx) => ctx.loaders.lesson.load(String(parseId(id))),
    concept: (_, { id }, ctx) => ctx.loaders.concept.load(String(parseId(id))),
    contentByte: (_, { id }, ctx) => ctx.loaders.contentByte.load(String(parseId(id))),
  },

  Lesson: {
    __resolveReference: (ref, ctx) => ctx.loaders.lesson.load(ref.id),
    id: (lesson) => String(lesson.id),
    concepts: (lesson, _, ctx) => ctx.loaders.conceptsOfLesson.load(lesson.id),
    contentBytes: (lesson, _, ctx) => ctx.loaders.contentBytesOfLesson.load(lesson.id),
  },

  Concept: {
    __resolveReference: (ref, ctx) => ctx.loaders.concept.load(ref.id),
    id: (concept) => String(concept.id),
    lesson: async (concept, _, ctx) => {
      const lesson = await ctx.loaders.lesson.load(String(concept.lessonId));
      if (!lesson) throw notFound('Lesson', String(concept.lessonId));
      return lesson;
    },
    contentBytes: (concept, _, ctx) => concept.contentBytes ?? ctx.loaders.contentBytesOfConcept.load(concept.id),
  },

  ContentByte: {
    __resolveReference: (ref, ctx) => ctx.loaders.contentByte.load(ref.id),
    id: (contentByte) => String(contentByte.id),
    /** Null for students (schema/curriculum.graphql: canSeeAnswerKey, a rule that hides). */
    answer: (contentByte) => contentByte.answer,
    concept: async (contentByte, _, ctx) => {
      const concept = await ctx.loaders.concept.load(String(contentByte.conceptId));
      if (!concept) throw notFound('Concept', String(contentByte.conceptId));
      return concept;
    },
  },
};
