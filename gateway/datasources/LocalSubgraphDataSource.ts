import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { LRUCache } from 'lru-cache';
import { contextFromSignedHeader } from '../../runtime/subgraph/signIn.js';
import { subgraphSchema } from '../../runtime/subgraph/schema.js';
import { signedContextFor } from '../../runtime/security/signedContext.js';
import type { GatewayContext } from '../context.js';
import type { SubgraphDataSource, SubgraphTarget } from './types.js';

/**
 * Runs a subgraph in this process. The call still goes through a context signed for that subgraph,
 * so it verifies the caller exactly as it does over HTTP or Lambda.
 */
export class LocalSubgraphDataSource implements SubgraphDataSource {
  /** Query plans send the same few subgraph operations again and again: parse and validate each once. */
  private readonly documents = new LRUCache<string, DocumentNode | readonly GraphQLError[]>({ max: 1000 });

  constructor(private readonly target: Extract<SubgraphTarget, { kind: 'local' }>) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>, signal?: AbortSignal): Promise<GatewayGraphQLResponse> {
    const { subgraph, deps } = this.target;
    const document = this.document(request.query ?? '');
    if (!('kind' in document)) return { errors: document };
    try {
      const header = signedContextFor(context.identity, { audience: subgraph.name, secret: deps.contextSecrets[0] ?? '' });
      // Once `signal` aborts, the subgraph's remaining resolvers refuse to run (runtime/subgraph/abortable.ts).
      const contextValue = contextFromSignedHeader(subgraph, deps, header, signal);
      return (await execute({
        schema: subgraphSchema(subgraph),
        document,
        contextValue,
        variableValues: request.variables,
        operationName: request.operationName,
      })) as GatewayGraphQLResponse;
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
  }

  private document(query: string): DocumentNode | readonly GraphQLError[] {
    let document = this.documents.get(query);
    if (!document) {
      try {
        const parsed = parse(query);
        const errors = validate(subgraphSchema(this.target.subgraph), parsed);
        document = errors.length ? errors : parsed;
      } catch (error) {
        document = [error as GraphQLError];
      }
      this.documents.set(query, document);
    }
    return document;
  }
}
