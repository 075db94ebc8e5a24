/**
 * Body fuzzing: many malformed and extreme request bodies, generated from a seeded PRNG, against
 * both fronts (node:http and the gateway Lambda), each in production (safelist on) and in
 * development, with every plugin installed and the response cache on. Whatever the body, the
 * answer is never a 5xx, never an INTERNAL_SERVER_ERROR, always JSON whose errors each carry a
 * code (a 4xx has at least one), and holds no stack text or SQL.
 *
 * What is generated (see GENERATORS): nesting thousands deep in variables (an unused variable of a
 * listed query), in extensions and in `persistedQuery`, as the body and unterminated; strings up to
 * the body limit; wrong types for `query`, `variables`, `operationName` and `extensions`; arrays and
 * batches as the body; unicode (lone surrogates, RTL and bidi controls, Arabic diacritics, tag
 * characters, NUL); numbers JSON allows but JavaScript cannot hold (1e309, -0, 1e-400, 30-digit
 * integers) and NaN-ish strings; `__proto__`, `constructor` and `prototype` keys; malformed JSON;
 * the same over GET. A failure names the seed and the case: `FUZZ_SEED=<seed> npx vitest run
 * test/security/bodyFuzz.test.ts` replays it (`FUZZ_CASES` sets how many per front).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { loadManifest } from '../../gateway/manifest.js';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import type { Viewer } from '../../runtime/security/signedContext.js';
import { as, useTestDatabase } from '../support/harness.js';
import { useGateway, type TestGateway } from '../support/gateway.js';
import { gatewayLambda, type GatewayLambda } from '../support/gatewayLambda.js';
import { lambdaContext, v2Event } from '../support/apiGatewayEvents.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_024);
const CASES = Number(process.env.FUZZ_CASES ?? 600);

const apps = useTestDatabase({ seed: { amal: seedDemo } });

const VIEWERS: Viewer[] = [as.student(DEMO.children[0]), as.student(DEMO.children[0]), as.admin(DEMO.admin), { kind: 'anonymous' }];

interface FuzzRequest {
  label: string;
  method: 'GET' | 'POST';
  body?: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  viewer: Viewer;
}

interface Front {
  name: string;
  send(request: FuzzRequest): Promise<{ status: number; text: string }>;
}

// ---- The generator -------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const LISTED = loadManifest().operations.filter((operation) => operation.type === 'query' || ['RecordEvents', 'SubmitAnswer'].includes(operation.name));
const DEPTHS = [33, 64, 500, 1_000, 2_000, 3_000, 5_000, 10_000, 50_000, 120_000];
/** JSON number tokens as a client may write them: past double range, negative zero, huge integers. */
const NUMBERS = ['1e309', '-1e309', '-0', '0.0', '1e-400', '123456789012345678901234567890', '9007199254740993', '-9223372036854775809', '2147483648', '0.1e1', '1E+2'];
/** As JSON string literals (escapes kept as the client wrote them). */
const STRINGS = [
  '"NaN"', '"Infinity"', '"-Infinity"', '"-0"', '"1e309"', '"0x10"', '""', '" "',
  '"\\ud800"', '"\\udfff\\ud800"', '"a\\ud83d"', '"\\udbff"', // lone surrogates, escaped
  JSON.stringify('مَرْحَبًا بِكُمْ'), JSON.stringify('\u202Egnp.exe'), JSON.stringify('\u200F\u061C\u2067x\u2069'), JSON.stringify('e\u0301'.repeat(2_000)),
  JSON.stringify('\u{E0041}\u{E0042}\uFE0F\u3164\u00AD'), '"\\u0000"', JSON.stringify('\u0000\u0001\u001f'), JSON.stringify('😀'.repeat(500)),
  JSON.stringify("1' OR '1'='1"), JSON.stringify('"; DROP TABLE amal_users; --'), '"__proto__"', '"constructor"', '"$gt"',
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '$where', 'size', 'id', 'query', 'persistedQuery', 'sha256Hash', 'x'.repeat(1_000), 'ك'];

const literal = (value: unknown) => JSON.stringify(value);
const longString = (random: Random) => literal(random.pick(['x', 'ب', '\u0651', '😀', '\\']).repeat(random.pick([10_000, 60_000, 120_000])));

