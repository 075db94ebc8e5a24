/**
 * CloudWatch metrics without an agent or an API call: a log line carrying these fields (Embedded
 * Metric Format) becomes a metric when Lambda ships it to CloudWatch Logs. Locally they are just
 * fields of the JSON line. For events that already log a line (a subgraph failure, a circuit
 * opening), where they happen, deep below any handler; each invocation's own figures are published
 * by runtime/observability/telemetry.ts through Powertools, in the same namespace.
 */
export const METRICS_NAMESPACE = 'LearningGraph';

export function metricFields(name: string, value: number, dimensions: Record<string, string>, unit: 'Count' | 'None' = 'Count'): object {
  return {
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: unit }] }] },
    ...dimensions,
    [name]: value,
  };
}
