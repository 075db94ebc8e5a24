/** What the subgraph conformance suite (test/conformance/subgraphSuite.ts) asks of the curriculum subgraph, on the demo data. */
import { DEMO } from '../../seed/demoIds.js';
import type { SubgraphConformance } from '../../test/conformance/subgraphSuite.js';
import { ids, student } from '../../test/conformance/demo.js';

export const conformance = {
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
} satisfies SubgraphConformance;
