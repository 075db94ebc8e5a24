/** Structured JSON logs, one line per fact: `logger.info('subgraph.fetch', { subgraph, ms })`. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(event: string, fields?: object): void;
  info(event: string, fields?: object): void;
  warn(event: string, fields?: object): void;
  error(event: string, fields?: object): void;
  child(keys: object): Logger;
}

/** Where lines go: warnings and errors to stderr, the rest to stdout. */
export type LogSink = (line: string, level: Level) => void;

const standardStreams: LogSink = (line, level) => (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');

export function createLogger(level: Level | 'silent' = 'info', keys: object = {}, sink: LogSink = standardStreams): Logger {
  const write = (at: Level) => (event: string, fields: object = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    sink(JSON.stringify({ level: at, time: new Date().toISOString(), event, ...keys, ...fields }), at);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => createLogger(level, { ...keys, ...more }, sink),
  };
}
