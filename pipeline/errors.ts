/** The base of the analytics pipeline's error classes (QueueSendError), beneath the codebase's own. */
import { LearningGraphError } from '../runtime/errors.js';

export abstract class PipelineError extends LearningGraphError {}
