import { evaluateCondition as plannersEvaluateCondition, getResponseName as plannersGetResponseName, type ConditionNode } from '@apollo/query-planner';
import { operationFromDocument } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readSdl } from '../../schema/subgraphs.js';
import { createPlanner } from './planner.js';
import { evaluateCondition, getResponseName } from './executionHelpers.js';

const { apiSchema } = createPlanner(readSdl('supergraph'));
const { variableDefinitions } = operationFromDocument(apiSchema, parse('query ($shown: Boolean = true, $asked: Boolean!) { me @include(if: $shown) { id } lessons @skip(if: $asked) { edges { cursor } } }'));
const condition = (name: string): ConditionNode => ({ kind: 'Condition', condition: name });

/** The outcome of `run`: its value, or the message it threw. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

describe("the executor's helpers in the Lambda bundle", () => {
  it('evaluate a condition as the planner does: the value given, else the default, else a refusal', () => {
    const cases: [string, Record<string, unknown> | undefined][] = [
      ['shown', undefined], ['shown', {}], ['shown', { shown: false }], ['asked', { asked: true }], ['asked', { asked: false }],
      ['asked', {}], ['asked', { asked: 'yes' }], ['shown', Object.create({ shown: false }) as Record<string, unknown>],
    ];
    for (const [name, values] of cases) {
      expect(outcome(() => evaluateCondition(condition(name), variableDefinitions, values))).toEqual(outcome(() => plannersEvaluateCondition(condition(name), variableDefinitions, values)));
    }
  });

  it('name a field by its alias, else its name, as the planner does', () => {
    for (const node of [{ kind: 'Field', name: 'lessons' }, { kind: 'Field', name: 'lessons', alias: 'first' }] as const) {
      expect(getResponseName(node)).toBe(plannersGetResponseName(node));
    }
  });
});
