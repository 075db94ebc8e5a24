/**
 * The class mode: a class opening one lesson. Each round, every student of the class sends
 * `LessonPage` for the same lesson at the same moment, each with its own identity; the next round
 * starts when the last student has the page (a closed loop, for `seconds`). Rounds, not free-running
 * connections, because "at once" is the point: 30 connections each looping on their own drift
 * apart within a few requests, and the gateway would then see a trickle, not a class.
 * The lesson changes every round (lessons 1-20 in turn): a class opens a lesson once, not the same
 * one again and again.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { Viewer } from '../runtime/security/signedContext.js';
import { DEMO } from '../seed/demoIds.js';
import { documentOf } from './mix.js';
import type { LoadResult } from './load.js';

export const CLASS: (Viewer & { kind: 'user' })[] = DEMO.classroomStudents.map((id) => ({ kind: 'user', userId: String(id), role: 'STUDENT' }));
const LESSON_PAGE = 'LessonPage';
export const lessonOfRound = (round: number) => String(DEMO.lessons[round % DEMO.lessons.length]);

export interface ClassLoadResult extends LoadResult {
  /** Time until the last student of a round has the page, median over rounds. */
  roundP50: number;
}

export interface Answer {
  status: number;
  body: string;
}

/** One round: every student's LessonPage for `lesson`, all sent before any answer is read. */
export function classRound(agent: Agent, url: string, headersFor: (viewer: Viewer) => Record<string, string>, lesson: string): Promise<{ answer: Answer; ms: number }[]> {
  const body = JSON.stringify({ query: documentOf(LESSON_PAGE), variables: { id: lesson } });
  const requests = CLASS.map((student) => ({ 'content-type': 'application/json', ...headersFor(student) }));
  return Promise.all(requests.map(async (headers) => {
    const started = performance.now();
    const answer = await post(agent, url, headers, body);
    return { answer, ms: performance.now() - started };
  }));
}

export async function classLoad(url: string, headersFor: (viewer: Viewer) => Record<string, string>, seconds: number, firstRound = 0): Promise<ClassLoadResult> {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error(`Load only targets 127.0.0.1; got ${url}`);
  const agent = new Agent({ keepAlive: true, maxSockets: CLASS.length });
  const latencies: number[] = [];
  const roundTimes: number[] = [];
  let failed = 0;
  const started = performance.now();
  try {
    for (let round = firstRound; performance.now() - started < seconds * 1000; round++) {
      const roundStarted = performance.now();
      for (const { answer, ms } of await classRound(agent, url, headersFor, lessonOfRound(round))) {
        latencies.push(ms);
        if (answer.status !== 200 || answer.body.includes('"errors"')) failed++;
      }
      roundTimes.push(performance.now() - roundStarted);
    }
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    roundP50: percentile(roundTimes, 0.5),
    non2xx: failed,
    errors: 0,
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
}

function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on('error', (error) => resolve({ status: 0, body: String(error) }));
    });
    request.setTimeout(30_000, () => request.destroy(new Error('timed out')));
    // A refused or dropped connection counts as a failed request, not as the end of the run.
    request.on('error', (error) => resolve({ status: 0, body: String(error) }));
    request.end(body);
  });
}
