import { describe, expect, it } from 'vitest';
import { loadedOnFirstCall } from './loadedOnFirstCall.js';

interface Queue { kind: 'q'; send(body: string): Promise<string>; close(): Promise<void> }

describe('an object loaded on its first call', () => {
  it('loads once, on the first call, and closes only what it loaded', async () => {
    let loads = 0;
    let closed = 0;
    const queue = loadedOnFirstCall<Queue, 'send' | 'close'>(async () => {
      loads++;
      return { kind: 'q', send: async (body) => `sent ${body}`, close: async () => void closed++ };
    }, { methods: ['send'], ifLoaded: ['close'] }, { kind: 'q' });
    expect(queue.kind).toBe('q');
    await queue.close();
    expect({ loads, closed }).toEqual({ loads: 0, closed: 0 });
    expect(await Promise.all([queue.send('a'), queue.send('b')])).toEqual(['sent a', 'sent b']);
    await queue.close();
    expect({ loads, closed }).toEqual({ loads: 1, closed: 1 });
  });

  it('tries a failed load again on the next call', async () => {
    let attempts = 0;
    const queue = loadedOnFirstCall<Queue, 'send' | 'close'>(async () => {
      if (++attempts === 1) throw new Error('the SDK could not be imported');
      return { kind: 'q', send: async () => 'sent', close: async () => undefined };
    }, { methods: ['send', 'close'] }, { kind: 'q' });
    await expect(queue.send('a')).rejects.toThrow('the SDK could not be imported');
    expect(await queue.send('a')).toBe('sent');
  });
});
