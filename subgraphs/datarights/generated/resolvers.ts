import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { DatarightsContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * Everything held about one child, as one machine-readable JSON document (docs/SECURITY.md, "Data
 * rights"): profile, guardians (ids), enrolments, memory, answers, rollups, queued events and lake
 * records.
 */
export type ChildDataExport = {
  __typename?: 'ChildDataExport';
  exportedAt: Scalars['DateTime']['output'];
  /** The version of the document's layout; a new version adds fields, a breaking one bumps it. */
  formatVersion: Scalars['Int']['output'];
  /** The document, JSON (application/json), with `formatVersion` inside it too. */
  json: Scalars['String']['output'];
};

/** What an erasure did. Asking again for the same child returns the same receipt. */
export type ErasureReceipt = {
  __typename?: 'ErasureReceipt';
  /** Null while steps remain (a crash midway): asking again finishes them. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  erasureId: Scalars['ID']['output'];
  requestedAt: Scalars['DateTime']['output'];
  /** The steps done, in order. */
  steps: Array<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Erases a child everywhere (every subgraph's tables, Redis, queued events, the outbox, the lake)
   * for a guardian of the child or an admin; idempotent, resumable, audited. Anyone else, an unknown
   * id and a person who is not a student get the same FORBIDDEN.
   */
  eraseChild: ErasureReceipt;
};


export type MutationEraseChildArgs = {
  childId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Everything held about a child, for a guardian of the child or an admin. Anyone else, an unknown
   * id and a person who is not a student get the same FORBIDDEN.
   */
  childDataExport: ChildDataExport;
};


export type QueryChildDataExportArgs = {
  childId: Scalars['ID']['input'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ChildDataExport: ResolverTypeWrapper<ChildDataExport>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ErasureReceipt: ResolverTypeWrapper<ErasureReceipt>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ChildDataExport: ChildDataExport;
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  ErasureReceipt: ErasureReceipt;
  ID: Scalars['ID']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type AboutDirectiveArgs = {
  classroom?: Maybe<Scalars['String']['input']>;
  orViewer?: Maybe<Scalars['Boolean']['input']>;
  person?: Maybe<Scalars['String']['input']>;
};

export type AboutDirectiveResolver<Result, Parent, ContextType = DatarightsContext, Args = AboutDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = DatarightsContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type GuardedByDirectiveArgs = {
  field: Scalars['String']['input'];
};

export type GuardedByDirectiveResolver<Result, Parent, ContextType = DatarightsContext, Args = GuardedByDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PolicyDirectiveArgs = {
  policies: Array<Array<Scalars['String']['input']>>;
};

export type PolicyDirectiveResolver<Result, Parent, ContextType = DatarightsContext, Args = PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ChildDataExportResolvers<ContextType = DatarightsContext, ParentType extends ResolversParentTypes['ChildDataExport'] = ResolversParentTypes['ChildDataExport']> = {
  exportedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  formatVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  json?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ErasureReceiptResolvers<ContextType = DatarightsContext, ParentType extends ResolversParentTypes['ErasureReceipt'] = ResolversParentTypes['ErasureReceipt']> = {
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  erasureId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = DatarightsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  eraseChild?: Resolver<ResolversTypes['ErasureReceipt'], ParentType, ContextType, RequireFields<MutationEraseChildArgs, 'childId'>>;
};

export type QueryResolvers<ContextType = DatarightsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  childDataExport?: Resolver<ResolversTypes['ChildDataExport'], ParentType, ContextType, RequireFields<QueryChildDataExportArgs, 'childId'>>;
};

export type Resolvers<ContextType = DatarightsContext> = {
  ChildDataExport?: ChildDataExportResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  ErasureReceipt?: ErasureReceiptResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = DatarightsContext> = {
  about?: AboutDirectiveResolver<any, any, ContextType>;
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  guardedBy?: GuardedByDirectiveResolver<any, any, ContextType>;
  policy?: PolicyDirectiveResolver<any, any, ContextType>;
};
