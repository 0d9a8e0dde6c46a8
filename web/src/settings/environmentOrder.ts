/** The names with `moved` put where `target` is: after it when moving down, before it when moving up. */
export function moveTo(names: readonly string[], moved: string, target: string): string[] {
  const from = names.indexOf(moved);
  const to = names.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...names];
  const next = names.filter((n) => n !== moved);
  next.splice(to, 0, moved);
  return next;
}

/** The names with the one at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveBy(names: readonly string[], index: number, by: -1 | 1): string[] {
  const target = index + by;
  if (index < 0 || target < 0 || target >= names.length) return [...names];
  return moveTo(names, names[index], names[target]);
}
