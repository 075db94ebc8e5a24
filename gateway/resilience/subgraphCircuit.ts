/**
 * One circuit breaker per subgraph (cockatiel). After `failures` consecutive failed calls the circuit
 * opens: calls fail at once, costing about 0 ms, for `openMs`; then one probe call goes through, and
 * its outcome closes the circuit or opens it again. Only transport failures count (timeouts,
 * refusals, cut or garbled answers); a subgraph that answers with GraphQL errors is healthy.
 * Every change of state is a log line (`subgraph.circuit`) that is also a CloudWatch metric.
 */
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '../../runtime/observability/logger.js';
import { metricFields } from '../../runtime/observability/cloudWatchMetric.js';
import { SubgraphFailure } from './SubgraphFailure.js';

export const CIRCUIT_STATE_NAMES: Record<CircuitState, string> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

export function subgraphCircuit(subgraph: string, options: { failures: number; openMs: number }, logger: Logger): CircuitBreakerPolicy {
  const circuit = circuitBreaker(handleWhen((error) => error instanceof SubgraphFailure), {
    halfOpenAfter: options.openMs,
    breaker: new ConsecutiveBreaker(options.failures),
  });
  circuit.onStateChange((state) => {
    const fields = { state: CIRCUIT_STATE_NAMES[state], ...metricFields('SubgraphCircuitOpen', state === CircuitState.Closed ? 0 : 1, { subgraph }) };
    if (state === CircuitState.Open) logger.warn('subgraph.circuit', { ...fields, failures: options.failures, retryInMs: options.openMs });
    else logger.info('subgraph.circuit', fields);
  });
  return circuit;
}
