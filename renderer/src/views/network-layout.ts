/**
 * The network picture's layout: three columns (bridge → veth host end → namespace), one row
 * per veth, written for this shape rather than handed to a general graph layouter. It is a
 * pure function of its input, so a container that comes or goes moves only the rows after it.
 *
 * Many rows do not make one endless column: the rows are packed into side-by-side bands,
 * as many as make the picture about as wide as the window's shape, and a bridge whose rows
 * go on into the next band is repeated there as a small continuation box.
 */

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}
export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}
/** A bridge (or macvlan parent, or nothing) and the rows that hang on it: the unit of the layout. */
export interface LayoutBlock {
  head: string | null;
  rows: { veth: string | null; netns: string | null }[];
}
export interface LayoutInput {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  blocks: LayoutBlock[];
}
export interface Placed {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Set on a continuation box: the head it continues. */
  continues?: string;
}
export interface Layout {
  nodes: Placed[];
  edges: LayoutEdge[];
  width: number;
  height: number;
  bands: number;
}

export const COL_GAP = 64;
export const ROW_GAP = 10;
export const BLOCK_GAP = 30;
export const BAND_GAP = 72;
export const CONT_HEIGHT = 34;
/** The window's shape the bands aim for (1024×640 and 1440×900 are both 1.6). */
export const DEFAULT_ASPECT = 1.6;

export function layoutNetwork(g: LayoutInput, aspect = DEFAULT_ASPECT): Layout {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const size = (id: string | null) => (id === null ? undefined : byId.get(id));
  // Column widths: the widest box of each column, so that columns never overlap.
  const w0 = Math.max(0, ...g.blocks.map((b) => size(b.head)?.width ?? 0));
  const w1 = Math.max(0, ...g.blocks.flatMap((b) => b.rows.map((r) => size(r.veth)?.width ?? 0)));
  const w2 = Math.max(0, ...g.blocks.flatMap((b) => b.rows.map((r) => size(r.netns)?.width ?? 0)));
  const x1 = w0 + (w0 ? COL_GAP : 0);
  const x2 = x1 + w1 + (w1 ? COL_GAP : 0);
  const bandWidth = x2 + w2;

  // A namespace reached by two veths (a container on two networks) is drawn once, at its first row.
  const seen = new Set<string>();
  const rows = g.blocks.map((b) =>
    b.rows.map((r) => {
      const netns = r.netns !== null && !seen.has(r.netns) ? r.netns : null;
      if (netns) seen.add(netns);
      const height = Math.max(size(r.veth)?.height ?? 0, size(netns)?.height ?? 0);
      return { veth: r.veth, netns, height };
    }),
  );
  const blockHeight = (i: number) =>
    Math.max(
      size(g.blocks[i]!.head)?.height ?? 0,
      rows[i]!.reduce((s, r) => s + r.height + ROW_GAP, -ROW_GAP),
    );
  const total = g.blocks.reduce((s, _, i) => s + blockHeight(i) + BLOCK_GAP, -BLOCK_GAP);
  const bands = Math.max(1, Math.round(Math.sqrt((aspect * Math.max(total, 0)) / (bandWidth + BAND_GAP)) || 1));
  const tallest = Math.max(0, ...rows.flat().map((r) => r.height), ...g.blocks.map((b) => size(b.head)?.height ?? 0));
  const bandHeight = Math.max(total / bands, tallest + CONT_HEIGHT);

  const placed: Placed[] = [];
  const place = (id: string, x: number, y: number) => {
    const n = byId.get(id)!;
    placed.push({ id, x, y, width: n.width, height: n.height });
  };
  const bandOf = new Map<string, number>();
  let band = 0;
  let y = 0;
  const bandX = () => band * (bandWidth + BAND_GAP);
  const nextBand = () => {
    band++;
    y = 0;
  };

  g.blocks.forEach((b, bi) => {
    const h = blockHeight(bi);
    // A block that would be split although it fits a band whole moves to the next band.
    if (y > 0 && y + h > bandHeight && h <= bandHeight / 2) nextBand();
    const head = size(b.head);
    const top = y;
    if (head) {
      place(head.id, bandX(), y);
      bandOf.set(head.id, band);
    }
    let bottom = y + (head?.height ?? 0);
    for (const r of rows[bi]!) {
      if (y > top && y + r.height > bandHeight) {
        nextBand();
        bottom = 0;
        if (head) {
          const id = `cont:${head.id}:${band}`;
          placed.push({ id, x: bandX(), y: 0, width: head.width, height: CONT_HEIGHT, continues: head.id });
          bottom = CONT_HEIGHT;
        }
      }
      const v = size(r.veth);
      const n = size(r.netns);
      if (v) {
        place(v.id, bandX() + x1, y + (r.height - v.height) / 2);
        bandOf.set(v.id, band);
      }
      if (n) {
        place(n.id, bandX() + x2, y);
        bandOf.set(n.id, band);
      }
      y += r.height + ROW_GAP;
      bottom = Math.max(bottom, y - ROW_GAP);
    }
    y = Math.max(y - ROW_GAP, bottom) + BLOCK_GAP;
  });

  // An edge from a head to a box in a later band leaves from that band's continuation box.
  const heads = new Set(g.blocks.map((b) => b.head).filter((h): h is string => h !== null));
  const edges = g.edges.map((e) => {
    if (!heads.has(e.source)) return e;
    const from = bandOf.get(e.source);
    const to = bandOf.get(e.target);
    return from === undefined || to === undefined || from === to ? e : { ...e, source: `cont:${e.source}:${to}` };
  });
  const width = Math.max(0, ...placed.map((p) => p.x + p.width));
  const height = Math.max(0, ...placed.map((p) => p.y + p.height));
  return { nodes: placed, edges, width, height, bands: band + 1 };
}

/** Below this zoom the boxes' 11–12 px text is no longer readable. */
export const MIN_READABLE_ZOOM = 0.7;
export const MAX_FIT_ZOOM = 1.1;

/**
 * The viewport that shows the whole picture, centred, if it is readable so; otherwise the
 * top-left corner at the smallest readable zoom, from where the user pans or searches,
 * rather than a picture scaled down to blank.
 */
export function fitViewport(
  picture: { width: number; height: number },
  view: { width: number; height: number },
  padding = 24,
): { x: number; y: number; zoom: number; whole: boolean } {
  const fit = Math.min(
    (view.width - 2 * padding) / Math.max(1, picture.width),
    (view.height - 2 * padding) / Math.max(1, picture.height),
    MAX_FIT_ZOOM,
  );
  if (fit >= MIN_READABLE_ZOOM)
    return { x: (view.width - picture.width * fit) / 2, y: (view.height - picture.height * fit) / 2, zoom: fit, whole: true };
  return { x: padding, y: padding, zoom: MIN_READABLE_ZOOM, whole: false };
}
