import { describe, expect, it } from 'vitest';
import { allowsOrigin, corsAnswer, isOrigin, parseOrigins, type CorsPolicy } from './cors.js';

const production: CorsPolicy = { origins: ['https://app.example.com'], localhost: false };
const development: CorsPolicy = { origins: [], localhost: true };
const preflight = (origin: string) => ({ method: 'OPTIONS', origin, requestedMethod: 'POST' });

describe('an origin of the allowlist', () => {
  it.each(['https://app.example.com', 'http://localhost:5173', 'https://app.example.com:8443', 'http://10.0.0.2'])('takes %s', (origin) => {
    expect(isOrigin(origin)).toBe(true);
  });

  it.each([
    ['a path', 'https://app.example.com/app'],
    ['a trailing slash', 'https://app.example.com/'],
    ['a wildcard', 'https://*.example.com'],
    ['upper case', 'https://App.example.com'],
    ['the default port', 'https://app.example.com:443'],
    ['another scheme', 'ftp://app.example.com'],
    ['no scheme', 'app.example.com'],
    ['credentials', 'https://user@app.example.com'],
    ['the opaque origin', 'null'],
  ])('refuses %s', (_, origin) => {
    expect(isOrigin(origin)).toBe(false);
  });

  it('is read from a comma-separated list, blanks and repeats dropped, the first wrong one refused', () => {
    const refuse = (wrong: string) => new Error(`not an origin: ${wrong}`);
    expect(parseOrigins(' https://a.example.com, ,https://b.example.com,https://a.example.com', refuse)).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(parseOrigins('', refuse)).toEqual([]);
    expect(() => parseOrigins('https://a.example.com,https://b.example.com/', refuse)).toThrow('not an origin: https://b.example.com/');
  });
});

describe('who may call', () => {
  it('is the listed origins only, in production', () => {
    expect(allowsOrigin(production, 'https://app.example.com')).toBe(true);
    expect(allowsOrigin(production, 'https://app.example.com.evil.test')).toBe(false);
    expect(allowsOrigin(production, 'http://localhost:5173')).toBe(false);
  });

  it('is also any localhost port over http, in development', () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost']) expect(allowsOrigin(development, origin)).toBe(true);
    for (const origin of ['https://localhost:5173', 'http://localhost.evil.test', 'http://127.0.0.2:5173', 'http://[::1]:5173']) expect(allowsOrigin(development, origin)).toBe(false);
  });
});

describe('the CORS answer', () => {
  it('answers a preflight from an allowed origin with that origin, the methods, the headers Apollo clients send and a max age', () => {
    const answer = corsAnswer(production, preflight('https://app.example.com'));
    expect(answer).toEqual({
      kind: 'preflight',
      headers: {
        vary: 'Origin',
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, apollographql-client-name, apollographql-client-version',
        'access-control-max-age': '7200',
      },
    });
  });

  it('refuses a preflight from any other origin', () => {
    expect(corsAnswer(production, preflight('https://evil.test'))).toEqual({ kind: 'refused' });
  });

  it('lets an allowed origin read the answer and Retry-After, never with credentials', () => {
    const answer = corsAnswer(production, { method: 'POST', origin: 'https://app.example.com', requestedMethod: undefined });
    expect(answer).toEqual({ kind: 'request', headers: { vary: 'Origin', 'access-control-allow-origin': 'https://app.example.com', 'access-control-expose-headers': 'retry-after' } });
  });

  it('adds no CORS header for another origin (the browser hides the answer) and nothing without an Origin', () => {
    expect(corsAnswer(production, { method: 'POST', origin: 'https://evil.test', requestedMethod: undefined })).toEqual({ kind: 'request', headers: { vary: 'Origin' } });
    expect(corsAnswer(production, { method: 'OPTIONS', origin: undefined, requestedMethod: 'POST' })).toEqual({ kind: 'none' });
  });
});
