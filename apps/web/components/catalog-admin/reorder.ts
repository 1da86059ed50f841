/** A copy of `list` with the entry at `from` moved to `to` (both clamped), for drag and move buttons. */
export function moveEntry<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  const [moved] = copy.splice(from, 1);
  if (moved !== undefined) copy.splice(target, 0, moved);
  return copy;
}
