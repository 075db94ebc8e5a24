/** The people of `DEMO` (seed/demoIds.ts) and the two classrooms that group them. */
import type { UsersTables } from '../subgraphs/users/tables.js';
import { DEMO } from './demoIds.js';

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

export const DEMO_PEOPLE: readonly Person[] = [
  { id: DEMO.admin, displayName: 'Nora (admin)', role: 'ADMIN', locale: 'en', grade: null },
  { id: DEMO.parent, displayName: 'أُمُّ سَارَة', role: 'PARENT', locale: 'ar', grade: null },
  student(DEMO.children[0], 'سَارَة', 3),
  student(DEMO.children[1], 'يُوسُف', 3),
  { id: DEMO.teacher, displayName: 'الأُسْتَاذَة مَرْيَم', role: 'TEACHER', locale: 'ar', grade: null },
  { id: DEMO.otherTeacher, displayName: 'Mr Adam', role: 'TEACHER', locale: 'en', grade: null },
  ...DEMO.classroomStudents.slice(2).map((id, i) => student(id, CLASSMATES[i]!, 3, isLatin(CLASSMATES[i]!) ? 'en' : 'ar')),
  ...DEMO.otherClassroomStudents.map((id, i) => student(id, OTHER_CLASS[i]!, 4, isLatin(OTHER_CLASS[i]!) ? 'en' : 'ar')),
];

export const CLASSROOMS = [
  { id: DEMO.classroom, name: 'الصَّفُّ الثَّالِثُ - أ', teacherId: DEMO.teacher, studentIds: DEMO.classroomStudents },
  { id: DEMO.otherClassroom, name: 'Grade 4 B', teacherId: DEMO.otherTeacher, studentIds: DEMO.otherClassroomStudents },
];
