import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/subgraphs.js';
import { NodeFunction, type FunctionDefaults } from './NodeFunction.js';

export interface SubgraphFunctionsProps extends FunctionDefaults {
  /** The gateway function: the one principal allowed to invoke the subgraphs, and told their names. */
  readonly gateway: lambda.Function;
}

/**
 * One function per subgraph, invocable by the gateway only. They have no URL, no API route and no
 * resource policy: the single grant is an identity policy on the gateway's role, so the signed
 * context is never the only thing standing between a caller and a subgraph. The grant and the
 * gateway's configuration are made together: the gateway invokes each function directly
 * (`SUBGRAPH_TRANSPORT=lambda`, `SUBGRAPH_FUNCTION_<NAME>`).
 */
export class SubgraphFunctions extends Construct {
  readonly functions: Readonly<Record<SubgraphName, NodeFunction>>;

  constructor(scope: Construct, id: string, props: SubgraphFunctionsProps) {
    super(scope, id);
    const { gateway, ...defaults } = props;
    const functions = {} as Record<SubgraphName, NodeFunction>;
    gateway.addEnvironment('SUBGRAPH_TRANSPORT', 'lambda');
    for (const name of SUBGRAPH_NAMES) {
      functions[name] = new NodeFunction(this, name, { ...defaults, bundle: name, description: `${name} subgraph` });
      functions[name].grantInvoke(gateway);
      gateway.addEnvironment(`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, functions[name].functionName);
    }
    this.functions = functions;
  }
}
