import type { AdminCategory } from './types';

export interface CategoryNode extends AdminCategory {
  children: CategoryNode[];
}

/** The flat rows the API returns as a tree, siblings by position then name. */
export function buildTree(categories: AdminCategory[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(categories.map((c) => [c.id, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Depth-first rows with breadcrumbs ("Cables › Power cables"), for a <select> of categories. */
export function categoryChoices(categories: AdminCategory[]): { id: string; label: string; depth: number }[] {
  const rows: { id: string; label: string; depth: number }[] = [];
  const walk = (list: CategoryNode[], trail: string[]) => {
    for (const node of list) {
      const path = [...trail, node.name];
      rows.push({ id: node.id, label: path.join(' › '), depth: path.length - 1 });
      walk(node.children, path);
    }
  };
  walk(buildTree(categories), []);
  return rows;
}

/** True when `candidate` is `id` or lies under it (a category cannot move into its own subtree). */
export function isWithin(categories: AdminCategory[], candidate: string | null, id: string): boolean {
  const byId = new Map(categories.map((c) => [c.id, c]));
  let cursor = candidate;
  while (cursor) {
    if (cursor === id) return true;
    cursor = byId.get(cursor)?.parentId ?? null;
  }
  return false;
}
