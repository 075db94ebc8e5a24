/** The lake in a local directory (development, tests): one gzip file per day and batch, written whole then renamed into place. */
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../../runtime/observability/logger.js';
import { byDay, byLearner, decodeEvents, encodeEvents, encodeTombstone, learnerPrefixOf, objectName, partitionOf, tombstoneKeyOf } from './layout.js';
import { lakeRecordsOf } from './personal.js';
import type { LakeReader, LakeWriter } from './types.js';

/** Writes `path` whole: readers skip dot files, so a half-written file is never read. */
async function writeWhole(path: string, body: Buffer | string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${path.split('/').at(-1)}`);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(body);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

export function createDirectoryLake(dir: string, prefix: string, logger: Logger): LakeWriter & LakeReader {
  return {
    kind: 'directory',

    async write(app, events) {
      for (const [day, ofDay] of byDay(events)) await writeWhole(join(dir, partitionOf(prefix, app, day), objectName()), encodeEvents(ofDay));
      // Each learner's copy, as in a bucket (s3.ts LearnerCopies): what its data export reads.
      for (const [userId, ofLearner] of byLearner(events)) await writeWhole(join(dir, learnerPrefixOf(prefix, app, userId), objectName()), encodeEvents(ofLearner));
      return { failed: [] };
    },

    // The erasure also rewrites this lake without the person (personal.ts); the tombstone keeps the layout of a bucket.
    async writeTombstone(app, userId, erasedAt) {
      await writeWhole(join(dir, tombstoneKeyOf(prefix, app, userId)), encodeTombstone(userId, erasedAt));
    },

    async readDay(app, day) {
      const folder = join(dir, partitionOf(prefix, app, day));
      const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      });
      const events = [];
      for (const name of names.filter((n) => n.endsWith('.gz') && !n.startsWith('.')).sort()) {
        const decoded = decodeEvents(await readFile(join(folder, name)));
        if (decoded.malformed > 0) logger.warn('analytics.lake_malformed_lines', { object: join(folder, name), lines: decoded.malformed });
        events.push(...decoded.events);
      }
      return events;
    },

    recordsOf: (app, userId) => lakeRecordsOf(dir, prefix, app, userId),
  };
}
