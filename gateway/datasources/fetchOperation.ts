import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type OperationTypeNode } from 'graphql';

/**
 * What a subgraph fetch is: `query`, `mutation` or `subscription`, from the document Apollo's
 * executor passes with each fetch of a plan (parsed once, with the plan). A call that carries none
 * (a health check, a warm-up) is parsed here; one that does not parse is no operation at all.
 */
export function fetchOperationType(options: GraphQLDataSourceProcessOptions): OperationTypeNode | undefined {
  let document = 'document' in options ? options.document : undefined;
  if (!document) {
    try {
      document = parse(options.request.query ?? '');
    } catch {
      return undefined;
    }
  }
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.operation : undefined;
}
