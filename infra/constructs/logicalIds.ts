/**
 * Logical ids that outlive a refactoring. CloudFormation replaces a resource whose logical id
 * changes: a new bucket or queue (the old one's contents left behind), a Glue table or an Athena
 * workgroup whose fixed name the old one still holds (the deploy fails). CDK derives the id from
 * the construct path and leaves out a construct whose id is `Default`; `leaveOutOfLogicalIds`
 * does the same for the children of a construct that were split out of it after stacks were
 * deployed, so their resources keep the ids they had in it. Two resources that end up with one id
 * fail the synthesis. LearningGraphStack.allocateLogicalId applies it.
 */
import { Names, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Construct, RootConstruct, type IConstruct } from 'constructs';

/** The ids, by scope, of the children left out of logical ids. */
const leftOut = new WeakMap<IConstruct, ReadonlySet<string>>();

/** Leaves the children of `scope` with these ids out of their resources' logical ids; called before they are created. */
export function leaveOutOfLogicalIds(scope: IConstruct, childIds: readonly string[]): void {
  leftOut.set(scope, new Set(childIds));
}

const isLeftOut = (construct: IConstruct) => {
  const scope = construct.node.scope;
  return scope !== undefined && (leftOut.get(scope)?.has(construct.node.id) ?? false);
};

/** The logical id of `element` in `stack` without the children left out; undefined when none is in its path. */
export function logicalIdLeavingOut(stack: Stack, element: CfnElement): string | undefined {
  const scopes = element.node.scopes.slice(stack.node.scopes.length);
  if (!scopes.some(isLeftOut)) return undefined;
  // CDK's own rule for the shorter path: the unique id of a node at that path under a scratch root.
  let node: Construct = new RootConstruct();
  for (const scope of scopes) if (!isLeftOut(scope)) node = new Construct(node, scope.node.id);
  return Names.nodeUniqueId(node.node);
}
