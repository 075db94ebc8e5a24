import type { GraphQLResolveInfo } from 'graphql';
import type { LessonRow as LessonRowModel, ConceptParent as ConceptParentModel, ContentByteRow as ContentByteRowModel } from '../tables.js';
import type { LessonPage as LessonPageModel, LessonEdgeModel as LessonEdgeModelModel } from '../pagination.js';
import type { CurriculumContext } from '../context.js';
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
  _FieldSet: { input: unknown; output: unknown; }
};

export type Concept = {
  __typename?: 'Concept';
  contentBytes: Array<ContentByte>;
  grade: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  lesson: Lesson;
  name: Scalars['String']['output'];
  subject: Subject;
};

/** A small learning item: one question or card. */
export type ContentByte = {
  __typename?: 'ContentByte';
  /** The expected answer. Null for students: they must not see it before answering. */
  answer?: Maybe<Scalars['String']['output']>;
  choices: Array<Scalars['String']['output']>;
  concept: Concept;
  /** From 0 (easiest) to 1 (hardest). */
  difficulty: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  kind: ContentKind;
  locale: Scalars['String']['output'];
  mediaUrl?: Maybe<Scalars['String']['output']>;
  prompt: Scalars['String']['output'];
};

export type ContentKind =
  | 'FILL_IN'
  | 'FLASHCARD'
  | 'MULTIPLE_CHOICE'
  | 'TRUE_FALSE';

export type Lesson = {
  __typename?: 'Lesson';
  concepts: Array<Concept>;
  contentBytes: Array<ContentByte>;
  grade: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  locale: Scalars['String']['output'];
  subject: Subject;
  title: Scalars['String']['output'];
};

export type LessonConnection = {
  __typename?: 'LessonConnection';
  edges: Array<LessonEdge>;
  pageInfo: PageInfo;
};

export type LessonEdge = {
  __typename?: 'LessonEdge';
  cursor: Scalars['String']['output'];
  node: Lesson;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  concept?: Maybe<Concept>;
  contentByte?: Maybe<ContentByte>;
  lesson?: Maybe<Lesson>;
  /** Lessons in a stable order (oldest first), the page after the `after` cursor. `first` is 1 to 100. */
  lessons: LessonConnection;
};


export type QueryConceptArgs = {
  id: Scalars['ID']['input'];
};


export type QueryContentByteArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLessonArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLessonsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  grade?: InputMaybe<Scalars['Int']['input']>;
  subject?: InputMaybe<Subject>;
};

export type Subject =
  | 'ARABIC'
  | 'MATH'
  | 'SCIENCE';



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
  ContentByte: ContentByte;
  Lesson: Lesson;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Concept:
    ( { __typename: 'Concept' }
    & GraphQLRecursivePick<FederationTypes['Concept'], {"id":true}> );
  ContentByte:
    ( { __typename: 'ContentByte' }
    & GraphQLRecursivePick<FederationTypes['ContentByte'], {"id":true}> );
  Lesson:
    ( { __typename: 'Lesson' }
    & GraphQLRecursivePick<FederationTypes['Lesson'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Concept: ResolverTypeWrapper<ConceptParentModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ContentByte: ResolverTypeWrapper<ContentByteRowModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ContentKind: ContentKind;
  Lesson: ResolverTypeWrapper<LessonRowModel>;
  LessonConnection: ResolverTypeWrapper<LessonPageModel>;
  LessonEdge: ResolverTypeWrapper<LessonEdgeModelModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subject: Subject;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Concept: ConceptParentModel;
  ID: Scalars['ID']['output'];
  ContentByte: ContentByteRowModel;
  Float: Scalars['Float']['output'];
  Lesson: LessonRowModel;
  LessonConnection: LessonPageModel;
  LessonEdge: LessonEdgeModelModel;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
};

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = CurriculumContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  maxAge?: Maybe<Scalars['Int']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = CurriculumContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type GuardedByDirectiveArgs = {
  field: Scalars['String']['input'];
};

export type GuardedByDirectiveResolver<Result, Parent, ContextType = CurriculumContext, Args = GuardedByDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PolicyDirectiveArgs = {
  policies: Array<Array<Scalars['String']['input']>>;
};

export type PolicyDirectiveResolver<Result, Parent, ContextType = CurriculumContext, Args = PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PublicDirectiveArgs = { };

export type PublicDirectiveResolver<Result, Parent, ContextType = CurriculumContext, Args = PublicDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ConceptResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['Concept'] = ResolversParentTypes['Concept'], FederationReferenceType extends FederationReferenceTypes['Concept'] = FederationReferenceTypes['Concept']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Concept']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contentBytes?: Resolver<Array<ResolversTypes['ContentByte']>, ParentType, ContextType>;
  grade?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lesson?: Resolver<ResolversTypes['Lesson'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['Subject'], ParentType, ContextType>;
};

export type ContentByteResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['ContentByte'] = ResolversParentTypes['ContentByte'], FederationReferenceType extends FederationReferenceTypes['ContentByte'] = FederationReferenceTypes['ContentByte']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ContentByte']> | FederationReferenceType, FederationReferenceType, ContextType>;
  answer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  choices?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  concept?: Resolver<ResolversTypes['Concept'], ParentType, ContextType>;
  difficulty?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ContentKind'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mediaUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  prompt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LessonResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['Lesson'] = ResolversParentTypes['Lesson'], FederationReferenceType extends FederationReferenceTypes['Lesson'] = FederationReferenceTypes['Lesson']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Lesson']> | FederationReferenceType, FederationReferenceType, ContextType>;
  concepts?: Resolver<Array<ResolversTypes['Concept']>, ParentType, ContextType>;
  contentBytes?: Resolver<Array<ResolversTypes['ContentByte']>, ParentType, ContextType>;
  grade?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['Subject'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LessonConnectionResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['LessonConnection'] = ResolversParentTypes['LessonConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LessonEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type LessonEdgeResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['LessonEdge'] = ResolversParentTypes['LessonEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Lesson'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CurriculumContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  concept?: Resolver<Maybe<ResolversTypes['Concept']>, ParentType, ContextType, RequireFields<QueryConceptArgs, 'id'>>;
  contentByte?: Resolver<Maybe<ResolversTypes['ContentByte']>, ParentType, ContextType, RequireFields<QueryContentByteArgs, 'id'>>;
  lesson?: Resolver<Maybe<ResolversTypes['Lesson']>, ParentType, ContextType, RequireFields<QueryLessonArgs, 'id'>>;
  lessons?: Resolver<ResolversTypes['LessonConnection'], ParentType, ContextType, RequireFields<QueryLessonsArgs, 'first'>>;
};

export type Resolvers<ContextType = CurriculumContext> = {
  Concept?: ConceptResolvers<ContextType>;
  ContentByte?: ContentByteResolvers<ContextType>;
  Lesson?: LessonResolvers<ContextType>;
  LessonConnection?: LessonConnectionResolvers<ContextType>;
  LessonEdge?: LessonEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = CurriculumContext> = {
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  guardedBy?: GuardedByDirectiveResolver<any, any, ContextType>;
  policy?: PolicyDirectiveResolver<any, any, ContextType>;
  public?: PublicDirectiveResolver<any, any, ContextType>;
};
