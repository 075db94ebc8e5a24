import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_PEOPLE } from '../seed/people.js';
import { createAuthenticator } from '../gateway/auth/authenticate.js';
import { DEV_EXPLORER_CLIENT_ID, developmentSignIn } from '../gateway/explorer/signIn.js';
import { serveDevSignIn, type RunningDevSignIn } from '../scripts/devSignIn/provider.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';
import { launchChromium } from './support/browser.js';
import { freePort } from './support/freePort.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);
const production = useGateway(apps, { production: true });

/**
 * A production gateway whose explorer signs in with the development provider, as `npm start`
 * serves it, and which verifies the provider's tokens as it verifies the user pool's: its key set
 * fetched from its JWKS URL, its issuer, the explorer's client as audience.
 */
let issuer = '';
beforeAll(async () => {
  issuer = `http://127.0.0.1:${await freePort()}`;
});
const signingIn = useGateway(apps, {
  production: true,
  explorerSignIn: () => developmentSignIn(issuer),
  authenticate: () => createAuthenticator({ issuer, audiences: [DEV_EXPLORER_CLIENT_ID], app: 'amal', jwks: new URL(`${issuer}/jwks`) }),
});
/** Tokens last seconds, so the explorer refreshes within a spec. */
const TOKEN_SECONDS = 6;
let provider: RunningDevSignIn | undefined;
beforeAll(async () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'lg-sign-in-')), 'key.json');
  provider = await serveDevSignIn({ issuer, keyFile, explorerUrls: [`${signingIn.url}explorer`], lifetimes: { token: TOKEN_SECONDS, refresh: 300 } });
});
afterAll(async () => {
  await provider?.close();
});

const SCREENSHOTS = 'test-output/explorer';
const WAIT = { timeout: 15_000 };

/** Users (classroom, people), memory (mastery) and analytics (activity) in one query; one line, so the editor's auto-indent leaves it alone. */
const CLASSROOM = 'query Classroom($id: ID!) { classroom(id: $id) { name teacher { displayName } students { id mastery activity { streakDays } } } }';
const VARIABLES = `{ "id": "${DEMO.otherClassroom}" }`;

let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = browser.context;
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterEach(async () => {
  for (const page of context.pages()) await page.close();
  // The provider's session cookie: each spec signs in afresh.
  await context.clearCookies();
});
afterAll(async () => {
  await browser?.close();
});

interface OffOrigin {
  url: string;
  method: string;
  /** A page the browser went to (the provider's), rather than something the explorer loaded or called. */
  navigation: boolean;
}

