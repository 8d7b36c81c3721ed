import type { Process } from '../../../../shared/model/sections';

export interface TreeRow {
  p: Process;
  depth: number;
  /** Host PID of the row above it in the tree, or null at the top. */
  parent: number | null;
  hasChildren: boolean;
}

/** Tree-ordered rows (from processTree) with each one's parent and whether it has children. */
export function withParents(rows: { p: Process; depth: number }[]): TreeRow[] {
  const stack: number[] = [];
  return rows.map((r, i) => {
    stack.length = r.depth;
    const parent = r.depth > 0 ? (stack[r.depth - 1] ?? null) : null;
    stack[r.depth] = r.p.hostPid;
    return { ...r, parent, hasChildren: (rows[i + 1]?.depth ?? -1) > r.depth };
  });
}

export function processMatches(p: Process, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [p.command, p.comm, p.user, String(p.hostPid), String(p.nsPid)].some((f) => f.toLowerCase().includes(q));
}

/**
 * The rows to draw. Folded: a folded row's descendants are hidden. Searching: the
 * matches and their ancestors (so a match keeps its place in the tree), folds ignored.
 */
export function visibleRows(rows: TreeRow[], folded: ReadonlySet<number>, query: string): TreeRow[] {
  const byPid = new Map(rows.map((r) => [r.p.hostPid, r]));
  if (query.trim()) {
    const keep = new Set<number>();
    for (const r of rows) {
      if (!processMatches(r.p, query)) continue;
      for (let x: TreeRow | undefined = r; x && !keep.has(x.p.hostPid); x = x.parent === null ? undefined : byPid.get(x.parent))
        keep.add(x.p.hostPid);
    }
    return rows.filter((r) => keep.has(r.p.hostPid));
  }
  const hidden = new Set<number>();
  return rows.filter((r) => {
    if (r.parent !== null && (hidden.has(r.parent) || folded.has(r.parent))) {
      hidden.add(r.p.hostPid);
      return false;
    }
    return true;
  });
}
