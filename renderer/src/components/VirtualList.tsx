import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';

export interface VirtualListHandle {
  /** Scrolls the least needed to show item i whole. */
  scrollToIndex(i: number): void;
  element(): HTMLDivElement | null;
}

/** The first index whose item ends below y (offsets has count + 1 entries, offsets[0] = 0). */
export function indexAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

/** The items to draw for a viewport at `top` of `height`, with `overscan` pixels either side. */
export function visibleRange(offsets: readonly number[], top: number, height: number, overscan: number): [number, number] {
  const count = offsets.length - 1;
  if (count <= 0) return [0, 0];
  const first = indexAt(offsets, Math.max(0, top - overscan));
  const last = indexAt(offsets, top + height + overscan);
  return [first, Math.min(count, last + 1)];
}

/**
 * A scroller that holds only the items in view (plus overscan) in the DOM: items have known
 * heights, so each is placed absolutely and the rest is empty space of the right size.
 */
export function VirtualList({
  heights,
  render,
  overscan = 360,
  className,
  role,
  label,
  onKeyDown,
  handle,
  children,
}: {
  heights: readonly number[];
  render: (i: number, style: CSSProperties) => ReactNode;
  overscan?: number;
  className?: string;
  role?: string;
  label?: string;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  handle?: Ref<VirtualListHandle>;
  /** Drawn before the items (messages, a sticky header). */
  children?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  // The scroll position over the items: what is drawn before them (messages, a header) aside.
  const [top, setTop] = useState(0);
  const itemsTop = () => {
    const el = scroller.current;
    return el ? Math.max(0, el.scrollTop - (body.current?.offsetTop ?? 0)) : 0;
  };
  // A DOM without layout (tests) reports 0: draw a window's worth rather than nothing.
  const [height, setHeight] = useState(() => (typeof window !== 'undefined' ? window.innerHeight : 800));
  const offsets = useMemo(() => {
    const o = [0];
    for (const h of heights) o.push(o.at(-1)! + h);
    return o;
  }, [heights]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      if (el.clientHeight > 0) setHeight(el.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A shorter list (a filter) can leave the scroll position past its end: follow the browser's clamp.
  useEffect(() => {
    const now = itemsTop();
    if (now !== top) setTop(now);
  }, [offsets, top]);

  useImperativeHandle(
    handle,
    () => ({
      element: () => scroller.current,
      scrollToIndex(i) {
        const el = scroller.current;
        if (!el || i < 0 || i >= offsets.length - 1) return;
        const base = body.current?.offsetTop ?? 0;
        const start = base + offsets[i]!;
        const end = base + offsets[i + 1]!;
        // Sticky content drawn before the items (the table's header) covers the top.
        const cover = (el.querySelector('.vlist-sticky') as HTMLElement | null)?.offsetHeight ?? 0;
        if (start - cover < el.scrollTop) el.scrollTop = start - cover;
        else if (end > el.scrollTop + el.clientHeight) el.scrollTop = end - el.clientHeight;
        setTop(itemsTop());
      },
    }),
    [offsets],
  );

  const [first, last] = visibleRange(offsets, top, height, overscan);
  const items: ReactNode[] = [];
  for (let i = first; i < last; i++)
    items.push(render(i, { position: 'absolute', top: offsets[i], left: 0, right: 0, height: heights[i] }));

  return (
    <div ref={scroller} className={className} onScroll={() => setTop(itemsTop())} onKeyDown={onKeyDown}>
      {children}
      <div ref={body} className="vlist-body" role={role} aria-label={label} style={{ position: 'relative', height: offsets.at(-1) }}>
        {items}
      </div>
    </div>
  );
}
