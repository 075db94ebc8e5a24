/**
 * Families and classrooms share tablets: one browser, one HTTP cache, several people signing in
 * after one another. Chromium's own cache decides here, fed by the gateway's real headers: a page on
 * the gateway's origin GETs an operation with one viewer's token, then the same URL with another's
 * (the page's own `fetch`, default cache mode, so the browser answers from its cache whenever the
 * headers let it). Each request carries its own `x-request-id`; the gateway's operation log says
 * which ones reached it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Viewer } from '../runtime/security/signedContext.js';
import { createLogger } from '../runtime/observability/logger.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';
import { launchChromium } from './support/browser.js';

/** The request ids the gateway logged an operation for. */
const reached = new Set<string>();
const logger = createLogger('info', {}, (line) => {
  const { event, requestId } = JSON.parse(line) as { event: string; requestId?: string };
  if (event === 'graphql.operation' && requestId) reached.add(requestId);
});

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps, { logger });

let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(`${graph.url}health`);
});
afterAll(async () => {
  await browser?.close();
});

interface Fetched { requestId: string; status: number; body: { data?: Record<string, unknown> | null; errors?: unknown[] }; cacheControl: string | null; vary: string | null }

let sent = 0;
/** The page GETs `query` as `viewer`, the way a web app on that tablet would. */
async function getAs(viewer: Viewer, query: string): Promise<Fetched> {
  const token = await graph.token(viewer);
  const requestId = `shared-device-${++sent}-${Date.now()}`;
  const url = `${graph.url}?query=${encodeURIComponent(query)}`;
  const headers: Record<string, string> = { 'apollo-require-preflight': 'true', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const answer = await page.evaluate(async ({ url, headers }) => {
    const response = await fetch(url, { headers });
    return { status: response.status, text: await response.text(), cacheControl: response.headers.get('cache-control'), vary: response.headers.get('vary') };
  }, { url, headers });
  return { requestId, status: answer.status, body: JSON.parse(answer.text), cacheControl: answer.cacheControl, vary: answer.vary };
}

const parent = as.parent(DEMO.parent);
const child = as.student(DEMO.children[0]);
const teacher = as.teacher(DEMO.teacher);
const otherTeacher = as.teacher(DEMO.otherTeacher);

describe('a browser shared by several viewers', () => {
  it.each([
    { name: 'a parent, then the child, asking for their own profile', query: '{ me { id displayName role } }', first: parent, second: child },
    { name: 'a teacher, then another teacher, listing their classrooms', query: '{ myClassrooms { id name } }', first: teacher, second: otherTeacher },
  ])('never gives the second viewer the first one’s answer: $name', async ({ query, first, second }) => {
    const alone = await graph.query(query, { as: second });

    const a = await getAs(first, query);
    const b = await getAs(second, query);

    expect([a.status, a.body.errors, b.status, b.body.errors]).toEqual([200, undefined, 200, undefined]);
    expect(b.body.data).not.toEqual(a.body.data);
    expect(b.body.data).toEqual(alone.body.data);
    expect(reached.has(a.requestId)).toBe(true);
    expect(reached.has(b.requestId)).toBe(true);
  });

  it('keeps no copy of a viewer’s answer on the device: the same viewer asking again reaches the gateway', async () => {
    const query = '{ me { id displayName } }';
    const first = await getAs(child, query);
    const again = await getAs(child, query);

    expect(first.cacheControl).toBe('no-store');
    expect(again.body.data).toEqual(first.body.data);
    expect(reached.has(again.requestId)).toBe(true);
  });

  it('still answers a public query from the browser’s cache, for anyone, as its Cache-Control says', async () => {
    const query = '{ lesson(id: "2") { title subject } }';
    const a = await getAs(parent, query);
    const b = await getAs(teacher, query);
    const anonymous = await getAs(as.anonymous, query);

    expect(a.cacheControl).toBe('max-age=3600, public');
    expect(reached.has(a.requestId)).toBe(true);
    expect(b.body).toEqual(a.body);
    expect(anonymous.body).toEqual(a.body);
    expect(reached.has(b.requestId)).toBe(false);
    expect(reached.has(anonymous.requestId)).toBe(false);
  });
});
