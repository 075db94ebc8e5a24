import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';
import { launchChromium } from './support/browser.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);
const production = useGateway(apps, { production: true });

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
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the explorer afresh, recording requests that leave the gateway's origin and errors the page logs. */
async function openExplorer(url: string): Promise<{ page: Page; offOrigin: string[]; pageErrors: string[] }> {
  const page = await context.newPage();
  const offOrigin: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(new URL(url).origin) && !/^(data|blob):/.test(request.url())) offOrigin.push(request.url());
  });
  // Each spec starts as a first visit: GraphiQL keeps tabs and history in localStorage.
  await page.addInitScript(() => localStorage.clear());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${url}explorer`);
  return { page, offOrigin, pageErrors };
}

async function signIn(page: Page, token: string): Promise<void> {
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
    await signIn(page, (await graph.token(as.admin(DEMO.admin)))!);
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
    await signIn(page, (await graph.token(as.admin(DEMO.admin)))!);
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
