/**
 * Who may export or erase a child's data: a guardian of the child, or an admin.
 *
 * Threat model: these are the most powerful operations on a child, and their answers must not tell
 * a stranger whether an id exists. Another family's child, an unknown id, a person who is not a
 * student and a viewer who is neither a parent nor an admin all get one identical FORBIDDEN. Once
 * an erasure has started the guardianship may be gone, so its requester (and admins) may still
 * ask for its receipt.
 */
import { eq } from 'drizzle-orm';
import { forbidden } from '../../runtime/errors.js';
import { parseId } from '../../runtime/subgraph/ids.js';
import { usersTables } from '../users/tables.js';
import type { DatarightsContext } from './context.js';
import type { ErasureRow } from './tables.js';

/** The child's id when the viewer may export or erase its data; else FORBIDDEN. */
export async function assertMayManageChildData(ctx: DatarightsContext, childId: string, erasure?: ErasureRow): Promise<number> {
  const me = ctx.access.requireUser();
  const id = parseId(childId, 'childId');
  const refused = () => forbidden(`You may not export or erase the data of user "${childId}"`);
  if (me.role !== 'PARENT' && me.role !== 'ADMIN') throw refused();
  if (erasure) {
    if (me.role === 'ADMIN' || String(erasure.requestedBy) === me.userId) return id;
    throw refused();
  }
  const { users } = usersTables(ctx.deps.app);
  const [person] = await ctx.deps.db.select({ role: users.role }).from(users).where(eq(users.id, id));
  if (person?.role !== 'STUDENT') throw refused();
  if (me.role === 'ADMIN') return id;
  // For a parent, seeing a student is being its guardian (the policy's one rule for it).
  await ctx.access.assertCanSeePerson(childId).catch(() => Promise.reject(refused()));
  return id;
}
