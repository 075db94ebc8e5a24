/** The identifiers a new subgraph's name gives its files, types and tables. */
export interface SubgraphNames {
  /** The subgraph, its folder, SDL file and module export: `rewards`. */
  name: string;
  /** Its types' prefix: `Rewards` (RewardsContext, RewardsRecord). */
  Name: string;
}

/** One lower-case word (digits allowed after the first letter): it becomes a folder, a table prefix, an env var suffix and GraphQL names. */
const NAME = /^[a-z][a-z0-9]{1,29}$/;

export function subgraphNames(name: string): SubgraphNames {
  if (!NAME.test(name)) throw new Error(`A subgraph name is one lower-case word of 2 to 30 letters or digits, starting with a letter (e.g. "rewards"); got "${name}"`);
  return { name, Name: name[0]!.toUpperCase() + name.slice(1) };
}

/** Replaces every `{{key}}` of a template. */
export function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`The template uses {{${key}}}, which the scaffold does not provide`);
    return value;
  });
}
