/**
 * The operations the apps may run in production: `operations/manifest.json`, generated from the
 * documents in `operations/` by `npm run operations` and shipped with the gateway.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface OperationManifest {
  /** sha256 (hex) of the exact document text -> the operation. */
  operations: Record<string, { name: string; document: string }>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function loadManifest(url = new URL('../operations/manifest.json', import.meta.url)): OperationManifest {
  return JSON.parse(readFileSync(url, 'utf8')) as OperationManifest;
}