/** Nesting `depth` deep around `inner`: arrays, objects or both alternating. */
function nested(random: Random, depth: number, inner = '1'): string {
  const shape = random.pick(['array', 'object', 'mixed', 'proto'] as const);
  const open = (i: number) => (shape === 'array' || (shape === 'mixed' && i % 2 === 0) ? '[' : shape === 'proto' ? '{"__proto__":' : '{"a":');
  const close = (i: number) => (shape === 'array' || (shape === 'mixed' && i % 2 === 0) ? ']' : '}');
  let head = '';
  let tail = '';
  for (let i = 0; i < depth; i++) head += open(i);
  for (let i = depth - 1; i >= 0; i--) tail += close(i);
  return head + inner + tail;
}

function scalar(random: Random): string {
  return random.pick([() => random.pick(NUMBERS), () => random.pick(STRINGS), () => random.pick(['null', 'true', 'false']), () => String(random.int(1_000))])();
}

/** Any JSON value, shallow: objects with hostile keys, arrays, scalars. */
function value(random: Random, depth = 3): string {
  if (depth === 0 || random.next() < 0.35) return scalar(random);
  if (random.next() < 0.5) return `[${Array.from({ length: random.int(4) }, () => value(random, depth - 1)).join(',')}]`;
  return `{${Array.from({ length: random.int(4) }, () => `${literal(random.pick(KEYS))}:${value(random, depth - 1)}`).join(',')}}`;
}

/** Something extreme where a value is expected. */
function extreme(random: Random): string {
  return random.pick([() => nested(random, random.pick(DEPTHS)), () => value(random), () => longString(random), () => scalar(random)])();
}

const listed = (random: Random) => random.pick(LISTED);
const wrongType = (random: Random) => random.pick(['42', '-0', '1e309', 'true', 'null', '[]', '{}', '"x"', '[{"query":"{ __typename }"}]', nested(random, random.pick(DEPTHS))]);

interface Generated {
  label: string;
  method?: 'GET' | 'POST';
  body?: string;
  query?: Record<string, string>;
  contentType?: string;
}

