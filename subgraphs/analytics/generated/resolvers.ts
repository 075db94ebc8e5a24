import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityRef as EntityRefModel } from '../../../runtime/subgraph/entityRef.js';
import type { ConceptOutcomeRow as ConceptOutcomeRowModel } from '../outcomes.js';
import type { ActivitySummary as ActivitySummaryModel } from '../activity.js';
import type { AnalyticsContext } from '../context.js';
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

export type Activity = {
  __typename?: 'Activity';
  lastActiveAt?: Maybe<Scalars['DateTime']['output']>;
  /** Active minutes over the last 7 days. */
  minutesThisWeek: Scalars['Int']['output'];
  /** Consecutive days with activity, ending today or yesterday (UTC). */
  streakDays: Scalars['Int']['output'];
};

export type AnalyticsEventInput = {
  /** At most 8, keys unique; the whole event at most 1 KiB. */
  attributes?: InputMaybe<Array<EventAttributeInput>>;
  /** Unique per event on the device; duplicates are counted once. */
  clientEventId: Scalars['ID']['input'];
  conceptId?: InputMaybe<Scalars['ID']['input']>;
  contentByteId?: InputMaybe<Scalars['ID']['input']>;
  correct?: InputMaybe<Scalars['Boolean']['input']>;
  /** Active time this event stands for, 0 to 3,600,000. */
  durationMs?: InputMaybe<Scalars['Int']['input']>;
  /**
   * When it happened, on the device's clock. Never refused for a clock that runs fast or slow: the
   * server corrects it by the device clock's offset when the call gives `sentAt`, and clamps a time
   * after the call's receipt or more than 30 days before it (the event is kept and marked).
   */
  occurredAt: Scalars['DateTime']['input'];
  type: AnalyticsEventType;
};

export type AnalyticsEventType =
  | 'ANSWER_SUBMITTED'
  | 'LESSON_OPENED'
  | 'SESSION_ENDED'
  | 'SESSION_STARTED';

export type Concept = {
  __typename?: 'Concept';
  id: Scalars['ID']['output'];
};

export type ConceptOutcome = {
  __typename?: 'ConceptOutcome';
  /** Share of correct answers, 0 to 1. */
  accuracy: Scalars['Float']['output'];
  attempts: Scalars['Int']['output'];
  concept: Concept;
  /** Students of the classroom who answered this concept. */
  students: Scalars['Int']['output'];
};

/**
 * Context a product person needs beside the event's own fields, e.g. `screen: "lesson-map"`.
 * No personal data: keys naming a person's details (name, email, phone, address, birth date,
 * location, device or advertising ids, other user ids) and values that look like an email address,
 * a phone number or an IP address are rejected.
 */
export type EventAttributeInput = {
  /** 1 to 32 characters: a lower-case letter, then letters, digits or _. */
  key: Scalars['String']['input'];
  /** At most 64 printable characters. */
  value: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Validates and durably queues the signed-in user's events (at most 500); returns at once. Events
   * are counted once per clientEventId, however often they are sent. When nothing can store them,
   * each valid event comes back as an UNAVAILABLE, retryable rejection and `accepted` is 0.
   */
  recordEvents: RecordEventsResult;
};


export type MutationRecordEventsArgs = {
  events: Array<AnalyticsEventInput>;
  sentAt?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** Per concept results of a classroom between two dates (inclusive). Teachers of the classroom and admins. */
  learningOutcomes: Array<ConceptOutcome>;
};


