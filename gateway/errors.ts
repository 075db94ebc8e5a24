/** The base of the gateway's error classes (SupergraphError, SubgraphFailure), beneath the codebase's own. */
import { LearningGraphError } from '../runtime/errors.js';

export abstract class GatewayError extends LearningGraphError {}
