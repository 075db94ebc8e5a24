/**
 * Demand control: what an operation will cost, estimated from the schema before it runs, and what
 * its answer cost, counted on the answer. The rules are the IBM GraphQL cost specification's as
 * Apollo Router's demand control applies them (https://ibm.github.io/graphql-specs/cost-spec.html):
 *
 * - a query costs 0 and a mutation 10, plus its fields;
 * - a field returning an object costs 1 (its type's `@cost(weight:)` if it has one, or the field's
 *   own `@cost`), a scalar or enum 0, plus the cost of its selections;
 * - a list multiplies that by its size: the largest slicing argument the operation gives
 *   (`@listSize(slicingArguments:)`, a literal or a variable, else the argument's default), else
 *   `@listSize(assumedSize:)`, else `defaultListSize`; `sizedFields` hands the size to child fields
 *   (a connection's `edges`) instead; `requireOneSlicingArgument` refuses an operation that gives
 *   several slicing arguments of one field, or none where none has a default.
 *
 * Threat model: a list nested in a list multiplies what one request asks of the subgraphs (a
 * lesson's content bytes' concept's lesson's content bytes … is 50 × 50 × 50 objects), and
 * aliases and fragments repeat any field. So every appearance of a field counts, as written (two
 * aliases are two fields; a fragment spread twice counts twice), and introspection is counted like
 * any other query, with list sizes taken from the schema itself (`introspectionListSizes`).
 *
 * The directives are read from the supergraph (composition carries subgraphs' `@cost`/`@listSize`
 * under the `https://specs.apollo.dev/cost/v0.1` link), under whatever names the link gives them.
 */
import {
  getNamedType, getNullableType, isAbstractType, isCompositeType, isEnumType, isInputObjectType, isInterfaceType, isListType, isObjectType, Kind, parse, SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef,
  type DirectiveNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
  type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';

export interface ListSize {
  assumedSize?: number;
  slicingArguments: readonly string[];
  sizedFields: readonly string[];
  requireOneSlicingArgument: boolean;
}

/** The `@cost` and `@listSize` of a schema, by `Type` and `Type.field`. */
export interface CostDirectives {
  /** `@cost(weight:)` of object, scalar and enum types (`Type`) and of fields (`Type.field`). */
  weights: ReadonlyMap<string, number>;
  listSizes: ReadonlyMap<string, ListSize>;
}

export interface CostOptions {
  /** The size of a list field without `@listSize` (another team's, or one we forgot). @default 10 */
  defaultListSize?: number;
}

/** An operation the rules cannot price as sent (`requireOneSlicingArgument`). */
export class CostEstimateError extends Error {
  override readonly name = 'CostEstimateError';
}

const COST_SPEC = 'https://specs.apollo.dev/cost/';

/** Reads `@cost`/`@listSize` from SDL: a supergraph (names from its cost link) or a plain SDL (`@cost`, `@listSize`). */
export function costDirectivesOf(sdl: string): CostDirectives {
  const document = parse(sdl);
  const names = directiveNames(document);
  const weights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const type = definition.name.value;
    const weight = weightOf(definition.directives, names.cost);
    if (weight !== undefined) weights.set(type, weight);
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      const key = `${type}.${field.name.value}`;
      const fieldWeight = weightOf(field.directives, names.cost);
      if (fieldWeight !== undefined) weights.set(key, fieldWeight);
      const listSize = field.directives?.find((directive) => directive.name.value === names.listSize);
      if (listSize) listSizes.set(key, listSizeOf(listSize));
    }
  }
  return { weights, listSizes };
}

/** The local names of the cost spec's directives: `@link(url: ".../cost/v0.1", as:, import:)`. */
function directiveNames(document: DocumentNode): { cost: string; listSize: string } {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const args = new Map(link.arguments?.map((argument) => [argument.name.value, argument.value]));
      const url = args.get('url');
      if (link.name.value !== 'link' || url?.kind !== Kind.STRING || !url.value.startsWith(COST_SPEC)) continue;
      const as = args.get('as');
      const prefix = as?.kind === Kind.STRING ? as.value : 'cost';
      const imported = new Map<string, string>();
      const imports = args.get('import');
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        if (entry.kind === Kind.STRING) imported.set(entry.value, entry.value);
        if (entry.kind === Kind.OBJECT) {
          const field = (name: string) => entry.fields.find((f) => f.name.value === name)?.value;
          const name = field('name');
          const local = field('as');
          if (name?.kind === Kind.STRING) imported.set(name.value, local?.kind === Kind.STRING ? local.value : name.value);
        }
      }
      const local = (name: string) => (imported.get(`@${name}`) ?? `@${name === 'cost' ? prefix : `${prefix}__${name}`}`).slice(1);
      return { cost: local('cost'), listSize: local('listSize') };
    }
  }
  return { cost: 'cost', listSize: 'listSize' };
}

