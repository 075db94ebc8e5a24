/**
 * The conformance specs every subgraph passes, whatever its domain: entities resolve in batches,
 * unknown ids as null; calls the gateway did not sign are refused on every path (HTTP, Lambda);
 * an anonymous caller gets UNAUTHENTICATED and nothing else. test/conformance/subgraphs.test.ts
 * runs them over every hosted subgraph, from its entry beside it (subgraphs/<name>/conformance.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createEntityCache } from '../../runtime/cache/entityCache.js';
import { createTelemetry } from '../../runtime/observability/telemetry.js';
import { CONTEXT_HEADER, signContext, type Viewer } from '../../runtime/security/signedContext.js';
import { createSubgraphLambdaHandler } from '../../runtime/serve/lambda.js';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import type { SubgraphModule } from '../../runtime/subgraph/contract.js';
import { serveSubgraph } from '../../scripts/localServers.js';
import { lambdaContext, v2Event } from '../support/apiGatewayEvents.js';
import { as, countStatements, expectErrorCode, expectNoErrors, runSubgraph, TEST_CONTEXT_SECRET, type TestApps } from '../support/harness.js';

/** A batch of one entity type, resolved through `_entities` as the gateway resolves it. */
export interface EntityBatch {
  typename: string;
  /** Fields selected besides `id`. */
  fields: string;
  /** Who asks: someone allowed to see every known entity. */
  viewer: Viewer;
  /** Ids that resolve (at least two, so the batch is one). */
  known: readonly string[];
  /**
   * Ids of nothing, resolved as null in the middle of the batch. Empty for a type the subgraph only
   * adds fields to (User in memory): there any id is a reference, its fields say what is known.
   */
  unknown: readonly string[];
  /** SQL statements the whole batch costs from cold caches (access checks included). */
  statements: number;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface SubgraphConformance {
  /** Rows the specs read beyond the demo data (seed/demo.ts). */
  seed?: (runtime: AppRuntime) => Promise<void>;
  /** Every entity type the subgraph resolves; none for a subgraph without entities. */
  entities: readonly EntityBatch[];
  /** Operations only a signed-in viewer may send (at least one). */
  signedInOnly: readonly Operation[];
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

const entitiesQuery = ({ typename, fields }: EntityBatch) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id ${fields} } } }`;
const representations = (typename: string, ids: readonly string[]) => ({ r: ids.map((id) => ({ __typename: typename, id })) });

/** The app's runtime with caches of a namespace of their own: every read goes to MySQL, as in a new container. */
function coldCaches(runtime: AppRuntime): AppRuntime {
  const keyPrefix = `${runtime.deps.redisKeyPrefix}cold-${randomUUID().slice(0, 8)}:`;
  return { ...runtime, deps: { ...runtime.deps, cache: createEntityCache(runtime.deps, { keyPrefix }) } };
}

/** Nothing but the ids the caller sent: every other leaf of `data` is null. */
function expectWithheld(data: unknown): void {
  const leaves: unknown[] = [];
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value !== null && typeof value === 'object') for (const [name, field] of Object.entries(value)) walk(field, name);
    else if (key !== 'id' && key !== '__typename') leaves.push(value);
  };
  walk(data ?? null, '');
  expect(leaves.filter((leaf) => leaf !== null)).toEqual([]);
}

/** A context for the subgraph named `audience`, as the gateway signs it unless `overrides` say otherwise. */
const signed = (audience: string, overrides: { app?: 'amal' | 'thurayya'; secret?: string; now?: number; viewer?: Viewer } = {}) =>
  signContext({ viewer: overrides.viewer ?? as.admin(1), app: overrides.app ?? 'amal', requestId: randomUUID() }, { audience, secret: overrides.secret ?? TEST_CONTEXT_SECRET, now: overrides.now });

/** Every subgraph's name but `name`'s: an audience that is not its own. */
const anotherSubgraphThan = (name: string) => (name === 'users' ? 'memory' : 'users');

/** The first character changed: it carries six whole bits (a last base64url character may carry ignored ones). */
const flipFirst = (text: string) => text.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'));

/** A student's context with its claims rewritten to an admin's, the signature kept. */
function withForgedClaims(audience: string): string {
  const [payload, signature] = signed(audience, { viewer: as.student(3) }).split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as { viewer: Viewer };
  claims.viewer = as.admin(1);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** `header(audience)`: the context sent to the subgraph named `audience`. */
const REFUSED_CONTEXTS: { name: string; header: (audience: string) => string | undefined }[] = [
  { name: 'no signed context', header: () => undefined },
  { name: 'a context signed with another secret', header: (audience) => signed(audience, { secret: 'guess' }) },
  { name: 'a context with a tampered payload', header: (audience) => flipFirst(signed(audience)) },
  { name: 'a context with a tampered signature', header: (audience) => signed(audience).split('.').map((part, i) => (i === 1 ? flipFirst(part) : part)).join('.') },
  { name: 'a context whose claims were changed after signing', header: withForgedClaims },
  { name: 'an expired context', header: (audience) => signed(audience, { now: Date.now() - 10 * 60_000 }) },
  { name: 'a context for another app', header: (audience) => signed(audience, { app: 'thurayya' }) },
  { name: 'a context signed for another subgraph', header: (audience) => signed(anotherSubgraphThan(audience)) },
];

export function defineSubgraphSuite(module: SubgraphModule<never>, conformance: SubgraphConformance, apps: TestApps): void {
  describe(`the ${module.name} subgraph (subgraph conformance)`, () => {
    for (const batch of conformance.entities) {
      it(`resolves a batch of ${batch.typename} in ${batch.statements} statement(s), ${batch.unknown.length ? 'unknown ids as null' : 'any id as a reference'}`, async () => {
        expect(batch.known.length).toBeGreaterThanOrEqual(2);
        const [first, ...rest] = batch.known;
        const ids = [first!, ...batch.unknown, ...rest];
        const { result, statements } = await countStatements(() =>
          runSubgraph(module, coldCaches(apps.runtime()), entitiesQuery(batch), { viewer: batch.viewer, variables: representations(batch.typename, ids) }));
        expectNoErrors(result);
        expect(statements).toBe(batch.statements);
        // Each entity of the batch is the one its id resolves to alone: no row lands on another's id.
        const alone = await Promise.all(ids.map(async (id) => {
          const single = await runSubgraph(module, apps.runtime(), entitiesQuery(batch), { viewer: batch.viewer, variables: representations(batch.typename, [id]) });
          expectNoErrors(single);
          return (single.data as { _entities: unknown[] })._entities[0];
        }));
        expect((result.data as { _entities: unknown[] })._entities).toEqual(alone);
        expect(alone).toEqual(ids.map((id) => (batch.unknown.includes(id) ? null : expect.objectContaining({ id }))));
      });
    }

    it.each(conformance.signedInOnly.map((operation) => ({ ...operation, name: operation.query.replace(/\s+/g, ' ').slice(0, 80) })))(
      'refuses an anonymous caller $name with UNAUTHENTICATED, withholding every field',
      async ({ query, variables }) => {
        const result = await runSubgraph(module, apps.runtime(), query, { viewer: as.anonymous, variables });
        expectErrorCode(result, 'UNAUTHENTICATED');
        expectWithheld(result.data);
      },
    );

    describe('called without the gateway’s signature', () => {
      let url = '';
      let closeHttp: () => Promise<void> = async () => undefined;
      let lambda: ReturnType<typeof createSubgraphLambdaHandler> | undefined;
      beforeAll(async () => {
        ({ url, close: closeHttp } = await serveSubgraph(module, apps.runtime(), 0));
        lambda = createSubgraphLambdaHandler(module, apps.runtime(), createTelemetry({ app: 'amal', logLevel: 'silent' }));
      });
      afterAll(() => closeHttp());

      const overHttp = async ({ query, variables }: Operation, header: string | undefined): Promise<Answer> => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(header ? { [CONTEXT_HEADER]: header } : {}) }, body: JSON.stringify({ query, variables }) });
        return { status: response.status, body: (await response.json()) as Answer['body'] };
      };
      const overLambda = async ({ query, variables }: Operation, header: string | undefined): Promise<Answer> => {
        const event = v2Event({ method: 'POST', headers: { 'content-type': 'application/json', ...(header ? { [CONTEXT_HEADER]: header } : {}) }, body: JSON.stringify({ query, variables }) });
        const result = (await lambda!(event, lambdaContext, () => undefined)) as APIGatewayProxyStructuredResultV2;
        return { status: result.statusCode ?? 200, body: JSON.parse(result.body ?? 'null') as Answer['body'] };
      };
      // The simplest query, each signed-in one and an entity fetch: nothing is answered unsigned.
      const operations: Operation[] = [
        { query: '{ __typename }' },
        ...conformance.signedInOnly,
        ...conformance.entities.slice(0, 1).map((batch) => ({ query: entitiesQuery(batch), variables: representations(batch.typename, batch.known) })),
      ];

      it.each(REFUSED_CONTEXTS)('refuses $name over HTTP and Lambda with 401 UNAUTHENTICATED and no data', async ({ header }) => {
        for (const path of [overHttp, overLambda]) {
          for (const operation of operations) {
            const { status, body } = await path(operation, header(module.name));
            expect(status, operation.query).toBe(401);
            expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
            expect(body.data ?? null).toBeNull();
          }
        }
      });

      it('answers a correctly signed call over HTTP and Lambda', async () => {
        for (const path of [overHttp, overLambda]) {
          const { status, body } = await path({ query: '{ _service { sdl } }' }, signed(module.name));
          expect(status).toBe(200);
          expect((body.data as { _service: { sdl: string } })._service.sdl).toContain('type Query');
        }
      });
    });
  });
}
