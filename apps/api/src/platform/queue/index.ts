export {
  createQueue,
  DEFAULT_RETRY,
  type JobContext,
  type JobHandler,
  type Queue,
  type RetryPolicy,
} from './queue.js';