function weightOf(directives: readonly DirectiveNode[] | undefined, name: string): number | undefined {
  const weight = directives?.find((directive) => directive.name.value === name)?.arguments?.find((argument) => argument.name.value === 'weight')?.value;
  if (weight?.kind === Kind.INT) return Number(weight.value);
  // The IBM draft spells weights as strings ("2.0"); Apollo's are Ints.
  if (weight?.kind === Kind.STRING && Number.isFinite(Number(weight.value))) return Number(weight.value);
  return undefined;
}

function listSizeOf(directive: DirectiveNode): ListSize {
  const args = new Map(directive.arguments?.map((argument) => [argument.name.value, argument.value]));
  const strings = (value: ValueNode | undefined) => (value?.kind === Kind.LIST ? value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : [])) : []);
  const assumed = args.get('assumedSize');
  const requireOne = args.get('requireOneSlicingArgument');
  return {
    ...(assumed?.kind === Kind.INT && { assumedSize: Number(assumed.value) }),
    slicingArguments: strings(args.get('slicingArguments')),
    sizedFields: strings(args.get('sizedFields')),
    requireOneSlicingArgument: requireOne?.kind === Kind.BOOLEAN ? requireOne.value : true,
  };
}

/**
 * List sizes of the introspection types, from the schema they describe: `__Schema.types` is its
 * number of types, `__Type.fields` the mean number of fields over all its types (so that
 * `types { fields }` counts exactly the schema's fields), `__Field.args` the mean over all fields,
 * and so on. A whole introspection (the explorer's) is estimated near its size; each nested
 * `fields { type { fields … } }` multiplies by what a level holds on average.
 */
export function introspectionListSizes(schema: GraphQLSchema): Map<string, ListSize> {
  const types = Object.values(schema.getTypeMap());
  const mean = (counts: readonly number[]) => (counts.length ? counts.reduce((sum, count) => sum + count, 0) / counts.length : 0);
  const fieldsOf = (type: GraphQLNamedType) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []);
  const fields = types.flatMap(fieldsOf);
  const directives = schema.getDirectives();
  const assumed = (assumedSize: number): ListSize => ({ assumedSize, slicingArguments: [], sizedFields: [], requireOneSlicingArgument: false });
  return new Map([
    ['__Schema.types', assumed(types.length)],
    ['__Schema.directives', assumed(directives.length)],
    ['__Type.fields', assumed(mean(types.map((type) => fieldsOf(type).length)))],
    ['__Type.inputFields', assumed(mean(types.map((type) => (isInputObjectType(type) ? Object.keys(type.getFields()).length : 0))))],
    ['__Type.interfaces', assumed(mean(types.map((type) => (isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0))))],
    ['__Type.possibleTypes', assumed(mean(types.map((type) => (isAbstractType(type) ? schema.getPossibleTypes(type).length : 0))))],
    ['__Type.enumValues', assumed(mean(types.map((type) => (isEnumType(type) ? type.getValues().length : 0))))],
    ['__Field.args', assumed(mean(fields.map((field) => field.args.length)))],
    ['__Directive.args', assumed(mean(directives.map((directive) => directive.args.length)))],
    ['__Directive.locations', assumed(mean(directives.map((directive) => directive.locations.length)))],
  ]);
}

const OPERATION_COST = { query: 0, mutation: 10, subscription: 0 } as const;

/** One schema's cost rules; build once per schema, use for every request. */
export class CostCalculator {
  private readonly weights: ReadonlyMap<string, number>;
  private readonly listSizes: ReadonlyMap<string, ListSize>;
  private readonly defaultListSize: number;

  constructor(readonly schema: GraphQLSchema, directives: CostDirectives, options: CostOptions = {}) {
    this.weights = directives.weights;
    this.listSizes = new Map([...introspectionListSizes(schema), ...directives.listSizes]);
    this.defaultListSize = options.defaultListSize ?? 10;
  }

