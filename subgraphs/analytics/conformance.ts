/** What the subgraph conformance suite (test/conformance/subgraphSuite.ts) asks of the analytics subgraph, on the demo data. */
import { DEMO } from '../../seed/demoIds.js';
import type { SubgraphConformance } from '../../test/conformance/subgraphSuite.js';
import { ids, teacher, userEntities } from '../../test/conformance/demo.js';

export const conformance = {
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
} satisfies SubgraphConformance;