/** Each returns one request; the label says what it tried, the body is kept short in reports. */
const GENERATORS: ((random: Random) => Generated)[] = [
  (random) => {
    const depth = random.pick(DEPTHS);
    return { label: `an unused variable ${depth} deep`, body: `{"query":${literal(listed(random).body)},"variables":{"unused":${nested(random, depth)}}}` };
  },
  (random) => {
    const operation = listed(random);
    const names = [...operation.body.matchAll(/\$(\w+):/g)].map((match) => match[1]!);
    const variables = names.map((name) => `${literal(name)}:${extreme(random)}`).join(',');
    return { label: `the variables of ${operation.name}, extreme`, body: `{"query":${literal(operation.body)},"variables":{${variables}}}` };
  },
  (random) => ({ label: 'extensions nested deep', body: `{"query":${literal(listed(random).body)},"extensions":${nested(random, random.pick(DEPTHS))}}` }),
  (random) => ({
    label: 'a persistedQuery extension, nested or mistyped',
    body: `{"query":${literal(listed(random).body)},"extensions":{"persistedQuery":${random.pick([
      `{"version":1,"sha256Hash":${extreme(random)}}`,
      `{"version":${extreme(random)},"sha256Hash":"${'a'.repeat(64)}"}`,
      `{"persistedQuery":${nested(random, random.pick(DEPTHS), '{"version":1}')}}`,
      nested(random, random.pick(DEPTHS)),
      `{"version":1,"sha256Hash":"${'f'.repeat(64)}","__proto__":{"version":2}}`,
    ])}}}`,
  }),
  (random) => ({ label: 'a hash alone, of many shapes', body: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":${random.pick(['"' + 'a'.repeat(64) + '"', '"' + '0'.repeat(10_000) + '"', extreme(random)])}}}}` }),
  (random) => {
    const field = random.pick(['query', 'variables', 'operationName', 'extensions']);
    const fields: Record<string, string> = { query: literal(listed(random).body), variables: '{}', operationName: 'null', extensions: '{}' };
    fields[field] = wrongType(random);
    return { label: `${field} of the wrong type`, body: `{${Object.entries(fields).map(([key, text]) => `"${key}":${text}`).join(',')}}` };
  },
  (random) => ({
    label: 'a body that is not one object',
    body: random.pick([
      `[${Array.from({ length: 1 + random.int(20) }, () => `{"query":${literal(listed(random).body)}}`).join(',')}]`,
      nested(random, random.pick(DEPTHS)),
      '[]', '42', '"{ __typename }"', 'null', 'true', '1e309', '-0',
      `[${nested(random, random.pick(DEPTHS), '{"query":"{ __typename }"}')}]`,
    ]),
  }),
  (random) => ({
    label: '__proto__, constructor and prototype keys',
    body: random.pick([
      `{"__proto__":{"query":"{ me { id } }","isAdmin":true},"query":${literal(listed(random).body)}}`,
      `{"query":${literal(listed(random).body)},"variables":{"__proto__":{"role":"ADMIN"},"constructor":{"prototype":{"polluted":true}}}}`,
      `{"constructor":{"prototype":{"query":"{ __typename }"}},"query":"{ __typename }"}`,
      `{"query":${literal(listed(random).body)},"extensions":{"__proto__":{"persistedQuery":{"version":1}}}}`,
      `{"query":"{ __typename }","operationName":"__proto__"}`,
      `{"query":"query constructor { __typename }","operationName":"constructor"}`,
    ]),
  }),
  (random) => ({
    label: 'malformed JSON',
    body: random.pick([
      '{"query": "{ __typename }"', '{"query": "{ __typename }"}}', '\uFEFF{"query":"{ __typename }"}', "{'query': '{ __typename }'}",
      '{"query": "{ __typename }", /* c */ "variables": {}}', '{"query": "\\x41"}', '{"query": "\\u12"}', '{"query": "\u0001"}',
      '{"query": "{ __typename }", "variables": {"a": NaN}}', '{"query": "{ __typename }", "variables": {"a": Infinity}}',
      '{"query": "{ __typename }", "variables": {"a": 01}}', '{"query": "{ __typename }",}', '{"query"}', '{', '', ' ', '\u0000',
      '['.repeat(random.pick(DEPTHS)), '{"a":'.repeat(random.pick(DEPTHS)), `{"query":"${'\\'.repeat(10_001)}"}`,
    ]),
  }),
  (random) => ({
    label: 'long and strange strings',
    body: random.pick([
      `{"query":${longString(random)}}`,
      `{"query":${literal(listed(random).body)},"operationName":${random.pick([longString(random), ...STRINGS])}}`,
      `{"query":${random.pick(STRINGS)}}`,
      `{"query":${literal(`query ${'مرحبا'} { __typename }`)},"operationName":"مرحبا"}`,
      `{"query":${literal(`{ __typename } # ${'\u202E'.repeat(500)}`)}}`,
    ]),
  }),
  (random) => ({ label: 'numbers JSON allows', body: `{"query":"query($n: Int, $f: Float) { nextSession(size: $n) { id } }","variables":{"n":${random.pick(NUMBERS)},"f":${random.pick(NUMBERS)}}}` }),
  (random) => ({ label: 'a content type that is not JSON', body: `{"query":${literal(listed(random).body)}}`, contentType: random.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/graphql', 'multipart/form-data; boundary=x']) }),
  (random) => {
    const param = random.pick(['variables', 'extensions']);
    return {
      label: `GET with ${param} extreme`,
      method: 'GET',
      query: { query: listed(random).body, [param]: random.pick([nested(random, random.pick(DEPTHS.slice(0, 7))), value(random), '{', '[1,2', '"x"', `{"persistedQuery":${nested(random, 3_000)}}`]) },
    };
  },
];

function generate(seed: number, count: number): FuzzRequest[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, index) => {
    const generated = GENERATORS[index % GENERATORS.length]!(random);
    const viewer = random.pick(VIEWERS);
    const method = generated.method ?? 'POST';
    const headers: Record<string, string> = method === 'GET' ? { 'apollo-require-preflight': 'true' } : { 'content-type': generated.contentType ?? 'application/json' };
    return { label: `#${index} ${generated.label}`, method, body: generated.body, query: generated.query, headers, viewer };
  });
}

// ---- The fronts ----------------------------------------------------------------------------

function httpFront(name: string, gateway: TestGateway): Front {
  return {
    name,
    async send({ method, body, query, headers, viewer }) {
      const url = new URL(gateway.url);
      for (const [key, text] of Object.entries(query ?? {})) url.searchParams.set(key, text);
      const token = await gateway.token(viewer);
      const response = await fetch(url, { method, body, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      return { status: response.status, text: await response.text() };
    },
  };
}

function lambdaFront(name: string, lambda: GatewayLambda): Front {
  return {
    name,
    async send({ method, body, query, headers, viewer }) {
      const token = await lambda.token(viewer);
      const event = v2Event({ method, body, query, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      const result = (await lambda.handler()(event, lambdaContext, () => undefined)) as APIGatewayProxyStructuredResultV2;
      const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');
      return { status: result.statusCode ?? 200, text };
    },
  };
}

/** Budgets far beyond the fuzz's requests: a 429 would hide what the body itself gets. */
const UNLIMITED = { RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_REQUESTS_PER_MINUTE: '1000000', RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000' };
const lambdas = [
  { name: 'the Lambda in production (safelist on)', lambda: gatewayLambda(apps, { production: true, env: UNLIMITED }) },
  { name: 'the Lambda in development', lambda: gatewayLambda(apps, { production: false, env: UNLIMITED }) },
];
beforeAll(async () => {
  for (const { lambda } of lambdas) await lambda.start();
});
afterAll(async () => {
  for (const { lambda } of lambdas) await lambda.stop();
});

const FRONTS: Front[] = [
  httpFront('HTTP in production (safelist on)', useGateway(apps, { production: true, safelist: true })),
  httpFront('HTTP in development', useGateway(apps)),
  ...lambdas.map(({ name, lambda }) => lambdaFront(name, lambda)),
];

// ---- The oracle ----------------------------------------------------------------------------

const STACK_OR_SQL = /stacktrace|\bat [\w.<>$]+ \(|\.[cm]?[jt]s:\d+|node:internal|`amal_|select `|insert into `|\bER_[A-Z_]+\b|Maximum call stack/i;

/** What is wrong with one answer, or undefined when it is a proper one. */
function problemWith({ status, text }: { status: number; text: string }): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  if (STACK_OR_SQL.test(text)) return `stack or SQL in the body: ${text.slice(0, 200)}`;
  let body: { errors?: { extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status} with a body that is not JSON: ${text.slice(0, 120)}`;
  }
  const errors = body?.errors ?? [];
  if (status >= 400 && errors.length === 0) return `status ${status} without an error`;
  const codes = errors.map((error) => error?.extensions?.code);
  if (codes.some((code) => typeof code !== 'string')) return `an error without a code (status ${status}): ${text.slice(0, 200)}`;
  if (codes.includes('INTERNAL_SERVER_ERROR')) return `INTERNAL_SERVER_ERROR (status ${status})`;
  return undefined;
}

const REQUESTS = generate(SEED, CASES);

describe(`body fuzzing (seed ${SEED}, ${CASES} bodies per front)`, () => {
  it('generates every kind of body, large and deep ones among them', () => {
    expect(new Set(REQUESTS.map((request) => request.label.replace(/^#\d+ /, '').replace(/\d+ deep/, 'N deep'))).size).toBeGreaterThanOrEqual(GENERATORS.length);
    expect(Math.max(...REQUESTS.map((request) => (request.body ?? '').length))).toBeGreaterThan(100_000);
    expect(REQUESTS.some((request) => request.body?.startsWith('{"query"') && request.body.includes('['.repeat(5_000)))).toBe(true);
  });

  it.each(FRONTS)('$name answers every body with a 4xx or a clean answer, a code on each error, no stack and no SQL', async (front) => {
    const problems: string[] = [];
    for (const request of REQUESTS) {
      const problem = problemWith(await front.send(request));
      if (problem) problems.push(`${request.label} (${request.method}, ${request.viewer.kind === 'user' ? request.viewer.role : 'anonymous'}): ${problem}; sent ${(request.body ?? JSON.stringify(request.query)).slice(0, 160)}`);
    }
    expect(problems, `seed ${SEED}; replay with FUZZ_SEED=${SEED}`).toEqual([]);
  }, 240_000);
});
