/** The base of the gateway's error classes (SupergraphError, SubgraphFailure), beneath the codebase's own. */
import { LearningGraphError } from '../runtime/errors.js';

export abstract class GatewayError extends LearningGraphError {}

/** A supergraph, or the plans shipped for it, the gateway cannot serve: the start is refused. */
export class SupergraphError extends GatewayError {
  override readonly name = 'SupergraphError';
}