  /**
   * The estimated cost of `operation` with these (uncoerced) variables. `usedVariables` is false
   * when no variable changed the estimate, so it may be remembered for the document;
   * `sizingVariables` names those that did (slicing arguments), which depend on the operation
   * alone, so the estimate may be remembered per their `sizingKey`.
   * Throws CostEstimateError when a field's `requireOneSlicingArgument` is not met.
   */
  estimate(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> = {}): { cost: number; usedVariables: boolean; sizingVariables: readonly string[] } {
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const defaults = new Map(operation.variableDefinitions?.map((definition) => [definition.variable.name.value, definition.defaultValue]));
    const sizingVariables = new Set<string>();
    // A fragment's cost depends only on it (and the sizes handed to it): each is priced once, so a
    // fragment spread twice in a fragment spread twice … costs linear time, not exponential.
    const fragmentCosts = new Map<string, number>();
    const inProgress = new Set<string>();

    const intValue = (value: ValueNode): number | undefined => {
      if (value.kind === Kind.INT) return Number(value.value);
      if (value.kind !== Kind.VARIABLE) return undefined;
      const name = value.name.value;
      sizingVariables.add(name);
      const given = sizeGiven(variables, name);
      if (given !== undefined) return given;
      const fallback = defaults.get(name);
      return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
    };

    const listSize = (parent: string, field: GraphQLField<unknown, unknown>, node: FieldNode): { size: number; sizedFields: readonly string[] } => {
      const declared = this.listSizes.get(`${parent}.${field.name}`);
      if (!declared) return { size: this.defaultListSize, sizedFields: [] };
      const given = declared.slicingArguments.flatMap((name) => {
        const argument = node.arguments?.find((a) => a.name.value === name);
        if (!argument || argument.value.kind === Kind.NULL) return [];
        return [intValue(argument.value)];
      });
      if (declared.requireOneSlicingArgument && declared.slicingArguments.length > 0) {
        const withDefaults = declared.slicingArguments.filter((name) => field.args.find((a) => a.name === name)?.defaultValue != null);
        if (given.length > 1 || (given.length === 0 && withDefaults.length !== 1)) {
          throw new CostEstimateError(`${parent}.${field.name} takes exactly one of ${declared.slicingArguments.join(', ')}`);
        }
      }
      const sizes = given.filter((size): size is number => size !== undefined);
      if (sizes.length === 0) {
        for (const name of declared.slicingArguments) {
          const fallback = field.args.find((a) => a.name === name)?.defaultValue;
          if (typeof fallback === 'number') sizes.push(fallback);
        }
      }
      const size = sizes.length ? Math.max(0, ...sizes) : (declared.assumedSize ?? this.defaultListSize);
      return { size, sizedFields: declared.sizedFields };
    };

    const fieldCost = (parentType: GraphQLCompositeType, node: FieldNode, handedSize: number | undefined): number => {
      const field = fieldOf(this.schema, parentType, node.name.value);
      if (!field) return 0; // validation has refused unknown fields already
      const named = getNamedType(field.type);
      const own = this.weights.get(`${parentType.name}.${field.name}`) ?? this.typeWeight(named);
      const isList = isListType(getNullableType(field.type));
      const { size, sizedFields } = isList || this.listSizes.get(`${parentType.name}.${field.name}`)?.sizedFields.length
        ? listSize(parentType.name, field, node)
        : { size: 1, sizedFields: [] };
      const handed = sizedFields.length ? { names: sizedFields, size } : undefined;
      const selections = node.selectionSet && isCompositeType(named) ? selectionCost(named, node.selectionSet, handed) : 0;
      const count = handedSize ?? (isList && !handed ? size : 1);
      return count * (own + selections);
    };

    const selectionCost = (parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, handed?: { names: readonly string[]; size: number }): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          total += fieldCost(parentType, selection, handed?.names.includes(selection.name.value) ? handed.size : undefined);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parentType;
          total += selectionCost(isCompositeType(on) ? on : parentType, selection.selectionSet, handed);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment) continue;
          const key = handed ? `${fragment.name.value}:${handed.names.join(',')}:${handed.size}` : fragment.name.value;
          if (inProgress.has(key)) return Infinity; // a cycle (validation refuses them first)
          let cost = fragmentCosts.get(key);
          if (cost === undefined) {
            inProgress.add(key);
            const on = this.schema.getType(fragment.typeCondition.name.value);
            cost = selectionCost(isCompositeType(on) ? on : parentType, fragment.selectionSet, handed);
            inProgress.delete(key);
            fragmentCosts.set(key, cost);
          }
          total += cost;
        }
      }
      return total;
    };

    const root = this.schema.getRootType(operation.operation);
    const cost = root ? Math.ceil(OPERATION_COST[operation.operation] + selectionCost(root, operation.selectionSet)) : 0;
    return { cost, usedVariables: sizingVariables.size > 0, sizingVariables: [...sizingVariables] };
  }

  /**
   * The cost of an answer by the same weights, counted on what came back (Apollo Router's
   * "actual" cost): each object returned costs its weight, null and missing values nothing.
   * Fields repeated under one response key are counted once, as the answer holds them once.
   *
   * Counted for every answer, so what depends only on the operation (which fields an object of a
   * type selects, their weights) is worked out once per operation and type and kept with the
   * operation (Apollo Server keeps one parsed document per query text); the walk over the answer
   * then visits only the values that can cost something: objects and weighted fields, never a
   * scalar of weight 0.
   */
  actual(document: DocumentNode, operation: OperationDefinitionNode, data: Record<string, unknown> | null | undefined): number {
    const root = this.schema.getRootType(operation.operation);
    if (!root) return 0;
    let shapes = this.rootShapes.get(operation);
    if (!shapes) this.rootShapes.set(operation, (shapes = new ShapesByType(this, fragmentsOf(document), [operation.selectionSet])));
    return OPERATION_COST[operation.operation] + (data ? shapes.objectCost(root, data) : 0);
  }

  /** What `actual` has worked out per operation (AnswerShape, below). */
  private readonly rootShapes = new WeakMap<OperationDefinitionNode, ShapesByType>();

  /** @internal The weight of `parent.field`, for AnswerShape. */
  weightOf(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): number {
    return this.weights.get(`${parent.name}.${field.name}`) ?? this.typeWeight(getNamedType(field.type));
  }

  private typeWeight(type: GraphQLNamedType): number {
    return this.weights.get(type.name) ?? (isCompositeType(type) ? 1 : 0);
  }
}