export type QueryLearningOutcomesArgs = {
  classroomId: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type RecordEventsResult = {
  __typename?: 'RecordEventsResult';
  /** Events stored durably (queue or outbox) by this call. */
  accepted: Scalars['Int']['output'];
  /** Events already stored by an earlier call or listed twice in this one. */
  duplicate: Scalars['Int']['output'];
  /** Events not stored; `rejections` says why, per index, and which to send again. */
  rejected: Scalars['Int']['output'];
  rejections: Array<RejectedEvent>;
};

export type RejectedEvent = {
  __typename?: 'RejectedEvent';
  /** BAD_USER_INPUT: the event is invalid, never send it again. UNAVAILABLE: it could not be stored now, send it again later. */
  code: Scalars['String']['output'];
  /** Position of the event in the call's list. */
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
  /** True when the same event should be sent again later (it was not stored). */
  retryable: Scalars['Boolean']['output'];
};

export type User = {
  __typename?: 'User';
  /** Null only when the analytics subgraph cannot answer (an error says so). */
  activity?: Maybe<Activity>;
  id: Scalars['ID']['output'];
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
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Activity: ResolverTypeWrapper<ActivitySummaryModel>;
  AnalyticsEventInput: AnalyticsEventInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AnalyticsEventType: AnalyticsEventType;
  Concept: ResolverTypeWrapper<EntityRefModel>;
  ConceptOutcome: ResolverTypeWrapper<ConceptOutcomeRowModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EventAttributeInput: EventAttributeInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordEventsResult: ResolverTypeWrapper<RecordEventsResult>;
  RejectedEvent: ResolverTypeWrapper<RejectedEvent>;
  User: ResolverTypeWrapper<EntityRefModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Activity: ActivitySummaryModel;
  AnalyticsEventInput: AnalyticsEventInput;
  ID: Scalars['ID']['output'];
  Concept: EntityRefModel;
  ConceptOutcome: ConceptOutcomeRowModel;
  Float: Scalars['Float']['output'];
  DateTime: Scalars['DateTime']['output'];
  EventAttributeInput: EventAttributeInput;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  RecordEventsResult: RecordEventsResult;
  RejectedEvent: RejectedEvent;
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

export type AboutDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = AboutDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  maxAge?: Maybe<Scalars['Int']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type GuardedByDirectiveArgs = {
  field: Scalars['String']['input'];
};

export type GuardedByDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = GuardedByDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PolicyDirectiveArgs = {
  policies: Array<Array<Scalars['String']['input']>>;
};

export type PolicyDirectiveResolver<Result, Parent, ContextType = AnalyticsContext, Args = PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ActivityResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Activity'] = ResolversParentTypes['Activity']> = {
  lastActiveAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  minutesThisWeek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  streakDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConceptResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Concept'] = ResolversParentTypes['Concept']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ConceptOutcomeResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['ConceptOutcome'] = ResolversParentTypes['ConceptOutcome']> = {
  accuracy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  concept?: Resolver<ResolversTypes['Concept'], ParentType, ContextType>;
  students?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  recordEvents?: Resolver<ResolversTypes['RecordEventsResult'], ParentType, ContextType, RequireFields<MutationRecordEventsArgs, 'events'>>;
};

export type QueryResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  learningOutcomes?: Resolver<Array<ResolversTypes['ConceptOutcome']>, ParentType, ContextType, RequireFields<QueryLearningOutcomesArgs, 'classroomId' | 'from' | 'to'>>;
};

export type RecordEventsResultResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['RecordEventsResult'] = ResolversParentTypes['RecordEventsResult']> = {
  accepted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  duplicate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejections?: Resolver<Array<ResolversTypes['RejectedEvent']>, ParentType, ContextType>;
};

export type RejectedEventResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['RejectedEvent'] = ResolversParentTypes['RejectedEvent']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AnalyticsContext> = {
  Activity?: ActivityResolvers<ContextType>;
  Concept?: ConceptResolvers<ContextType>;
  ConceptOutcome?: ConceptOutcomeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordEventsResult?: RecordEventsResultResolvers<ContextType>;
  RejectedEvent?: RejectedEventResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = AnalyticsContext> = {
  about?: AboutDirectiveResolver<any, any, ContextType>;
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  guardedBy?: GuardedByDirectiveResolver<any, any, ContextType>;
  policy?: PolicyDirectiveResolver<any, any, ContextType>;
};
