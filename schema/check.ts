/**
 * Schema checks: what a change of the composed API schema does to clients already shipped.
 *
 * schema/api.graphql is the API schema as last released to clients (`npm run schema:release`
 * records it after a production deploy). A fresh composition is compared with it by
 * @graphql-inspector/core: a breaking change (a field removed or retyped, a new required argument,
 * an enum value removed, ...) fails the check unless schema/breaking-changes.json declares it,
 * with a reason, by its type and path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchema, printSchema, type GraphQLSchema } from 'graphql';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';

const RELEASED = new URL('./api.graphql', import.meta.url);
const DECLARATIONS = new URL('./breaking-changes.json', import.meta.url);

/** A breaking change made on purpose, e.g. once no supported app version uses the field. */
export interface Declaration {
  /** @graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** The schema coordinate, e.g. User.grade. */
  path: string;
  reason: string;
}

export interface SchemaCheck {
  breaking: { change: Change; declaration: Declaration | undefined }[];
  dangerous: Change[];
  safe: Change[];
  /** True when every breaking change is declared. */
  passed: boolean;
}

export async function checkSchema(released: GraphQLSchema, fresh: GraphQLSchema, declarations: readonly Declaration[]): Promise<SchemaCheck> {
  const changes = await diff(released, fresh);
  const declared = (change: Change) => declarations.find((d) => d.type === change.type && d.path === change.path);
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking).map((change) => ({ change, declaration: declared(change) }));
  return {
    breaking,
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((change) => change.criticality.level === CriticalityLevel.NonBreaking),
    passed: breaking.every(({ declaration }) => declaration !== undefined),
  };
}

/** The report a person reads: every change by severity, then what to do about undeclared ones. */
export function formatSchemaCheck(check: SchemaCheck): string {
  const line = (mark: string, change: Change) => `  ${mark} ${oneLine(change.message)}${change.path ? `  (${change.type} ${change.path})` : ''}`;
  const lines: string[] = [];
  if (check.breaking.length) {
    lines.push(`Breaking (${check.breaking.length}):`);
    for (const { change, declaration } of check.breaking) {
      lines.push(line(declaration ? '✓' : '✗', change) + (declaration ? `\n      declared: ${declaration.reason}` : ''));
    }
  }
  if (check.dangerous.length) lines.push(`Dangerous (${check.dangerous.length}):`, ...check.dangerous.map((change) => line('!', change)));
  if (check.safe.length) lines.push(`Safe (${check.safe.length}):`, ...check.safe.map((change) => line('+', change)));
  if (lines.length === 0) lines.push('No change to the API schema since the last release.');
  const undeclared = check.breaking.filter(({ declaration }) => !declaration);
  if (undeclared.length) {
    lines.push(
      '',
      `${undeclared.length} breaking change(s) not declared: apps already shipped would break.`,
      'Prefer a compatible change (add the new field, @deprecated the old one). If no supported app version',
      'uses it any more, declare it in schema/breaking-changes.json:',
      ...undeclared.map(({ change }) => `  { "type": "${change.type}", "path": "${change.path ?? ''}", "reason": "…" }`),
    );
  }
  return lines.join('\n');
}

/** Descriptions can span lines and paragraphs; a report line shows their start. */
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function readReleasedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(RELEASED, 'utf8'));
}

export function readDeclarations(): Declaration[] {
  const declarations = JSON.parse(readFileSync(DECLARATIONS, 'utf8')) as Declaration[];
  for (const declaration of declarations) {
    if (!declaration.type || !declaration.path || !declaration.reason?.trim()) {
      throw new Error(`schema/breaking-changes.json: every declaration needs a type, a path and a reason; got ${JSON.stringify(declaration)}`);
    }
  }
  return declarations;
}

/** Records `fresh` as the released API schema; the declarations it consumed are released with it. */
export function recordRelease(fresh: GraphQLSchema): void {
  writeFileSync(RELEASED, printSchema(fresh) + '\n');
  writeFileSync(DECLARATIONS, '[]\n');
}