/** Opens the explorer afresh, recording requests that leave the gateway's origin and errors the page logs. */
async function openExplorer(url: string): Promise<{ page: Page; offOrigin: string[]; offOriginRequests: OffOrigin[]; pageErrors: string[] }> {
  const page = await context.newPage();
  const offOrigin: string[] = [];
  const offOriginRequests: OffOrigin[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(new URL(url).origin) || /^(data|blob):/.test(request.url())) return;
    offOrigin.push(request.url());
    offOriginRequests.push({ url: request.url().split('?')[0]!, method: request.method(), navigation: request.isNavigationRequest() });
  });
  // Each spec starts as a first visit: GraphiQL keeps tabs and history in localStorage.
  await page.addInitScript(() => localStorage.clear());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${url}explorer`);
  return { page, offOrigin, offOriginRequests, pageErrors };
}

async function pasteToken(page: Page, token: string): Promise<void> {
  await page.fill('input[name=token]', token);
  await page.click('button:has-text("Use token")');
  await page.locator('.token-status', { hasText: 'Signed in' }).waitFor(WAIT);
}

/** Replaces an editor's text; insertText skips Monaco's auto-closing and auto-indent. */
async function replaceText(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .monaco-editor`).filter({ visible: true }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

async function run(page: Page, query: string, variables: string): Promise<void> {
  await replaceText(page, '.graphiql-query-editor', query);
  await page.click('button:has-text("Variables")');
  await replaceText(page, '.graphiql-editor-tool', variables);
  await page.click('.graphiql-execute-button');
}

describe('the explorer', () => {
  it('runs a cross-subgraph query for an admin and renders the result, with nothing loaded from outside', async () => {
    const { page, offOrigin, pageErrors } = await openExplorer(graph.url);
    await pasteToken(page, (await graph.token(as.admin(DEMO.admin)))!);
    await run(page, CLASSROOM, VARIABLES);

    const response = page.locator('.graphiql-response');
    await response.filter({ hasText: 'Grade 4 B' }).waitFor(WAIT);
    await page.click('button[aria-label^="Prettify"]');
    await page.screenshot({ path: `${SCREENSHOTS}/classroom-as-admin.png` });

    const text = await response.innerText();
    expect(text).toContain('"mastery"');
    expect(text).toContain('"streakDays"');
    expect(text).not.toContain('"errors"');
    expect(offOrigin).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('gives an admin the schema docs, the history of what ran, the visual query builder and autocompletion', async () => {
    const { page } = await openExplorer(graph.url);
    await pasteToken(page, (await graph.token(as.admin(DEMO.admin)))!);
    await run(page, CLASSROOM, VARIABLES);
    await page.locator('.graphiql-response', { hasText: 'Grade 4 B' }).waitFor(WAIT);

    await page.click('button[aria-label="Show History"]');
    await page.locator('.graphiql-history', { hasText: 'Classroom' }).waitFor(WAIT);
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.click('.graphiql-doc-explorer a:has-text("Query")');
    await page.locator('.graphiql-doc-explorer', { hasText: 'learningOutcomes' }).waitFor(WAIT);
    await page.click('button[aria-label="Show GraphiQL Explorer"]');
    await page.locator('.graphiql-explorer-root', { hasText: 'nextSession' }).waitFor(WAIT);
    await page.screenshot({ path: `${SCREENSHOTS}/query-builder.png` });

    await replaceText(page, '.graphiql-query-editor', '{ learn');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget', { hasText: 'learningOutcomes' }).waitFor(WAIT);
  });

  it('is what a browser opening the graph’s URL is sent to', async () => {
    const page = await context.newPage();
    await page.goto(graph.url);
    await page.waitForURL(/\/explorer$/, WAIT);
    await page.locator('input[name=token]').waitFor(WAIT);
  });
});

describe('the explorer in production', () => {
  it('serves everyone the same static page, which holds no schema', async () => {
    const response = await fetch(`${production.url}explorer`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).not.toMatch(/classroom|mastery|ContentByte/);
  });

  it('gets a plain 403 on introspection for anyone but an admin', async () => {
    const introspection = '{ __schema { types { name } } }';
    const anonymous = await production.query(introspection);
    const student = await production.query(introspection, { as: as.student(DEMO.children[0]) });
    const admin = await production.query(introspection, { as: as.admin(DEMO.admin) });
    for (const refused of [anonymous, student]) {
      expect(refused.status).toBe(403);
      expect(refused.body.data ?? null).toBeNull();
      expect(JSON.stringify(refused.body)).not.toMatch(/ContentByte|Classroom/);
    }
    expect(admin.status).toBe(200);
    expect(admin.body.data?.__schema.types.length).toBeGreaterThan(20);
  });
});

const SESSION_KEY = 'learning-graph:explorer-session';
const teacherName = DEMO_PEOPLE.find(({ id }) => id === DEMO.teacher)!.displayName;
const ADMIN_ONLY = 'query OtherClassroom($id: ID!) { classroom(id: $id) { name students { displayName mastery } } }';

/** From the explorer's Sign in button to the provider's sign-in page. */
async function openProviderSignIn(page: Page, screenshot?: string): Promise<void> {
  const button = page.locator('button.sign-in');
  await button.waitFor(WAIT);
  if (screenshot) await page.screenshot({ path: `${SCREENSHOTS}/${screenshot}` });
  await button.click();
  await page.waitForURL(`${issuer}/interaction/**`, WAIT);
}

async function submitSignIn(page: Page, username: string, password: string, screenshot?: string): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  if (screenshot) await page.screenshot({ path: `${SCREENSHOTS}/${screenshot}` });
  await page.click('button:has-text("Sign in")');
}

/** Through the provider's page, back to the explorer signed in. */
async function signInThroughProvider(page: Page, username: string, password: string): Promise<void> {
  await openProviderSignIn(page);
  await submitSignIn(page, username, password);
  await page.waitForURL(`${signingIn.url}explorer`, WAIT);
}

const sessionToken = (page: Page) => page.evaluate((key) => (JSON.parse(sessionStorage.getItem(key) ?? 'null') as { token: string } | null)?.token, SESSION_KEY);

/** The bearer token of each query the explorer sends to the graph. */
function recordBearers(page: Page): string[] {
  const bearers: string[] = [];
  page.on('request', (request) => {
    const bearer = request.headers().authorization;
    if (request.url().endsWith('/graphql') && bearer) bearers.push(bearer.replace(/^Bearer /, ''));
  });
  return bearers;
}

describe('signing in to the explorer', () => {
  it('signs the demo admin in on the provider’s page, runs what only an admin may, outlives a refresh, and signs out of both', async () => {
    const { page, offOriginRequests } = await openExplorer(signingIn.url);
    const bearers = recordBearers(page);
    const refresh = page.waitForResponse((response) => response.url() === `${issuer}/token` && !!response.request().postData()?.includes('grant_type=refresh_token'), { timeout: 60_000 });
    refresh.catch(() => undefined); // awaited below; a failure before then is the spec's own
    await page.locator('.token-status', { hasText: 'Anonymous' }).waitFor(WAIT);

    await openProviderSignIn(page, 'sign-in-button.png');
    await page.screenshot({ path: `${SCREENSHOTS}/provider-sign-in.png` });
    await submitSignIn(page, 'admin', 'not the password');
    await page.locator('[role=alert]', { hasText: 'No demo person has this username and password' }).waitFor(WAIT);
    await page.screenshot({ path: `${SCREENSHOTS}/provider-wrong-password.png` });
    await submitSignIn(page, 'admin', 'demo');
    await page.waitForURL(`${signingIn.url}explorer`, WAIT);
    await page.locator('.token-status', { hasText: 'Signed in as Nora (admin): user 1, ADMIN' }).waitFor(WAIT);
    expect(page.url()).toBe(`${signingIn.url}explorer`); // the code left the address bar

    await page.click('.graphiql-execute-button'); // the default document, as is
    await page.locator('.graphiql-response', { hasText: '"mastery"' }).waitFor(WAIT);
    expect(await page.locator('.graphiql-response').innerText()).not.toContain('"errors"');
    await run(page, ADMIN_ONLY, VARIABLES);
    await page.locator('.graphiql-response', { hasText: 'Grade 4 B' }).waitFor(WAIT);
    await page.click('button[aria-label^="Prettify"]');
    await page.screenshot({ path: `${SCREENSHOTS}/signed-in-admin.png` });
    const firstToken = await sessionToken(page);
    expect(firstToken).toBeTruthy();

    expect((await refresh).status()).toBe(200);
    await expect.poll(() => sessionToken(page), WAIT).not.toBe(firstToken);
    const refreshedToken = await sessionToken(page);
    const answer = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().headers().authorization === `Bearer ${refreshedToken}`, WAIT);
    await page.click('.graphiql-execute-button'); // the admin's query again, with the refreshed token
    expect(await (await answer).json()).toMatchObject({ data: { classroom: { name: 'Grade 4 B' } } });
    expect(bearers).toContain(firstToken);
    // In this tab alone: nothing of either token where other tabs and later visits read.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toMatch(new RegExp(`${firstToken!.slice(-20)}|${refreshedToken!.slice(-20)}`));

    await page.click('button.sign-out');
    await page.locator('button.sign-in').waitFor(WAIT);
    await page.locator('.token-status', { hasText: 'Anonymous' }).waitFor(WAIT);
    expect(await sessionToken(page)).toBeUndefined();
    await page.screenshot({ path: `${SCREENSHOTS}/signed-out.png` });
    // The provider's session ended too: signing in again asks for the password.
    await page.click('button.sign-in');
    await page.locator('input[name=password]').waitFor(WAIT);

    // Away from the gateway: the provider's pages, and the explorer's calls to its token endpoint, nothing else.
    const provider = new URL(issuer).origin;
    for (const request of offOriginRequests) expect(new URL(request.url).origin).toBe(provider);
    const calls = offOriginRequests.filter(({ navigation }) => !navigation);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map(({ method, url }) => `${method} ${url}`))).toEqual(new Set([`POST ${issuer}/token`]));
  }, 120_000);

  it('gives a teacher who signs in what a teacher may see, and no more', async () => {
    const { page } = await openExplorer(signingIn.url);
    const introspection = page.waitForResponse((response) => response.url().endsWith('/graphql') && !!response.request().postData()?.includes('__schema') && !!response.request().headers().authorization, WAIT);
    await signInThroughProvider(page, 'teacher', 'demo');
    await page.locator('.token-status', { hasText: `Signed in as ${teacherName}: user ${DEMO.teacher}, TEACHER` }).waitFor(WAIT);
    expect((await introspection).status()).toBe(403); // no schema: introspection is the admins' in production

    await page.click('.graphiql-execute-button'); // the default document: the teacher's own classroom
    await page.locator('.graphiql-response', { hasText: '"mastery"' }).waitFor(WAIT);
    await run(page, ADMIN_ONLY, VARIABLES);
    await page.locator('.graphiql-response', { hasText: 'FORBIDDEN' }).waitFor(WAIT);
    expect(await page.locator('.graphiql-response').innerText()).not.toContain('Grade 4 B');
    await page.click('button[aria-label^="Prettify"]');
    await page.screenshot({ path: `${SCREENSHOTS}/signed-in-teacher.png` });
  }, 60_000);
});
