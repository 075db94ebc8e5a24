/**
 * An object whose code is imported on the first call of one of its methods, for what a cold start
 * should not load: the AWS SDK's S3, Firehose and SQS clients behind the analytics lake and queue.
 * Every method returns a promise; `ifLoaded` methods (a `close`) do nothing until something loaded
 * it. A failed load is tried again on the next call.
 */
export function loadedOnFirstCall<T extends object, K extends keyof T>(
  load: () => Promise<T>,
  { methods, ifLoaded = [] }: { methods: readonly K[]; ifLoaded?: readonly K[] },
  fields: Omit<T, K>,
): T {
  let loaded: Promise<T> | undefined;
  const target = () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  const call = (method: K, onlyIfLoaded: boolean) => async (...args: unknown[]) => {
    if (onlyIfLoaded && !loaded) return undefined;
    const object = await target();
    return (object[method] as (...args: unknown[]) => Promise<unknown>).apply(object, args);
  };
  const calls = Object.fromEntries([...methods.map((method) => [method, call(method, false)]), ...ifLoaded.map((method) => [method, call(method, true)])]);
  return { ...fields, ...calls } as T;
}
