import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../runtime/config.js';
import { NodeFunction, type FunctionDefaults } from './NodeFunction.js';

export interface SubgraphFunctionsProps extends FunctionDefaults {
  /** The one principal allowed to invoke the subgraphs: the gateway function's role. */
  readonly invoker: iam.IGrantable;
}

/**
 * One function per subgraph, invocable by the gateway only. They have no URL, no API route and no
 * resource policy: the single grant is an identity policy on the gateway's role, so the signed
 * context is never the only thing standing between a caller and a subgraph.
 */
export class SubgraphFunctions extends Construct {
  readonly functions: Readonly<Record<SubgraphName, NodeFunction>>;

  constructor(scope: Construct, id: string, props: SubgraphFunctionsProps) {
    super(scope, id);
    const { invoker, ...defaults } = props;
    const functions = {} as Record<SubgraphName, NodeFunction>;
    for (const name of SUBGRAPH_NAMES) {
      functions[name] = new NodeFunction(this, name, { ...defaults, bundle: name, description: `${name} subgraph` });
      functions[name].grantInvoke(invoker);
    }
    this.functions = functions;
  }
}
