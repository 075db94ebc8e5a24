/** The teacher's classroom dashboard exactly as the app sends it: one query across all four subgraphs. */
import { readFileSync } from 'node:fs';

export const CLASSROOM_DASHBOARD = readFileSync(new URL('../../operations/teacher/ClassroomDashboard.graphql', import.meta.url), 'utf8');
