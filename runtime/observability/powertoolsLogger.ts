/**
 * The project's Logger (runtime/observability/logger.ts) written through the logger of Powertools for AWS Lambda.
 * A line in Lambda has the shape of a local one (`level`, `time`, `event`, keys, fields), so one
 * Logs Insights query works everywhere, plus the invocation it was written in: the function, its
 * request id, cold start, the X-Ray trace id and the request id the line serves (`requestId`).
 *
 * The invocation comes from the caller's AsyncLocalStorage (runtime/observability/telemetry.ts), read as
 * each line is formatted, never from keys set on the Powertools logger: the container has one
 * logger, and a Lambda Managed Instance runs several invocations at once, so keys set on it by one
 * invocation would land on the lines of another. (Powertools scopes its own keys only inside the
 * Lambda runtime's InvokeStore; our lines must not depend on that.)
 */
import { LogFormatter, LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import type { Logger } from './logger.js';

/** Names Powertools reserves for itself; our fields travel under this prefix and get their names back in the line. */
const RESERVED = new Set(['level', 'message', 'sampling_rate', 'service', 'timestamp']);
const ESCAPED = 'field.';

/** What a line says of the invocation it was written in. */
export interface InvocationKeys {
  /** The request the invocation serves, signed by the gateway into its subgraph calls. */
  requestId?: string;
  lambdaContext?: Pick<Context, 'functionName' | 'awsRequestId'> & { coldStart: boolean };
}

class EventLineFormatter extends LogFormatter {
  constructor(private readonly invocation: () => InvocationKeys | undefined) {
    super();
  }

  override formatAttributes(attributes: UnformattedAttributes, fields: LogAttributes): LogItem {
    const { requestId, lambdaContext } = this.invocation() ?? {};
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
        // Where Powertools put appended keys: ahead of the line's own fields. Empty keys are dropped.
        requestId,
      },
    }).addAttributes(Object.fromEntries(Object.entries(fields).map(([name, value]) => [name.startsWith(ESCAPED) ? name.slice(ESCAPED.length) : name, value])));
  }
}

/** The container's Powertools logger; it keeps no invocation's keys, only knows whether the container is cold. */
export class ContainerLogger extends PowertoolsLogger {
  /** True for the first invocation of an on-demand container only (Powertools' own reckoning); each call counts as one. */
  takeColdStart(): boolean {
    return this.getColdStart();
  }
}

/** `invocation` names the invocation a line is written in, if any; it is read for every line. */
export function createPowertoolsLogger(level: 'debug' | 'info' | 'warn' | 'error' | 'silent', invocation: () => InvocationKeys | undefined = () => undefined): ContainerLogger {
  return new ContainerLogger({ logLevel: level, logFormatter: new EventLineFormatter(invocation) });
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
