/** Stable ids of the demo data, so docs, tests and the benchmark can name real people and content. */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const DEMO = {
  app: 'amal',
  admin: 1,
  parent: 2,
  /** The parent's children, both grade 3 students in `classroom`. */
  children: [3, 4] as const,
  teacher: 5,
  otherTeacher: 6,
  /** 30 students taught by `teacher`: the two children and 28 classmates. */
  classroom: 1,
  classroomStudents: [3, 4, ...range(7, 34)],
  /** 6 students taught by `otherTeacher`. */
  otherClassroom: 2,
  otherClassroomStudents: range(35, 40),
  /** Lessons 1-7 ARABIC, 8-14 MATH, 15-20 SCIENCE; each lesson has 5 concepts, each concept 10 content bytes. */
  lessons: range(1, 20),
  conceptsOfLesson: (lessonId: number) => range(5 * (lessonId - 1) + 1, 5 * lessonId),
  contentBytesOfConcept: (conceptId: number) => range(10 * (conceptId - 1) + 1, 10 * conceptId),
} as const;
