/** What the subgraph conformance suite (test/conformance/subgraphSuite.ts) asks of the memory subgraph, on the demo data. */
import { DEMO } from '../../seed/demoIds.js';
import type { SubgraphConformance } from '../../test/conformance/subgraphSuite.js';
import { ids, student, teacher, userEntities } from '../../test/conformance/demo.js';

export const conformance = {
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
} satisfies SubgraphConformance;
