import type { GraphQLResolveInfo } from 'graphql';
import type { UserRow as UserRowModel, ClassroomRow as ClassroomRowModel } from '../tables.js';
import type { UsersContext } from '../context.js';
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

export type Classroom = {
  __typename?: 'Classroom';
  id: Scalars['ID']['output'];
  /** What the teacher hands to families: a guardian places its child with joinClassroom. Visible to the classroom's teacher and admins. */
  joinCode?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The students placed with consent (by a guardian or an admin). Visible to the classroom's teacher and admins. */
  students: Array<User>;
  teacher: User;
};

export type CreateChildProfileInput = {
  displayName: Scalars['String']['input'];
  grade: Scalars['Int']['input'];
  locale?: InputMaybe<Scalars['String']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A parent adds a child profile, linked to the parent. */
  createChildProfile: User;
  /** Admins only: the app's admin places a student in a classroom, consenting for it (idempotent). */
  enrolStudent: Classroom;
  /**
   * A guardian places one of its children in the classroom whose join code a teacher gave it: the
   * guardian's consent, from which the teacher sees the child's learning data (idempotent).
   */
  joinClassroom: Classroom;
  /**
   * Takes a student out of a classroom; its teacher loses access at once. For a guardian of the
   * student, the classroom's teacher and admins. True also when the student was not in it.
   */
  removeFromClassroom: Scalars['Boolean']['output'];
  updateProfile: User;
};


export type MutationCreateChildProfileArgs = {
  input: CreateChildProfileInput;
};


export type MutationEnrolStudentArgs = {
  classroomId: Scalars['ID']['input'];
  studentId: Scalars['ID']['input'];
};


export type MutationJoinClassroomArgs = {
  childId: Scalars['ID']['input'];
  code: Scalars['String']['input'];
};


export type MutationRemoveFromClassroomArgs = {
  classroomId: Scalars['ID']['input'];
  studentId: Scalars['ID']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

export type Query = {
  __typename?: 'Query';
  classroom?: Maybe<Classroom>;
  /** The signed-in user. */
  me: User;
  /** Classrooms the signed-in user teaches (teachers), belongs to (students) or its children belong to (parents). */
  myClassrooms: Array<Classroom>;
  user?: Maybe<User>;
};


export type QueryClassroomArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};

export type Role =
  | 'ADMIN'
  | 'PARENT'
  | 'STUDENT'
  | 'TEACHER';

export type UpdateProfileInput = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  grade?: InputMaybe<Scalars['Int']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Whose profile; defaults to the signed-in user. A parent may update its children. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A person using one of the apps: a child (student), a parent, a teacher or an admin.
 * Visible to the person, their guardians, the teachers a guardian or an admin placed them with, and
 * admins; a student sees only the display name of its teachers.
 */
export type User = {
  __typename?: 'User';
  /** The children of a parent; empty for everyone else. */
  children: Array<User>;
  displayName: Scalars['String']['output'];
  /** School grade (1-12) for students; null for adults. */
  grade?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** BCP 47 language tag; Arabic by default. */
  locale: Scalars['String']['output'];
  role: Role;
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
  Classroom: Classroom;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Classroom:
    ( { __typename: 'Classroom' }
    & GraphQLRecursivePick<FederationTypes['Classroom'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Classroom: ResolverTypeWrapper<ClassroomRowModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreateChildProfileInput: CreateChildProfileInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRowModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Classroom: ClassroomRowModel;
  ID: Scalars['ID']['output'];
  CreateChildProfileInput: CreateChildProfileInput;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  UpdateProfileInput: UpdateProfileInput;
  User: UserRowModel;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type AboutDirectiveArgs = {
  classroom?: Maybe<Scalars['String']['input']>;
  orViewer?: Maybe<Scalars['Boolean']['input']>;
  person?: Maybe<Scalars['String']['input']>;
};

export type AboutDirectiveResolver<Result, Parent, ContextType = UsersContext, Args = AboutDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = UsersContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  maxAge?: Maybe<Scalars['Int']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = UsersContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PolicyDirectiveArgs = {
  policies: Array<Array<Scalars['String']['input']>>;
};

export type PolicyDirectiveResolver<Result, Parent, ContextType = UsersContext, Args = PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassroomResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Classroom'] = ResolversParentTypes['Classroom'], FederationReferenceType extends FederationReferenceTypes['Classroom'] = FederationReferenceTypes['Classroom']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Classroom']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  students?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  teacher?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createChildProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationCreateChildProfileArgs, 'input'>>;
  enrolStudent?: Resolver<ResolversTypes['Classroom'], ParentType, ContextType, RequireFields<MutationEnrolStudentArgs, 'classroomId' | 'studentId'>>;
  joinClassroom?: Resolver<ResolversTypes['Classroom'], ParentType, ContextType, RequireFields<MutationJoinClassroomArgs, 'childId' | 'code'>>;
  removeFromClassroom?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveFromClassroomArgs, 'classroomId' | 'studentId'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
};

export type QueryResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  classroom?: Resolver<Maybe<ResolversTypes['Classroom']>, ParentType, ContextType, RequireFields<QueryClassroomArgs, 'id'>>;
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  myClassrooms?: Resolver<Array<ResolversTypes['Classroom']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
};

export type UserResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grade?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type Resolvers<ContextType = UsersContext> = {
  Classroom?: ClassroomResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = UsersContext> = {
  about?: AboutDirectiveResolver<any, any, ContextType>;
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  policy?: PolicyDirectiveResolver<any, any, ContextType>;
};
