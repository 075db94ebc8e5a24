/**
 * The two functions of `@apollo/query-planner` that Apollo Gateway's executor calls, for the Lambda
 * bundle: there, Apollo's executor (gateway/apolloGatewayInternals.ts) is given this module instead of the
 * planner package (scripts/bundle.ts), whose import would load the whole planner at cold start.
 * Each does what the planner's own does (@apollo/query-planner 2.14, conditions.ts and
 * QueryPlan.ts): executionHelpers.test.ts compares them with the planner's, and test/bundles.test.ts
 * runs a plan with a condition through the bundle.
 */
import type { QueryPlanFieldNode, ConditionNode } from '@apollo/query-planner';
import type { VariableDefinitions } from '@apollo/federation-internals';

export function getResponseName(node: QueryPlanFieldNode): string {
  return node.alias ? node.alias : node.name;
}

/** The value of a plan's `@skip`/`@include` condition: the variable's value, else its default. */
export function evaluateCondition(condition: ConditionNode, variables: VariableDefinitions, values: Record<string, unknown> | undefined): boolean {
  const name = condition.condition;
  let value = values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
  if (value === undefined) value = variables.definition(name)?.defaultValue;
  if (value === undefined) throw new Error(`Missing value for variable $${name} (and no default found)`);
  if (typeof value !== 'boolean') throw new Error(`Invalid non-boolean value ${String(value)} for Boolean! variable $${name}`);
  return value;
}
