import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ConceptMemoryRow as ConceptMemoryRowModel } from '../tables.js';
import type { EntityRef as EntityRefModel } from '../../../runtime/subgraph/entityRef.js';
import type { SubmitAnswerOutcome as SubmitAnswerOutcomeModel } from '../submitAnswer.js';
import type { MemoryContext } from '../context.js';
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

export type Concept = {
  __typename?: 'Concept';
  id: Scalars['ID']['output'];
  /** The signed-in student's memory of this concept; null when never practised. */
  myMemory?: Maybe<ConceptMemory>;
};

/** What a student remembers of one concept, scheduled with SM-2. */
export type ConceptMemory = {
  __typename?: 'ConceptMemory';
  /** Share of correct answers, 0 to 1. */
  accuracy: Scalars['Float']['output'];
  attempts: Scalars['Int']['output'];
  concept: Concept;
  dueAt: Scalars['DateTime']['output'];
  /** SM-2 ease factor (1.3 and up): how easily the concept is recalled. */
  easeFactor: Scalars['Float']['output'];
  /** Days until the next review, as scheduled by the last answer. */
  intervalDays: Scalars['Int']['output'];
  lastReviewedAt: Scalars['DateTime']['output'];
  /** Correct answers in a row. */
  repetitions: Scalars['Int']['output'];
};

export type ContentByte = {
  __typename?: 'ContentByte';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  submitAnswer: SubmitAnswerResult;
};


export type MutationSubmitAnswerArgs = {
  input: SubmitAnswerInput;
};

export type Query = {
  __typename?: 'Query';
  /** A practice session for the signed-in student: content of due concepts first, then of new ones. */
  nextSession: Array<ContentByte>;
};


export type QueryNextSessionArgs = {
  size?: InputMaybe<Scalars['Int']['input']>;
};

export type SubmitAnswerInput = {
  answeredAt: Scalars['DateTime']['input'];
  /** Unique per answer on the device; a retry with the same id changes nothing. */
  clientEventId: Scalars['ID']['input'];
  contentByteId: Scalars['ID']['input'];
  correct: Scalars['Boolean']['input'];
  responseTimeMs: Scalars['Int']['input'];
};

export type SubmitAnswerResult = {
  __typename?: 'SubmitAnswerResult';
  /** True when this clientEventId was already recorded. */
  duplicate: Scalars['Boolean']['output'];
  memory: ConceptMemory;
};

export type User = {
  __typename?: 'User';
  /** Concepts due for review now, most overdue first. Null only when the memory subgraph cannot answer. */
  dueReviews?: Maybe<Array<ConceptMemory>>;
  id: Scalars['ID']['output'];
  /** Share of practised concepts the student has mastered (SM-2 interval of 6 days or more), 0 to 1. Null only when the memory subgraph cannot answer. */
  mastery?: Maybe<Scalars['Float']['output']>;
  /** Every concept this student has practised. Null only when the memory subgraph cannot answer (an error says so). */
  memory?: Maybe<Array<ConceptMemory>>;
};


export type UserDueReviewsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

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

/** Mapping of federation types */
export type FederationTypes = {
  Concept: Concept;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Concept:
    ( { __typename: 'Concept' }
    & GraphQLRecursivePick<FederationTypes['Concept'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Concept: ResolverTypeWrapper<EntityRefModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ConceptMemory: ResolverTypeWrapper<ConceptMemoryRowModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ContentByte: ResolverTypeWrapper<EntityRefModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SubmitAnswerInput: SubmitAnswerInput;
  SubmitAnswerResult: ResolverTypeWrapper<SubmitAnswerOutcomeModel>;
  User: ResolverTypeWrapper<EntityRefModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Concept: EntityRefModel;
  ID: Scalars['ID']['output'];
  ConceptMemory: ConceptMemoryRowModel;
  Float: Scalars['Float']['output'];
  ContentByte: EntityRefModel;
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  SubmitAnswerInput: SubmitAnswerInput;
  SubmitAnswerResult: SubmitAnswerOutcomeModel;
  User: EntityRefModel;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type AboutDirectiveArgs = {
  classroom?: Maybe<Scalars['String']['input']>;
  orViewer?: Maybe<Scalars['Boolean']['input']>;
  person?: Maybe<Scalars['String']['input']>;
};

export type AboutDirectiveResolver<Result, Parent, ContextType = MemoryContext, Args = AboutDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = MemoryContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  maxAge?: Maybe<Scalars['Int']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = MemoryContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type GuardedByDirectiveArgs = {
  field: Scalars['String']['input'];
};

export type GuardedByDirectiveResolver<Result, Parent, ContextType = MemoryContext, Args = GuardedByDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PolicyDirectiveArgs = {
  policies: Array<Array<Scalars['String']['input']>>;
};

export type PolicyDirectiveResolver<Result, Parent, ContextType = MemoryContext, Args = PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ConceptResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['Concept'] = ResolversParentTypes['Concept'], FederationReferenceType extends FederationReferenceTypes['Concept'] = FederationReferenceTypes['Concept']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Concept']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  myMemory?: Resolver<Maybe<ResolversTypes['ConceptMemory']>, ParentType, ContextType>;
};

export type ConceptMemoryResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['ConceptMemory'] = ResolversParentTypes['ConceptMemory']> = {
  accuracy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  concept?: Resolver<ResolversTypes['Concept'], ParentType, ContextType>;
  dueAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  easeFactor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  intervalDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastReviewedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  repetitions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ContentByteResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['ContentByte'] = ResolversParentTypes['ContentByte']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  submitAnswer?: Resolver<ResolversTypes['SubmitAnswerResult'], ParentType, ContextType, RequireFields<MutationSubmitAnswerArgs, 'input'>>;
};

export type QueryResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  nextSession?: Resolver<Array<ResolversTypes['ContentByte']>, ParentType, ContextType, RequireFields<QueryNextSessionArgs, 'size'>>;
};

export type SubmitAnswerResultResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['SubmitAnswerResult'] = ResolversParentTypes['SubmitAnswerResult']> = {
  duplicate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  memory?: Resolver<ResolversTypes['ConceptMemory'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = MemoryContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  dueReviews?: Resolver<Maybe<Array<ResolversTypes['ConceptMemory']>>, ParentType, ContextType, RequireFields<UserDueReviewsArgs, 'limit'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mastery?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  memory?: Resolver<Maybe<Array<ResolversTypes['ConceptMemory']>>, ParentType, ContextType>;
};

export type Resolvers<ContextType = MemoryContext> = {
  Concept?: ConceptResolvers<ContextType>;
  ConceptMemory?: ConceptMemoryResolvers<ContextType>;
  ContentByte?: ContentByteResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SubmitAnswerResult?: SubmitAnswerResultResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = MemoryContext> = {
  about?: AboutDirectiveResolver<any, any, ContextType>;
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  guardedBy?: GuardedByDirectiveResolver<any, any, ContextType>;
  policy?: PolicyDirectiveResolver<any, any, ContextType>;
};