/** A variable's value as a list size: an Int, else undefined (coercion refuses a value that is no Int with BAD_USER_INPUT). */
function sizeGiven(variables: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const given = Object.hasOwn(variables, name) ? variables[name] : undefined;
  return typeof given === 'number' && Number.isInteger(given) && Math.abs(given) <= 2 ** 31 ? given : undefined;
}

/**
 * What an estimate depends on among these variables, given the names of its `sizingVariables`:
 * two requests of one operation whose keys are equal have the same estimate.
 */
export function sizingKey(sizingVariables: readonly string[], variables: Readonly<Record<string, unknown>>): string {
  let key = '';
  for (const name of sizingVariables) key += `${sizeGiven(variables, name) ?? '-'},`;
  return key;
}

function fragmentsOf(document: DocumentNode): ReadonlyMap<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** One response key of an object's answer, as `actual` counts it. */
interface CountedField {
  key: string;
  own: number;
  /** The field's composite type, whose objects are counted by `shapes`; undefined for a scalar or enum. */
  type: GraphQLCompositeType | undefined;
  shapes: ShapesByType;
}

/** The selection sets of a field (all its nodes under one response key) and what they select, per concrete type. */
class ShapesByType {
  private readonly byType = new Map<string, AnswerShape>();

  constructor(private readonly calculator: CostCalculator, private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>, private readonly selectionSets: readonly SelectionSetNode[]) {}

  objectCost(type: GraphQLCompositeType, value: Record<string, unknown>): number {
    const typename = typeof value.__typename === 'string' ? value.__typename : '';
    let shape = this.byType.get(typename);
    if (!shape) {
      const runtime = typename ? this.calculator.schema.getType(typename) : undefined;
      this.byType.set(typename, (shape = new AnswerShape(this.calculator, this.fragments, runtime && isCompositeType(runtime) ? runtime : type, this.selectionSets)));
    }
    return shape.objectCost(value);
  }
}

/**
 * What an object of one concrete type selects under some selection sets, for counting its answer:
 * the response keys that can cost something (objects, or fields with a weight), with their weights.
 */
class AnswerShape {
  private readonly fields: CountedField[] = [];

  constructor(calculator: CostCalculator, fragments: ReadonlyMap<string, FragmentDefinitionNode>, concrete: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]) {
    const byKey = new Map<string, FieldNode[]>();
    const collect = (selectionSet: SelectionSetNode, seen: Set<string>) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          byKey.set(key, [...(byKey.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (!selection.typeCondition || selection.typeCondition.name.value === concrete.name) collect(selection.selectionSet, seen);
        } else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          seen.add(selection.name.value);
          if (fragment && fragment.typeCondition.name.value === concrete.name) collect(fragment.selectionSet, seen);
        }
      }
    };
    for (const selectionSet of selectionSets) collect(selectionSet, new Set());
    for (const [key, nodes] of byKey) {
      const field = fieldOf(calculator.schema, concrete, nodes[0]!.name.value);
      if (!field) continue;
      const named = getNamedType(field.type);
      const own = calculator.weightOf(concrete, field);
      const type = isCompositeType(named) ? named : undefined;
      if (!type && own === 0) continue; // a scalar or enum of weight 0 costs nothing, however many
      const subSelections = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      this.fields.push({ key, own, type, shapes: new ShapesByType(calculator, fragments, subSelections) });
    }
  }

  objectCost(value: Record<string, unknown>): number {
    let total = 0;
    for (const field of this.fields) total += valueCost(value[field.key], field);
    return total;
  }
}

function valueCost(value: unknown, field: CountedField): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) total += valueCost(item, field);
    return total;
  }
  if (field.type && typeof value === 'object') return field.own + field.shapes.objectCost(field.type, value as Record<string, unknown>);
  return field.own;
}

function fieldOf(schema: GraphQLSchema, parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return 'getFields' in parentType ? parentType.getFields()[name] : undefined;
}
