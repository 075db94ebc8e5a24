/**
 * Persisted query manifests in Apollo's format (`"format": "apollo-persisted-query-manifest"`,
 * `"version": 1`): the apps' own, `operations/manifest.json`, generated from `operations/` by
 * `npm run operations` and shipped with the gateway, and those of other apps and clients
 * (PERSISTED_QUERY_MANIFESTS), as `@apollo/generate-persisted-query-manifest`, Apollo iOS and
 * Apollo Kotlin write them.
 *
 * A client sends an operation's `id` as `extensions.persistedQuery.sha256Hash` and the gateway
 * runs its `body` (persistedQueries.ts); with the safelist on, only the bodies run
 * (plugins/operationSafelist.ts). A file that is not such a manifest is refused at start with one
 * paragraph: serving with half a safelist would refuse an app's operations at random.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GatewayError } from './errors.js';

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest' as const;
const OPERATION_TYPES = ['query', 'mutation', 'subscription'] as const;

export interface ManifestOperation {
  /** What clients send as `extensions.persistedQuery.sha256Hash`; the sha256 (hex) of `body` unless the client chose its own ids. */
  id: string;
  /** The document, exactly as the client sends it. */
  body: string;
  /** The operation's name in `body`. */
  name: string;
  type: (typeof OPERATION_TYPES)[number];
}

export interface PersistedQueryManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: ManifestOperation[];
}

export class ManifestError extends GatewayError {
  override readonly name = 'ManifestError';
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SHIPPED = new URL('../operations/manifest.json', import.meta.url);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The manifest at `file` (the shipped one unless told), or a ManifestError saying what is wrong with it. */
export function loadManifest(file: string | URL = SHIPPED): PersistedQueryManifest {
  const shipped = file === SHIPPED;
  const where = shipped ? 'operations/manifest.json' : String(file);
  const fix = shipped
    ? 'Run `npm run operations` to write it from operations/.'
    : `Write it with @apollo/generate-persisted-query-manifest, Apollo iOS or Apollo Kotlin ("format": "${MANIFEST_FORMAT}", "version": 1).`;
  const refuse = (problem: string, cause?: unknown) => new ManifestError(`The persisted query manifest ${where} ${problem}. ${fix}`, { cause });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw refuse(`cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, cause);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw refuse(`is not JSON (${(cause as Error).message})`, cause);
  }
  const checked = checkManifest(value);
  if (typeof checked === 'string') throw refuse(checked);
  return checked;
}

/** `value` as a manifest (known fields only), or what is wrong with it. */
function checkManifest(value: unknown): PersistedQueryManifest | string {
  if (!isObject(value)) return `holds ${describe(value)}, not a manifest object`;
  if (value.format !== MANIFEST_FORMAT) {
    // The gateway's own shape before Apollo's format: operations by hash.
    if (value.format === undefined && isObject(value.operations)) return `is in the former shape (operations by hash), not "format": "${MANIFEST_FORMAT}"`;
    return `has "format": ${JSON.stringify(value.format) ?? 'missing'}; the gateway reads "${MANIFEST_FORMAT}"`;
  }
  if (value.version !== 1) return `is version ${JSON.stringify(value.version) ?? '(missing)'} of the format; the gateway reads version 1`;
  if (!Array.isArray(value.operations)) return 'has no "operations" list';
  const operations: ManifestOperation[] = [];
  const bodyById = new Map<string, string>();
  for (const [index, entry] of value.operations.entries()) {
    const label = `operation ${index + 1}${isObject(entry) && typeof entry.name === 'string' ? ` (${entry.name})` : ''}`;
    if (!isObject(entry)) return `has ${describe(entry)} as ${label}`;
    const { id, body, name, type } = entry;
    for (const [field, text] of Object.entries({ id, body, name })) {
      if (typeof text !== 'string' || !text) return `has no "${field}" text in ${label}`;
    }
    if (!OPERATION_TYPES.includes(type as never)) return `has "type": ${JSON.stringify(type) ?? 'missing'} in ${label}; it must be ${OPERATION_TYPES.join(', ')}`;
    const operation = { id, body, name, type } as ManifestOperation;
    // Apollo Server keys parsed documents and the shipped plans by the sha256 of the text: an id that looks like one must be it.
    if (SHA256_HEX.test(operation.id) && operation.id !== sha256(operation.body)) return `has an id in ${label} that is a sha256 but not that of its body (${operation.id})`;
    const earlier = bodyById.get(operation.id);
    if (earlier !== undefined && earlier !== operation.body) return `has two operations with the id ${operation.id} and different bodies`;
    bodyById.set(operation.id, operation.body);
    operations.push(operation);
  }
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/**
 * The operations of all `manifests` as one manifest; refused when two give one id different
 * bodies, as a client sending that id would run either.
 */
export function mergeManifests(manifests: readonly { where: string; manifest: PersistedQueryManifest }[]): PersistedQueryManifest {
  const byId = new Map<string, { where: string; operation: ManifestOperation }>();
  for (const { where, manifest } of manifests) {
    for (const operation of manifest.operations) {
      const earlier = byId.get(operation.id);
      if (!earlier) byId.set(operation.id, { where, operation });
      else if (earlier.operation.body !== operation.body) {
        throw new ManifestError(`The persisted query manifests ${earlier.where} (${earlier.operation.name}) and ${where} (${operation.name}) give the id ${operation.id} different bodies, so a client sending it could run either. Regenerate one of them or leave one out.`);
      }
    }
  }
  return { format: MANIFEST_FORMAT, version: 1, operations: [...byId.values()].map(({ operation }) => operation) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
}
