/**
 * Logs never hold personal data or SQL parameters: a failing statement's error, as the subgraphs,
 * the gateway and the consumer log it (`errorChain`), keeps its SQL and its code, never the values.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createLogger } from '../runtime/observability/logger.js';
import { errorChain } from '../runtime/errors.js';
import { useTestDatabase } from './support/harness.js';
import { seedDemo } from '../seed/demo.js';
import { usersTables } from '../subgraphs/users/tables.js';
import { DEMO } from '../seed/demoIds.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const NAME = 'Amira Secret-Family';

/** Log lines of one failing statement, written as every internal-error log line of the code is. */
async function logLinesOf(statement: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const logger = createLogger('debug', { subgraph: 'users' }, (line) => lines.push(line));
  const error = await statement().then(() => undefined, (failure: unknown) => failure);
  expect(error, 'the statement failed').toBeInstanceOf(Error);
  logger.error('subgraph.internal_error', { message: errorChain(error) });
  return lines;
}

describe('the log line of a failing query', () => {
  const { users } = usersTables('amal');
  const failing = [
    { name: 'a duplicate key (the server quotes the value)', run: () => apps.runtime().deps.db.insert(users).values({ id: DEMO.children[0], displayName: NAME, role: 'STUDENT', locale: 'ar', createdAt: new Date(), updatedAt: new Date() }) },
    { name: 'a value too long for its column', run: () => apps.runtime().deps.db.update(users).set({ displayName: `${NAME} `.repeat(200) }).where(sql`${users.id} = ${DEMO.children[0]}`) },
    { name: 'a value of the wrong type (strict mode)', run: () => apps.runtime().deps.db.execute(sql`UPDATE ${users} SET ${users.grade} = ${NAME} WHERE ${users.id} = ${DEMO.children[0]}`) },
  ];

  it.each(failing)('holds neither the values nor the parameters of $name', async ({ run }) => {
    const lines = await logLinesOf(run);

    const text = lines.join('\n');
    expect(text).not.toContain('Amira');
    expect(text).not.toContain('Secret');
    expect(text).not.toMatch(/params:/);
    expect(text).not.toContain(`'${DEMO.children[0]}`);
    // What an operator needs is kept: the statement or the server's error code.
    expect(text).toMatch(/Failed query: (insert|update)|ER_[A-Z_]+/i);
  });
});
