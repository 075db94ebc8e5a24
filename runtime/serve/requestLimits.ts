/**
 * Limits on the request itself, checked by every front (runtime/serve/httpServer.ts and
 * runtime/serve/lambda.ts) before anything decodes or parses it.
 *
 * Threat model: a body that is small but costly. Size: the biggest legitimate body is a
 * `recordEvents` batch of 500 events (~150 kB); anything larger is refused with 413 before parsing,
 * so a client cannot make the server buffer and parse megabytes. Depth: JSON.parse is iterative,
 * but much of what runs after it is not (JSON.stringify of the variables for a cache key,
 * structuredClone, string conversion of a persisted-query hash, graphql-js's value walks), and a
 * few kilobytes of `[[[[…` overflow the stack of any of them: a 500 for any caller, since an
 * unused variable of a listed operation passes the safelist. The apps' bodies nest at most 6
 * levels, so nesting past MAX_REQUEST_JSON_DEPTH is refused with 400 BAD_USER_INPUT before parsing,
 * whatever the content type, in the body and in a GET's `variables` and `extensions`.
 */
export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

/** Arrays and objects nested deeper than this, anywhere in a request, refuse it. */
export const MAX_REQUEST_JSON_DEPTH = 32;

/** The GET parameters Apollo Server parses as JSON. */
const JSON_PARAMETERS = new Set(['variables', 'extensions']);

/**
 * Why the request is refused for its nesting, or undefined. `parameters`: the query string's
 * (name, value) pairs, of which the JSON ones are checked.
 */
export function nestingRefusal(body: string | undefined | null, parameters: Iterable<readonly [string, string | undefined]> = []): string | undefined {
  const tooDeep = (text: string | undefined | null) => Boolean(text) && nestsDeeperThan(text!, MAX_REQUEST_JSON_DEPTH);
  if (tooDeep(body)) return `The request body nests arrays and objects deeper than ${MAX_REQUEST_JSON_DEPTH} levels`;
  for (const [name, value] of parameters) {
    if (JSON_PARAMETERS.has(name) && tooDeep(value)) return `The ${name} parameter nests arrays and objects deeper than ${MAX_REQUEST_JSON_DEPTH} levels`;
  }
  return undefined;
}

/**
 * Whether JSON text opens more than `max` arrays or objects at once, counted outside string
 * literals: one pass, no allocation, and no assumption that the text is valid JSON (a parser after
 * this refuses what is malformed). Run on every request: a string literal (most of a body is its
 * query's text) is crossed with indexOf to its closing quote, one not preceded by an odd run of
 * backslashes, instead of character by character; and a text shorter than `max` + 1 characters
 * cannot open that many.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // The closing quote: the next one that no backslash escapes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return false; // an unterminated string opens nothing more
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Whether the character at `at` follows an odd number of backslashes (inside a string literal). */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let j = at - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Why a parsed request is refused for its envelope, or undefined: Apollo Server checks the types of
 * `query`, `variables`, `operationName` and `extensions` itself, but joins a persisted query's
 * `sha256Hash` into a cache key unchecked, so an object there (one whose `toString` is not a
 * function, say) throws inside its pipeline: a 500. `body`: the parsed POST body (undefined for a
 * GET); `search`: the query string, whose `extensions` a GET carries.
 */
export function envelopeRefusal(body: unknown, search: string): string | undefined {
  let extensions = isObject(body) ? body.extensions : undefined;
  if (body === undefined && search.includes('extensions')) {
    try {
      extensions = JSON.parse(new URLSearchParams(search).get('extensions') ?? 'null');
    } catch {
      return undefined; // Apollo Server refuses malformed JSON in a parameter with 400
    }
  }
  const persisted = isObject(extensions) ? extensions.persistedQuery : undefined;
  if (isObject(persisted) && persisted.sha256Hash !== undefined && typeof persisted.sha256Hash !== 'string') return 'extensions.persistedQuery.sha256Hash must be a string';
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
