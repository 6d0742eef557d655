/**
 * The first field name that occurs more than once, or undefined. Forms whose readers could take
 * different copies of a field (the first for one check, the last for the action) refuse such posts.
 */
export function firstRepeatedField(names: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
