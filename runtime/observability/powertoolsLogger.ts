/**
 * The project's Logger (runtime/observability/logger.ts) written through the logger of Powertools for AWS Lambda.
 * A line in Lambda has the shape of a local one (`level`, `time`, `event`, keys, fields), so one
 * Logs Insights query works everywhere, plus what Powertools knows of the invocation: the function,
 * its request id, cold start and the X-Ray trace id.
 */
import { LogFormatter, LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Logger } from './logger.js';

/** Names Powertools reserves for itself; our fields travel under this prefix and get their names back in the line. */
const RESERVED = new Set(['level', 'message', 'sampling_rate', 'service', 'timestamp']);
const ESCAPED = 'field.';

class EventLineFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, fields: LogAttributes): LogItem {
    const { lambdaContext } = attributes;
    return new LogItem({
      attributes: {
        level: attributes.logLevel.toLowerCase(),
        time: this.formatTimestamp(attributes.timestamp),
        event: attributes.message,
        service: attributes.serviceName,
        function_name: lambdaContext?.functionName,
        function_request_id: lambdaContext?.awsRequestId,
        cold_start: lambdaContext?.coldStart,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(Object.fromEntries(Object.entries(fields).map(([name, value]) => [name.startsWith(ESCAPED) ? name.slice(ESCAPED.length) : name, value])));
  }
}

export function createPowertoolsLogger(level: 'debug' | 'info' | 'warn' | 'error' | 'silent'): PowertoolsLogger {
  return new PowertoolsLogger({ logLevel: level, logFormatter: new EventLineFormatter() });
}

/** Our Logger interface over `powertools`; children add their keys to every line. */
export function projectLogger(powertools: PowertoolsLogger, keys: object = {}): Logger {
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (event: string, fields: object = {}) =>
    powertools[level](event, escapeReserved({ ...keys, ...fields }));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => projectLogger(powertools, { ...keys, ...more }),
  };
}

function escapeReserved(fields: object): LogAttributes {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [RESERVED.has(name) ? `${ESCAPED}${name}` : name, value]));
}
