/**
 * An erased child's still-valid token writes nothing anywhere: every mutation of the composed API,
 * tried with minimal valid arguments built from the schema (so a mutation added later is tried
 * too), is refused with UNAUTHENTICATED before its rule or resolver runs; no table changes, no
 * event is queued, no Redis key naming the child appears but the gateway's request budgets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildASTSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { DEFAULT_RATE_LIMITS } from '../runtime/config.js';
import { scanKeys } from '../runtime/clients/redisScan.js';
import type { AppRuntime } from '../runtime/container/appDeps.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { analyticsStreamKeys } from '../pipeline/queue/index.js';
import { as, tableFingerprint, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
let withBudget: AppRuntime | undefined;
/** With the learner's event budget on, so a queued event would also leave its counter. */
const runtime = () => {
  const base = apps.runtime();
  withBudget ??= { ...base, deps: { ...base.deps, analytics: { ...base.deps.analytics, eventBudget: { perMinute: 1_000, timeoutMs: 100 } } } };
  return withBudget;
};
const graph = useGateway(apps, { runtime, rateLimits: DEFAULT_RATE_LIMITS });

const ERASED = DEMO.classroomStudents[7]!;
const erased = as.student(ERASED);

/** The composed API as clients see it (the supergraph without its join machinery is enough to read fields and types). */
function apiSchema(): GraphQLSchema {
  const sdl = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

/** A small valid value of `type`, as a GraphQL literal: required input fields only, one item per list. */
function literal(type: GraphQLInputType, depth = 0): string {
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type)) return `[${literal(type.ofType, depth)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || depth === 0);
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID': return `"${DEMO.children[0]}"`;
      case 'Int': return '1';
      case 'Float': return '1.5';
      case 'Boolean': return 'true';
      case 'DateTime': return `"${new Date().toISOString()}"`;
      default: return '"erased-1"';
    }
  }
  throw new Error(`No literal for ${String(type)}`);
}

function mutationsOf(schema: GraphQLSchema): { name: string; document: string }[] {
  const fields = Object.values(schema.getMutationType()!.getFields()).filter((field) => !field.name.startsWith('_'));
  return fields.map((field) => {
    const args = field.args.filter((arg) => isNonNullType(arg.type) || field.name === 'recordEvents');
    const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type)}`).join(', ')})` : '';
    const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
    return { name: field.name, document: `mutation { ${field.name}${argText}${selection} }` };
  });
}

/** Keys naming the child, and stream entries holding its events. */
async function redisTraces(): Promise<string[]> {
  const { redis, redisKeyPrefix } = runtime().deps;
  const traces: string[] = [];
  const naming = new RegExp(`:${ERASED}(:|$)|:STUDENT:${ERASED}(:|$)`);
  for (const key of await scanKeys(redis!, `${redisKeyPrefix}*`)) {
    if (naming.test(key)) traces.push(key);
    if ((await redis!.type(key)) === 'stream' && (await redis!.xrange(key, '-', '+')).some(([, fields]) => fields.some((field) => field.includes(`"userId":${ERASED},`)))) traces.push(`${key} (entries)`);
  }
  return traces.sort();
}

const streamLength = async () => runtime().deps.redis!.xlen(analyticsStreamKeys(runtime().deps).stream);

beforeAll(async () => {
  const { body } = await graph.query(`mutation { eraseChild(childId: "${ERASED}") { completedAt } }`, { as: as.admin(DEMO.admin) });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data!.eraseChild.completedAt).not.toBeNull();
});

describe('an erased child’s still-valid token', () => {
  const schema = apiSchema();
  const mutations = mutationsOf(schema);

  it('is tried on every mutation of the composed API', () => {
    expect(mutations.map((m) => m.name)).toEqual(expect.arrayContaining(['recordEvents', 'submitAnswer', 'updateProfile', 'eraseChild', 'createChildProfile', 'joinClassroom']));
  });

  it.each(mutations)('is refused $name with UNAUTHENTICATED, writing nothing', async ({ document }) => {
    const tables = await tableFingerprint(runtime());
    const queued = await streamLength();

    const { status, body } = await graph.query(document, { as: erased });

    expect(status).toBeLessThan(500);
    expect(body.errors?.map((error) => error.extensions?.code), JSON.stringify(body)).toEqual(['UNAUTHENTICATED']);
    expect(await tableFingerprint(runtime())).toBe(tables);
    expect(await streamLength()).toBe(queued);
    // The gateway's request and mutation budgets count even a refused caller (keyed by its id, gone within 60 s).
    expect((await redisTraces()).map((key) => key.replace(/^.*:rate:/, 'rate:'))).toEqual([`rate:mutations:user:${ERASED}`, `rate:requests:user:${ERASED}`]);
  });

  it('records no events, queues none and leaves no duplicate marker or event counter', async () => {
    const queued = await streamLength();
    const events = [0, 1, 2].map((i) => `{ clientEventId: "after-erasure-${i}", type: LESSON_OPENED, occurredAt: "${new Date().toISOString()}" }`);

    const { body } = await graph.query(`mutation { recordEvents(events: [${events.join(', ')}]) { accepted duplicate rejected } }`, { as: erased });

    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data?.recordEvents ?? null).toBeNull();
    expect(await streamLength()).toBe(queued);
    expect((await redisTraces()).filter((key) => !/:rate:(requests|mutations):user:/.test(key))).toEqual([]);
  });

  it('leaves other learners free to write', async () => {
    const { body } = await graph.query(`mutation { recordEvents(events: [{ clientEventId: "alive-1", type: LESSON_OPENED, occurredAt: "${new Date().toISOString()}" }]) { accepted } }`, { as: as.student(DEMO.children[0]) });

    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ recordEvents: { accepted: 1 } });
  });
});
