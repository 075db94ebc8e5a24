import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/subgraphs.js';
import type { ManagedInstances } from './ManagedInstances.js';
import { NodeFunction, type FunctionDefaults } from './NodeFunction.js';

export interface SubgraphFunctionsProps extends FunctionDefaults {
  /** The gateway function: the one principal allowed to invoke the subgraphs, and told their aliases. */
  readonly gateway: lambda.Function;
  /** Run the subgraphs on these managed instances. @default Lambda's own fleet */
  readonly managedInstances?: ManagedInstances;
}

/**
 * One function per subgraph, invocable by the gateway only. They have no URL, no API route and no
 * resource policy: the single grant is an identity policy on the gateway's role, so the signed
 * context is never the only thing standing between a caller and a subgraph. The grant and the
 * gateway's configuration are made together: the gateway invokes each function's `live` alias
 * (`SUBGRAPH_TRANSPORT=lambda`, `SUBGRAPH_FUNCTION_<NAME>` = the alias's ARN), the version a deploy
 * published, which is what provisioned concurrency and managed instances attach to.
 */
export class SubgraphFunctions extends Construct {
  readonly functions: Readonly<Record<SubgraphName, NodeFunction>>;
  /** The `live` alias of each subgraph function: what the gateway invokes. */
  readonly aliases: Readonly<Record<SubgraphName, lambda.Alias>>;

  constructor(scope: Construct, id: string, props: SubgraphFunctionsProps) {
    super(scope, id);
    const { gateway, ...defaults } = props;
    const functions = {} as Record<SubgraphName, NodeFunction>;
    const aliases = {} as Record<SubgraphName, lambda.Alias>;
    gateway.addEnvironment('SUBGRAPH_TRANSPORT', 'lambda');
    for (const name of SUBGRAPH_NAMES) {
      functions[name] = new NodeFunction(this, name, { ...defaults, bundle: name, description: `${name} subgraph` });
      aliases[name] = new lambda.Alias(this, `${name}Live`, { aliasName: 'live', version: functions[name].currentVersion });
      aliases[name].grantInvoke(gateway);
      gateway.addEnvironment(`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, aliases[name].functionArn);
    }
    this.functions = functions;
    this.aliases = aliases;
  }
}
