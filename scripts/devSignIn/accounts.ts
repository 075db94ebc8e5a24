/**
 * The development sign-in's accounts: the demo people of the seed (seed/people.ts), each signing
 * in with its id or, for the people the README names, a word ("admin"), and one demo password.
 * Their ID tokens carry what the user pool's do: the user id as `custom:user_id` (the `sub` is
 * not it, as Cognito's is a UUID), the role as `custom:role`, the display name as `name`.
 */
import { DEMO } from '../../seed/demoIds.js';
import { DEMO_PEOPLE } from '../../seed/people.js';

export const DEMO_PASSWORD = 'demo';

/** Sign-in names beside the ids. */
export const DEMO_LOGINS: Readonly<Record<string, number>> = { admin: DEMO.admin, parent: DEMO.parent, teacher: DEMO.teacher, student: DEMO.children[0] };

export type DemoPerson = (typeof DEMO_PEOPLE)[number];

/** The person a sign-in name names, if any. */
export function demoPersonNamed(login: string): DemoPerson | undefined {
  const name = login.trim().toLowerCase();
  const id = DEMO_LOGINS[name] ?? (/^\d+$/.test(name) ? Number(name) : undefined);
  return DEMO_PEOPLE.find((person) => person.id === id);
}

/** The account id (the tokens' `sub`) of a person. */
export const accountIdOf = (person: DemoPerson) => `demo-user-${person.id}`;

export function demoPersonWithAccountId(accountId: string): DemoPerson | undefined {
  const id = /^demo-user-(\d+)$/.exec(accountId)?.[1];
  return id === undefined ? undefined : DEMO_PEOPLE.find((person) => person.id === Number(id));
}

/** What the ID token says of a person, by scope (the provider's `claims` setting names which scope holds which). */
export function claimsOf(person: DemoPerson): Record<string, string> {
  return {
    sub: accountIdOf(person),
    'custom:user_id': String(person.id),
    'custom:role': person.role,
    name: person.displayName,
    locale: person.locale,
  };
}

/** Scope → the claims it releases. */
export const CLAIMS_BY_SCOPE = { openid: ['sub', 'custom:user_id', 'custom:role'], profile: ['name', 'locale'], email: [] };
