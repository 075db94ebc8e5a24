/**
 * Browser apps on other origins (docs/SECURITY.md, "Browser apps on other origins"): a page served
 * from another origin calls the gateway with its bearer token, as a web app would. An allowed origin
 * gets the data; any other is refused by the browser, from the gateway's missing CORS headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { loadCors } from '../gateway/config.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway, type TestGateway } from './support/gateway.js';
import { launchChromium } from './support/browser.js';

/** A tiny static page, as a web app's dev server would serve; `origin` is how the browser reaches it. */
interface Page {
  origin: string;
  close(): Promise<void>;
}

async function servePage(host: string, originHost: string): Promise<Page> {
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>A web app</title><h1>A web app</h1>'));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  return {
    origin: `http://${originHost}:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}

// The pages start before the gateways (hooks run in order), so production can list one by its port.
let localhostPage: Page;
/** 127.0.0.2 is loopback too, but neither localhost nor 127.0.0.1: outside development's localhost rule. */
let otherPage: Page;
beforeAll(async () => {
  localhostPage = await servePage('127.0.0.1', 'localhost');
  otherPage = await servePage('127.0.0.2', '127.0.0.2');
});
afterAll(async () => {
  await localhostPage?.close();
  await otherPage?.close();
});

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const development = useGateway(apps, { cors: () => loadCors({}, { production: false }) });
const production = useGateway(apps, { production: true, cors: () => loadCors({ CORS_ORIGINS: otherPage.origin }, { production: true }) });

let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium();
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
});

const ME = '{ me { id role } }';

/** Opens the page and has it POST the query to the gateway with a bearer token, as a web app's client does. */
async function callFromPage(page: Page, graph: TestGateway): Promise<{ result: { status: number; data: unknown } | { failed: string }; consoleErrors: string[] }> {
  const tab = await context.newPage();
  const consoleErrors: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  try {
    await tab.goto(`${page.origin}/`);
    const token = (await graph.token(as.parent(DEMO.parent)))!;
    const result = await tab.evaluate(async ({ url, token, query }) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'apollographql-client-name': 'web' },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, data: (await response.json() as { data?: unknown }).data };
      } catch (error) {
        return { failed: String(error) };
      }
    }, { url: graph.url, token, query: ME });
    return { result, consoleErrors };
  } finally {
    await tab.close();
  }
}

const signedInParent = { status: 200, data: { me: { id: String(DEMO.parent), role: 'PARENT' } } };

describe('a browser app on another origin', () => {
  it('runs a query with its bearer token from a localhost dev server, in development', async () => {
    const { result, consoleErrors } = await callFromPage(localhostPage, development);
    expect(result).toEqual(signedInParent);
    expect(consoleErrors).toEqual([]);
  });

  it('is refused from an origin that is not localhost, in development', async () => {
    const { result, consoleErrors } = await callFromPage(otherPage, development);
    expect(result).toEqual({ failed: expect.stringContaining('Failed to fetch') });
    expect(consoleErrors.join('\n')).toContain(`from origin '${otherPage.origin}' has been blocked by CORS policy`);
  });

  it('runs a query from an origin of CORS_ORIGINS, in production', async () => {
    const { result, consoleErrors } = await callFromPage(otherPage, production);
    expect(result).toEqual(signedInParent);
    expect(consoleErrors).toEqual([]);
  });

  it('is refused from localhost in production, where only the list counts', async () => {
    const { result, consoleErrors } = await callFromPage(localhostPage, production);
    expect(result).toEqual({ failed: expect.stringContaining('Failed to fetch') });
    expect(consoleErrors.join('\n')).toContain(`from origin '${localhostPage.origin}' has been blocked by CORS policy`);
  });
});

describe('the gateway’s CORS answers over HTTP', () => {
  const preflight = (origin: string) => fetch(production.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

  it('answers a preflight from a listed origin with 204 and what the browser needs, without credentials', async () => {
    const response = await preflight(otherPage.origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(otherPage.origin);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'apollographql-client-name', 'apollographql-client-version']));
    expect(response.headers.get('access-control-max-age')).toBe('7200');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from any other origin with 403 and no CORS header', async () => {
    const response = await preflight('https://evil.example.com');
    expect(response.status).toBe(403);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('marks an allowed origin’s answers as varying by Origin, and gives another origin no CORS header', async () => {
    const allowed = await production.query(ME, { as: as.parent(DEMO.parent), headers: { origin: otherPage.origin } });
    expect(allowed.body.data).toEqual(signedInParent.data);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(otherPage.origin);
    expect(allowed.headers.get('vary')).toBe('Origin');

    const other = await production.query(ME, { as: as.parent(DEMO.parent), headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
