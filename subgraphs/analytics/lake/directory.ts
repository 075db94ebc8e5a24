/** The lake in a local directory (development, tests): one gzip file per day and batch, written whole then renamed into place. */
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../../runtime/logger.js';
import { byDay, decodeEvents, encodeEvents, objectName, partitionOf } from './layout.js';
import type { LakeReader, LakeWriter } from './types.js';

export function createDirectoryLake(dir: string, prefix: string, logger: Logger): LakeWriter & LakeReader {
  return {
    kind: 'directory',

    async write(app, events) {
      for (const [day, ofDay] of byDay(events)) {
        const folder = join(dir, partitionOf(prefix, app, day));
        await mkdir(folder, { recursive: true });
        const name = objectName();
        // Readers skip dot files, so a half-written file is never read.
        const temporary = join(folder, `.${name}`);
        const file = await open(temporary, 'w');
        try {
          await file.writeFile(encodeEvents(ofDay));
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, join(folder, name));
      }
      return { failed: [] };
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
  };
}
