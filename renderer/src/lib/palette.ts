/**
 * Namespace colours for one view. A colour says "this namespace appears more than once here":
 * a namespace that appears once is drawn neutral (--ns-own), the host's in the host's style
 * (--ns-host, dashed), and each shared one gets its own swatch. Swatches are assigned per view,
 * in the order the view shows them, so that within a view two different namespaces never look
 * alike: the hues are spread evenly over as many as the view needs (at most MAX_HUES, the number
 * people tell apart at a glance); beyond that the hues repeat with a pattern, and every swatch
 * carries a label ("#7") that stays unique however many there are.
 *
 * Lightness and chroma are the theme's (--ns-l, --ns-c in styles.css, oklch), the hue is ours:
 * the same hue is equally light in every part of the wheel, so the text on it stays readable.
 */
export const MAX_HUES = 8;
/** Pattern 0 is plain; 1… are drawn by the stylesheet as .ns-pat-1 …. */
export const PATTERNS = 4;
/** Where the wheel starts: a blue, away from the red and orange of errors and side B. */
const HUE_OFFSET = 250;

export const NS_OWN = 'var(--ns-own)';
export const NS_HOST = 'var(--ns-host)';
export const NS_NONE = 'var(--ns-none)';

export interface Swatch {
  /** A CSS colour. */
  color: string;
  /** The hue in degrees, for tests and titles. */
  hue: number;
  /** 0 = plain; otherwise the stylesheet's .ns-pat-N overlay. */
  pattern: number;
  /** Unique in the view: "#1", "#2", … in the order of first appearance. */
  label: string;
}

/** Shared namespaces of one view, by inode. */
export type ViewColors = ReadonlyMap<number, Swatch>;

/**
 * Steps through the slots so that neighbours in the view (often a pair of sharing containers
 * and the next pair) land far apart on the wheel: a step coprime with the count, near its 3/8.
 */
function slotOrder(count: number): number[] {
  if (count <= 2) return Array.from({ length: count }, (_, i) => i);
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  let step = Math.max(1, Math.round(count * 0.375));
  while (gcd(step, count) !== 1) step++;
  return Array.from({ length: count }, (_, i) => (i * step) % count);
}

/** The swatch of the i-th shared namespace of a view with `count` of them. */
export function swatch(i: number, count: number): Swatch {
  const hues = Math.max(1, Math.min(count, MAX_HUES));
  const slot = slotOrder(hues)[i % hues]!;
  const hue = Math.round((HUE_OFFSET + (slot * 360) / hues) % 360);
  const pattern = Math.floor(i / hues) % PATTERNS;
  return { color: `oklch(var(--ns-l) var(--ns-c) ${hue})`, hue, pattern, label: `#${i + 1}` };
}

/**
 * The swatches of one view: `inodes` are every namespace the view shows, in its order, with
 * repeats (one per place it is drawn). Those drawn more than once get a swatch; `skip` (the
 * host's) never do, as they are drawn in the host's style.
 */
export function viewColors(inodes: Iterable<number | null | undefined>, skip: ReadonlySet<number> = new Set()): ViewColors {
  const seen = new Map<number, number>();
  for (const inode of inodes) if (inode != null && !skip.has(inode)) seen.set(inode, (seen.get(inode) ?? 0) + 1);
  const shared = [...seen].filter(([, n]) => n > 1).map(([inode]) => inode);
  return new Map(shared.map((inode, i) => [inode, swatch(i, shared.length)]));
}

/** How one inode is drawn in a view: its swatch, the host's style, or neutral. */
export function drawn(
  colors: ViewColors,
  inode: number | null | undefined,
  isHost: boolean,
): { background: string; pattern: number; label: string | null } {
  if (inode == null) return { background: NS_NONE, pattern: 0, label: null };
  if (isHost) return { background: NS_HOST, pattern: 0, label: null };
  const s = colors.get(inode);
  return s ? { background: s.color, pattern: s.pattern, label: s.label } : { background: NS_OWN, pattern: 0, label: null };
}

/**
 * A namespace in a view that draws each namespace once (the host map, a network box): neutral,
 * since a colour there would claim a likeness that is not there. Views that show a namespace in
 * several places use viewColors.
 */
export function inodeColor(inode: number | null | undefined): string {
  return inode == null ? NS_NONE : NS_OWN;
}
