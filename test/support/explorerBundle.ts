/** vitest globalSetup: builds the explorer's bundle once, before the files that serve it run in parallel. */
import { explorerBundle } from '../../gateway/explorer/bundle.js';

export default async function buildExplorerBundle(): Promise<void> {
  await explorerBundle();
}
