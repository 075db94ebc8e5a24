/**
 * What mysql2 needs of iconv-lite here, for the Lambda bundle (scripts/bundle.ts gives mysql2 this
 * module instead of iconv-lite and its tables of every character set): the connection is utf8mb4,
 * which mysql2 decodes itself, and a column in utf8mb3 (a view's literal, say) arrives as CESU-8.
 * utf8mb3 holds no character outside the Basic Multilingual Plane, and for those CESU-8 is UTF-8,
 * so Node's UTF-8 coder is exact. Any other character set is refused by name.
 */
const SAME_AS_UTF8 = new Set(['cesu8', 'utf8', 'utf-8']);

function utf8Only(encoding: string): void {
  if (!SAME_AS_UTF8.has(encoding.toLowerCase())) {
    throw new Error(`MySQL sent text in ${encoding}; the Lambda bundle decodes only utf8mb4 and utf8mb3 (runtime/clients/utf8Charsets.ts)`);
  }
}

export function getDecoder(encoding: string): { write(buffer: Buffer): string; end(): string } {
  utf8Only(encoding);
  const decoder = new TextDecoder('utf-8');
  return { write: (buffer) => decoder.decode(buffer, { stream: true }), end: () => decoder.decode() };
}

export function getEncoder(encoding: string): { write(text: string): Buffer; end(): Buffer | undefined } {
  utf8Only(encoding);
  return { write: (text) => Buffer.from(text, 'utf8'), end: () => undefined };
}
