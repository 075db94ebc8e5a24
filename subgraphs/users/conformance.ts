/** What the subgraph conformance suite (test/conformance/subgraphSuite.ts) asks of the users subgraph, on the demo data. */
import { DEMO } from '../../seed/demoIds.js';
import type { SubgraphConformance } from '../../test/conformance/subgraphSuite.js';
import { admin, child, ids, userEntities } from '../../test/conformance/demo.js';

export const conformance = {
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
} satisfies SubgraphConformance;
