/**
 * Identical subgraph fetches in flight at the same moment share one call (a class opening the same
 * lesson makes one curriculum call, not thirty).
 *
 * Threat model: a shared answer must never carry one viewer's data to another. So fetches are
 * shared only within one identity scope: the same subgraph, document and variables, and the same
 * signed viewer (or both anonymous). Across viewers a fetch is shared only when it selects nothing
 * but `@public` fields, which every caller may read and whose answer cannot depend on who asks
 * (`@public` is itself the rule that serves everyone: runtime/policy/declarations.ts). Mutations and
 * health checks are never shared, and each caller gets a copy of the answer, since the executor
 * merges later fetches' data into the objects it is given.
 *
 * The call runs under the first caller's deadline; the others get its answer or its failure. The
 * cache keys it read (runtime/cache/readLog.ts) go to every caller's read log, so the response
 * cache knows what each answer was built from.
 */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type GraphQLSchema } from 'graphql';
import { currentReadLog, recordReadsOf, withReadLog, type ReadLog } from '../../runtime/cache/readLog.js';
import { selectsOnlyPublicFields } from '../cachePolicy.js';
import type { GatewayContext } from '../context.js';
import type { SubgraphDataSource } from './types.js';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

interface SharedCall {
  response: GatewayGraphQLResponse;
  reads: Readonly<ReadLog>;
}

/** The callers that joined a call in flight, each waiting for its own copy of the answer. */
type Joiners = PromiseWithResolvers<SharedCall>[];

/** How a fetch document may be shared: not at all (not a query), within a viewer, or with everyone. */
type Sharing = 'none' | 'viewer' | 'everyone';

/** Documents come from query plans, a bounded set; the bound guards against a flood of ad-hoc ones. */
const MAX_DOCUMENTS = 2_000;

/** `source` (one subgraph's calls), sharing identical fetches; `publicFields`: what the subgraph marks `@public`. */
export function sharingIdenticalFetches(source: SubgraphDataSource, publicFields: ReadonlySet<string>, onShared: () => void = () => {}): SubgraphDataSource {
  const inFlight = new Map<string, Joiners>();
  const sharingOf = new Map<string, Sharing>();

  const sharing = (query: string, schema: GraphQLSchema): Sharing => {
    let known = sharingOf.get(query);
    if (known === undefined) {
      known = documentSharing(query, schema, publicFields);
      if (sharingOf.size >= MAX_DOCUMENTS) sharingOf.clear();
      sharingOf.set(query, known);
    }
    return known;
  };

  return {
    async process(options, signal) {
      const key = isIncoming(options) ? fetchKey(options, sharing) : undefined;
      if (key === undefined) return source.process(options, signal);
      const joiners = inFlight.get(key);
      if (joiners) {
        onShared();
        const joined = Promise.withResolvers<SharedCall>();
        joiners.push(joined);
        const { response, reads } = await joined.promise;
        recordReadsOf(reads);
        return response;
      }
      const own: Joiners = [];
      inFlight.set(key, own);
      let call: SharedCall;
      try {
        call = await callRecordingReads(() => source.process(options, signal));
      } catch (error) {
        inFlight.delete(key);
        for (const joined of own) joined.reject(error);
        throw error;
      }
      inFlight.delete(key);
      // Copies made before any caller resumes, since the executor merges later fetches' data into
      // the objects it is given; the data only: errors may be GraphQLErrors, whose extensions a
      // clone would lose. A call nobody joined (most) is not copied at all.
      for (const joined of own) joined.resolve({ ...call, response: { ...call.response, data: call.response.data && structuredClone(call.response.data) } });
      recordReadsOf(call.reads);
      return call.response;
    },
  };
}

/** A client's operation, as opposed to a health check or schema loading (which carry no caller). */
const isIncoming = (options: ProcessOptions): options is Extract<ProcessOptions, { incomingRequestContext: unknown }> => 'incomingRequestContext' in options;

function fetchKey(options: Extract<ProcessOptions, { incomingRequestContext: unknown }>, sharing: (query: string, schema: GraphQLSchema) => Sharing): string | undefined {
  const { query, variables } = options.request;
  const identity = options.context.identity;
  if (!query || !identity) return undefined;
  const scope = sharing(query, options.incomingRequestContext.schema);
  if (scope === 'none') return undefined;
  const who = scope === 'everyone' ? 'everyone' : JSON.stringify(identity.viewer);
  try {
    return `${who}\n${query}\n${JSON.stringify(variables ?? {})}`;
  } catch {
    // Variables JSON cannot write (nested past the stack): the call is simply not shared.
    return undefined;
  }
}

function documentSharing(query: string, schema: GraphQLSchema, publicFields: ReadonlySet<string>): Sharing {
  let document;
  try {
    document = parse(query);
  } catch {
    return 'none';
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== 'query') return 'none';
  return selectsOnlyPublicFields(schema, document, publicFields) ? 'everyone' : 'viewer';
}

/** The call, run with a read log of its own so that every caller sharing it can be given its reads. */
function callRecordingReads(call: () => Promise<GatewayGraphQLResponse>): Promise<SharedCall> {
  return withReadLog(async () => ({ response: await call(), reads: currentReadLog()! }));
}
