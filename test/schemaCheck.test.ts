import { describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { checkSchema, formatSchemaCheck, type Declaration } from '../schema/check.js';

const RELEASED = buildSchema(`
  type Query { user(id: ID!): User }
  type User { id: ID! grade: Int role: Role! }
  enum Role { STUDENT PARENT }
`);

const check = (fresh: string, declarations: Declaration[] = []) => checkSchema(RELEASED, buildSchema(fresh), declarations);

describe('the schema check', () => {
  it.each([
    { name: 'a removed field', fresh: 'type Query { user(id: ID!): User } type User { id: ID! role: Role! } enum Role { STUDENT PARENT }', type: 'FIELD_REMOVED', path: 'User.grade' },
    { name: 'a retyped field', fresh: 'type Query { user(id: ID!): User } type User { id: ID! grade: String role: Role! } enum Role { STUDENT PARENT }', type: 'FIELD_TYPE_CHANGED', path: 'User.grade' },
    { name: 'a new required argument', fresh: 'type Query { user(id: ID!, app: String!): User } type User { id: ID! grade: Int role: Role! } enum Role { STUDENT PARENT }', type: 'FIELD_ARGUMENT_ADDED', path: 'Query.user.app' },
    { name: 'a removed enum value', fresh: 'type Query { user(id: ID!): User } type User { id: ID! grade: Int role: Role! } enum Role { STUDENT }', type: 'ENUM_VALUE_REMOVED', path: 'Role.PARENT' },
  ])('fails on $name unless it is declared', async ({ fresh, type, path }) => {
    const undeclared = await check(fresh);
    expect(undeclared.passed).toBe(false);
    expect(undeclared.breaking.map(({ change }) => [change.type, change.path])).toEqual([[type, path]]);
    expect(formatSchemaCheck(undeclared)).toContain(`{ "type": "${type}", "path": "${path}", "reason": "…" }`);

    const declared = await check(fresh, [{ type, path, reason: 'no supported app version reads it' }]);
    expect(declared.passed).toBe(true);
    expect(formatSchemaCheck(declared)).toContain('declared: no supported app version reads it');
  });

  it('passes additions, listing them as safe', async () => {
    const result = await check('type Query { user(id: ID!): User me: User } type User { id: ID! grade: Int role: Role! locale: String } enum Role { STUDENT PARENT }');
    expect(result.passed).toBe(true);
    expect(result.safe.map((change) => change.path).sort()).toEqual(['Query.me', 'User.locale']);
  });

  it('says so when nothing changed', async () => {
    expect(formatSchemaCheck(await check('type Query { user(id: ID!): User } type User { id: ID! grade: Int role: Role! } enum Role { STUDENT PARENT }'))).toBe('No change to the API schema since the last release.');
  });
});
