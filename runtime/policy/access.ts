/**
 * The policy as a request sees it: the viewer, its relationships and what the store says of the
 * person a field is about (each read once per request, only when a rule needs it), and whether a
 * rule grants the viewer a subject.
 *
 * Threat model: the decision is never made in a resolver. ./enforce.ts asks `allows` with the
 * rule the field's SDL declares before any resolver runs; resolvers use `requireUser` only
 * to learn who the viewer is, and `relationships` only to list what the rules already granted
 * (a viewer's classrooms), never to grant more.
 */
import type { Database } from '../clients/mysql.js';
import type { EntityCache } from '../cache/entityCache.js';
import { forbidden, isBackendUnavailable, unauthenticated } from '../errors.js';
import type { Viewer } from '../security/signedContext.js';
import type { AppName } from '../tenancy.js';
import { loadPersonFacts, type PersonFacts } from './personFacts.js';
import { loadRelationships, type Relationships } from './readModel.js';
import { isErased } from './suppression.js';
import { canSeeProfile, everyone, type Rule, type SignedInViewer, type Subject } from './rules.js';

export interface Access {
  viewer: Viewer;
  /** The signed-in viewer, or UNAUTHENTICATED. */
  requireUser(): SignedInViewer;
  /** The signed-in viewer's relationships (./readModel.ts). */
  relationships(): Promise<Relationships>;
  /** After a write in this request that changed them: the next rule reads them again. */
  relationshipsChanged(): void;
  /** Whether `rule` grants the signed-in viewer `subject`; false for an anonymous viewer unless the rule is `everyone`. */
  allows(rule: Rule, subject: Subject): Promise<boolean>;
  /** For rows a person owns, resolved in another subgraph's own way: FORBIDDEN unless `canSeeProfile` grants the owner. */
  assertCanSeePerson(userId: string): Promise<void>;
  /** UNAUTHENTICATED when the signed-in viewer was erased (./suppression.ts); read once per request. Every mutation asks it (./enforce.ts). */
  assertNotErased(): Promise<void>;
  /** A resolver that refused an erased viewer itself (in its own transaction) says so (./enforce.ts `checksErasure`). */
  erasureChecked(): void;
  erasureWasChecked(): boolean;
}

/** The refusal of an erased person's still-valid token: its sign-in no longer names anyone. */
export const erasedViewer = () => unauthenticated('This account was erased; sign in again');

export function createAccess(viewer: Viewer, app: AppName, db: Database, cache: EntityCache): Access {
  let relationships: Promise<Relationships> | undefined;
  const people = new Map<string, Promise<PersonFacts>>();
  let notErased: Promise<void> | undefined;
  let checkedByResolver = false;
  const requireUser = (): SignedInViewer => {
    if (viewer.kind !== 'user') throw unauthenticated();
    return viewer;
  };
  const access: Access = {
    viewer,
    requireUser,
    relationships() {
      relationships ??= loadRelationships(app, db, cache, requireUser().userId);
      return relationships;
    },
    relationshipsChanged() {
      relationships = undefined;
    },
    async allows(rule, subject) {
      if (viewer.kind !== 'user') return rule === everyone;
      const person = () => {
        const id = subject.person ?? '';
        let facts = people.get(id);
        if (!facts) people.set(id, (facts = loadPersonFacts(app, db, id)));
        return facts;
      };
      return rule.test({ viewer, subject, relationships: access.relationships, person });
    },
    async assertCanSeePerson(userId) {
      if (!(await access.allows(canSeeProfile, { person: userId }))) throw forbidden();
    },
    assertNotErased() {
      if (viewer.kind !== 'user') return Promise.resolve();
      // MySQL unreachable: the check passes (fail open). A mutation writing MySQL fails on its own
      // then; recordEvents still queues, and the consumer drops an erased person's events.
      notErased ??= isErased(db, app, viewer.userId).catch((error: unknown) => (isBackendUnavailable(error) ? false : Promise.reject(error))).then((erased) => {
        if (erased) throw erasedViewer();
      });
      return notErased;
    },
    erasureChecked() {
      checkedByResolver = true;
    },
    erasureWasChecked: () => checkedByResolver || notErased !== undefined,
  };
  return access;
}
