/** What a subgraph's conformance entry (subgraphs/<name>/conformance.ts) names of the demo data (seed/demoIds.ts). */
import { DEMO } from '../../seed/demoIds.js';
import { as } from '../support/harness.js';

export const ids = (numbers: readonly number[]) => numbers.map(String);
export const admin = as.admin(DEMO.admin);
export const teacher = as.teacher(DEMO.teacher);
export const student = as.student(DEMO.children[0]);
export const parent = as.parent(DEMO.parent);
export const child = String(DEMO.children[0]);

/** `_entities` for the demo parent's first child as a User, selecting `fields` beside its id. */
export const userEntities = (fields: string) => ({
  query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id ${fields} } } }`,
  variables: { r: [{ __typename: 'User', id: child }] },
});
