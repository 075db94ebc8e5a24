/**
 * What the subgraph conformance suite (subgraphSuite.ts) needs to know of each hosted subgraph:
 * its entity types with ids of the demo data (seed/demoIds.ts), and operations only a signed-in
 * viewer may send. A subgraph without an entry here does not type-check; `npm run subgraph:new`
 * writes the new one's.
 */
import { DEMO } from '../../seed/demoIds.js';
import type { SubgraphName } from '../../schema/subgraphs.js';
import { as } from '../support/harness.js';
import type { SubgraphConformance } from './subgraphSuite.js';

const ids = (numbers: readonly number[]) => numbers.map(String);
const admin = as.admin(DEMO.admin);
const teacher = as.teacher(DEMO.teacher);
const student = as.student(DEMO.children[0]);
const child = String(DEMO.children[0]);
const userEntities = (fields: string) => ({
  query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id ${fields} } } }`,
  variables: { r: [{ __typename: 'User', id: child }] },
});

export const SUBGRAPH_CONFORMANCE = {
  users: {
    entities: [
      { typename: 'User', fields: 'displayName role', viewer: admin, known: ids(DEMO.classroomStudents), unknown: ['999999', 'x'], statements: 1 },
      { typename: 'Classroom', fields: 'name', viewer: admin, known: ['1', '2'], unknown: ['999999', 'x'], statements: 1 },
    ],
    signedInOnly: [
      { query: '{ me { id } }' },
      { query: `{ user(id: "${child}") { displayName } }` },
      { query: '{ myClassrooms { name } }' },
      { query: 'mutation { updateProfile(input: { locale: "en" }) { id locale } }' },
      userEntities('displayName'),
    ],
  },
  curriculum: {
    entities: [
      { typename: 'Lesson', fields: 'title', viewer: student, known: ids(DEMO.lessons), unknown: ['999999', 'x'], statements: 1 },
      { typename: 'Concept', fields: 'name', viewer: student, known: ids(DEMO.conceptsOfLesson(1)), unknown: ['999999', 'x'], statements: 1 },
      { typename: 'ContentByte', fields: 'prompt', viewer: student, known: ids(Array.from({ length: 100 }, (_, i) => i + 1)), unknown: ['999999', 'x'], statements: 1 },
    ],
    // The lesson catalogue is public; its content is not.
    signedInOnly: [
      { query: '{ lesson(id: "1") { contentBytes { prompt } } }' },
      { query: '{ lesson(id: "1") { concepts { lesson { id } } } }' },
      { query: '{ concept(id: "1") { id } }' },
      { query: '{ contentByte(id: "1") { id } }' },
      { query: '{ _entities(representations: [{ __typename: "ContentByte", id: "1" }]) { ... on ContentByte { id } } }' },
    ],
  },
  memory: {
    entities: [
      // One statement for the memory of all 30 (memory and mastery share it), one for the teacher's access to them.
      { typename: 'User', fields: 'memory { attempts } mastery', viewer: teacher, known: ids(DEMO.classroomStudents), unknown: [], statements: 2 },
      { typename: 'Concept', fields: 'myMemory { attempts }', viewer: student, known: ids(DEMO.conceptsOfLesson(1)), unknown: [], statements: 1 },
    ],
    signedInOnly: [
      userEntities('memory { concept { id } attempts } dueReviews { concept { id } } mastery'),
      { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Concept { id myMemory { attempts } } } }', variables: { r: [{ __typename: 'Concept', id: '1' }] } },
      { query: '{ nextSession(size: 2) { id } }' },
      {
        query: 'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate } }',
        variables: { input: { contentByteId: '1', correct: true, responseTimeMs: 2_000, answeredAt: new Date().toISOString(), clientEventId: 'conformance-anonymous' } },
      },
    ],
  },
  analytics: {
    entities: [
      // One statement for the activity of all 30, one for the teacher's access to them.
      { typename: 'User', fields: 'activity { streakDays lastActiveAt }', viewer: teacher, known: ids(DEMO.classroomStudents), unknown: [], statements: 2 },
    ],
    signedInOnly: [
      userEntities('activity { streakDays }'),
      {
        query: 'mutation($e: [AnalyticsEventInput!]!) { recordEvents(events: $e) { accepted } }',
        variables: { e: [{ clientEventId: 'conformance-anonymous', type: 'SESSION_STARTED', occurredAt: new Date().toISOString() }] },
      },
      { query: `{ learningOutcomes(classroomId: "${DEMO.classroom}", from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { attempts } }` },
    ],
  },
  datarights: {
    entities: [],
    signedInOnly: [
      { query: `{ childDataExport(childId: "${child}") { json } }` },
      { query: `mutation { eraseChild(childId: "${child}") { erasureId } }` },
    ],
  },
} satisfies Record<SubgraphName, SubgraphConformance>;
