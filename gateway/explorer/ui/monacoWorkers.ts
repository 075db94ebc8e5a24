/**
 * GraphiQL's editors are Monaco, which runs its language services in web workers. The bundle ships
 * each worker as its own file beside this script (see gateway/explorer/bundle.ts), so nothing is
 * fetched from a CDN.
 */
const WORKERS: Record<string, string> = {
  json: './json.worker.js',
  graphql: './graphql.worker.js',
};

(globalThis as { MonacoEnvironment?: object }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return new Worker(new URL(WORKERS[label] ?? './editor.worker.js', import.meta.url), { type: 'module' });
  },
};
