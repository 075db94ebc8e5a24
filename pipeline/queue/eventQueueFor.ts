import type { AppDeps } from '../../runtime/container/appDeps.js';
import { loadedOnFirstCall } from '../../runtime/clients/loadedOnFirstCall.js';
import { unreachable } from '../../runtime/errors.js';
import { createRedisStreamQueue, redisStreamKeys } from './redisStream.js';
import type { EventQueue } from './types.js';

/** The Redis keys of an app's analytics queue. */
export const analyticsStreamKeys = ({ redisKeyPrefix, app }: Pick<AppDeps, 'redisKeyPrefix' | 'app'>) => redisStreamKeys(`${redisKeyPrefix}${app}:analytics:`);

const queues = new WeakMap<AppDeps, EventQueue | null>();

/** The configured queue of an app's deployment, built once per set of dependencies; null when it needs Redis and there is none. */
export function eventQueueFor(deps: AppDeps): EventQueue | null {
  let queue = queues.get(deps);
  if (queue === undefined) {
    queue = createEventQueue(deps);
    queues.set(deps, queue);
  }
  return queue;
}

function createEventQueue(deps: AppDeps): EventQueue | null {
  const { queue, maxAttempts, awsEndpoint } = deps.analytics;
  switch (queue.kind) {
    case 'redis':
      return deps.redis ? createRedisStreamQueue(deps.redis, analyticsStreamKeys(deps), { maxAttempts }) : null;
    case 'sqs':
      // The AWS SDK's SQS client is imported on the queue's first use, not at cold start.
      return loadedOnFirstCall(async () => {
        const [{ createSqsQueue }, { sqsClient }] = await Promise.all([import('./sqs.js'), import('../../runtime/clients/sqs.js')]);
        return createSqsQueue(sqsClient(awsEndpoint), { queueUrl: queue.queueUrl, deadLetterQueueUrl: queue.deadLetterQueueUrl, maxAttempts });
      }, { methods: ['send', 'receive', 'ack', 'retryLater', 'redrive', 'depth'], ifLoaded: ['close'] }, { kind: 'sqs' });
    default:
      return unreachable(queue);
  }
}
