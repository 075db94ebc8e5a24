import { describe, expect, it } from 'vitest';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);

describe('Cache-Control headers', () => {
  it.each([
    { name: 'the public lesson catalogue', query: '{ lessons(first: 3) { edges { node { title concepts { name } } } } }', viewer: undefined, header: 'max-age=300, public' },
    { name: 'a lesson with its content for a teacher', query: '{ lesson(id: "1") { title contentBytes { prompt } } }', viewer: as.teacher(DEMO.teacher), header: 'max-age=3600, public' },
    { name: 'content with the answer (differs by role)', query: '{ contentByte(id: "1") { prompt answer } }', viewer: as.teacher(DEMO.teacher), header: 'max-age=3600, private' },
    { name: 'a profile', query: '{ me { displayName } }', viewer: as.parent(DEMO.parent), header: 'max-age=60, private' },
    { name: 'a profile with activity', query: '{ me { children { activity { streakDays } } } }', viewer: as.parent(DEMO.parent), header: 'max-age=60, private' },
    { name: 'memory (changes with every answer)', query: '{ me { children { mastery } } }', viewer: as.parent(DEMO.parent), header: 'no-store' },
    { name: 'a mutation', query: 'mutation { updateProfile(input: { locale: "ar" }) { id } }', viewer: as.parent(DEMO.parent), header: 'no-store' },
    { name: 'a failed request', query: '{ user(id: "7") { displayName } }', viewer: as.parent(DEMO.parent), header: 'no-store' },
  ])('marks $name "$header"', async ({ query, viewer, header }) => {
    const { headers } = await graph.query(query, { as: viewer });
    expect(headers.get('cache-control')).toBe(header);
  });
});
