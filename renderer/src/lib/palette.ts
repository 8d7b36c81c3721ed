/**
 * One colour per namespace identity: the inode is hashed to a palette, so the
 * same namespace has the same colour in every view. Colours are CSS variables
 * (--ns-0 … --ns-11), defined for the light and the dark theme.
 */
export const PALETTE_SIZE = 12;

export function inodeHash(inode: number): number {
  // The low bits of namespace inodes are sequential: mix them (32-bit FNV-1a over the digits).
  let h = 0x811c9dc5;
  const s = String(inode);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function paletteIndex(inode: number): number {
  return inodeHash(inode) % PALETTE_SIZE;
}

export function inodeColor(inode: number | null | undefined): string {
  return inode == null ? 'var(--ns-none)' : `var(--ns-${paletteIndex(inode)})`;
}

/**
 * Colours for one row of the matrix: equal inodes share a colour, and unequal
 * ones never do (a hash collision moves to the next free palette slot).
 * The host's namespace is drawn in the neutral host colour.
 */
export function rowColors(inodes: (number | null)[], hostInode: number | null): string[] {
  const byInode = new Map<number, string>();
  const used = new Set<number>();
  return inodes.map((inode) => {
    if (inode == null) return 'var(--ns-none)';
    if (inode === hostInode) return 'var(--ns-host)';
    const known = byInode.get(inode);
    if (known) return known;
    let idx = paletteIndex(inode);
    for (let n = 0; n < PALETTE_SIZE && used.has(idx); n++) idx = (idx + 1) % PALETTE_SIZE;
    used.add(idx);
    const c = `var(--ns-${idx})`;
    byInode.set(inode, c);
    return c;
  });
}
