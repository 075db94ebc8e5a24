/**
 * One person's records in a directory lake: read for an export (the directory lake's
 * `recordsOf`) from the person's own folder (layout.ts `learnerPrefixOf`), never the whole lake;
 * removed for an erasure with that folder and by rewriting each object that holds any of them (other
 * people's lines kept byte for byte; an object left empty is deleted). A rewrite is written whole to a dot file, then renamed over the object,
 * so a reader sees the old object or the new one, never half of one. A bucket lake (S3, Firehose)
 * is not rewritten: the replay honours the suppression list and Athena's view the person's
 * tombstone (docs/ANALYTICS.md).
 */
import { open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AppName } from '../../runtime/tenancy.js';
import type { QueuedEvent } from '../event/queuedEvent.js';
import { appPartitionsOf, learnerPrefixOf, recordOfUser, userOfLine } from './layout.js';

/** Every object of the app's lake, partition by partition. */
async function objectsOf(dir: string, prefix: string, app: AppName): Promise<string[]> {
  const root = join(dir, appPartitionsOf(prefix, app));
  const partitions = await readdir(root).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const objects: string[] = [];
  for (const partition of partitions.filter((name) => name.startsWith('dt=')).sort()) {
    const names = await readdir(join(root, partition));
    objects.push(...names.filter((name) => name.endsWith('.gz') && !name.startsWith('.')).sort().map((name) => join(root, partition, name)));
  }
  return objects;
}

const linesOf = async (object: string) => gunzipSync(await readFile(object)).toString('utf8').split('\n').filter((line) => line.trim() !== '');

/** The person's records, in lake order (duplicates included: the lake is written at least once). */
export async function lakeRecordsOf(dir: string, prefix: string, app: AppName, userId: number): Promise<QueuedEvent[]> {
  const records: QueuedEvent[] = [];
  const folder = join(dir, learnerPrefixOf(prefix, app, userId));
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  for (const object of names.filter((name) => name.endsWith('.gz') && !name.startsWith('.')).sort().map((name) => join(folder, name))) {
    for (const line of await linesOf(object)) {
      const record = recordOfUser(line, userId);
      if (record) records.push(record);
    }
  }
  return records;
}

/** Rewrites every object holding a record of the person without it; returns how many objects changed. */
export async function eraseFromDirectoryLake(dir: string, prefix: string, app: AppName, userId: number): Promise<number> {
  await rm(join(dir, learnerPrefixOf(prefix, app, userId)), { recursive: true, force: true });
  let changed = 0;
  for (const object of await objectsOf(dir, prefix, app)) {
    const lines = await linesOf(object);
    const kept = lines.filter((line) => userOfLine(line) !== userId);
    if (kept.length === lines.length) continue;
    changed++;
    if (kept.length === 0) {
      await unlink(object);
      continue;
    }
    const temporary = join(object, '..', `.${object.split('/').at(-1)}.rewrite`);
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(gzipSync(kept.map((line) => `${line}\n`).join('')));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, object);
  }
  return changed;
}
