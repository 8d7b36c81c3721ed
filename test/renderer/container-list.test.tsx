// The container list at scale: windowed rows, status chips, the table mode, sorting, grouping,
// the filter shortcuts, keyboard moves, and the list's colours (one colour = one shared namespace).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../shared/model/container.js';
import { setApi } from '../../renderer/src/api/index.js';
import { ContainerList } from '../../renderer/src/components/ContainerList.js';
import { visibleRange } from '../../renderer/src/components/VirtualList.js';
import { listRows, statusCounts } from '../../renderer/src/lib/list-rows.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useListView } from '../../renderer/src/store/list-view.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { container, fakeApi } from './fake-api.js';

const HOST_NS = { cgroup: 1, ipc: 2, mnt: 3, net: 4, pid: 5, time: 6, user: 7, uts: 8 };

/** n containers: every fifth paused, every seventh exited; pairs share a net namespace. */
function many(n: number): Container[] {
  return Array.from({ length: n }, (_, i) => {
    const state = i % 7 === 6 ? 'exited' : i % 5 === 4 ? 'paused' : 'running';
    return container(`c${String(i).padStart(4, '0')}`, {
      id: i.toString(16).padStart(64, '0'),
      state,
      pid: state === 'exited' ? null : 1000 + i,
      created: 1_700_000_000 + i,
      labels: i % 3 === 0 ? { 'com.docker.compose.project': `proj${i % 2}` } : {},
      networks: [i % 2 ? 'front' : 'back'],
      namespaces: { ...HOST_NS, net: 5000 + (i >> 1), pid: 6000 + i, mnt: 7000 + i, ipc: 8000 + i, uts: 9000 + i },
    });
  });
}

function setList(list: Container[]) {
  useContainers.setState({ loaded: true, loading: false, error: null, filter: '', hostNs: HOST_NS, list });
}

const rowsInDom = (root: HTMLElement) => root.querySelectorAll('[role="listitem"]');

beforeEach(() => {
  localStorage.clear();
  setApi(fakeApi().client);
  useListView.setState({ mode: 'cards', sort: 'name', group: 'none', statuses: new Set(), collapsed: new Set() });
  useUi.setState({ a: null, b: null });
});
afterEach(cleanup);

describe('the container list at 1,000 containers', () => {
  it('holds only the rows in view (plus overscan) and counts all', () => {
    setList(many(1000));
    const { container: root } = render(<ContainerList />);
    expect(screen.getByTestId('list-count').textContent).toBe('1000 of 1000');
    const drawn = rowsInDom(root).length;
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(40);
    // The scroller is as tall as all rows, so the scrollbar tells the truth.
    const body = root.querySelector('.vlist-body') as HTMLElement;
    expect(parseInt(body.style.height, 10)).toBe(1000 * 80);
    expect(rowsInDom(root)[0]!.getAttribute('aria-setsize')).toBe('1000');
  });

  it('draws the rows at the scroll position', () => {
    setList(many(1000));
    const { container: root } = render(<ContainerList />);
    const scroller = root.querySelector('.vlist') as HTMLElement;
    act(() => {
      scroller.scrollTop = 500 * 80;
      fireEvent.scroll(scroller);
    });
    const names = [...rowsInDom(root)].map((r) => r.getAttribute('data-container'));
    expect(names).toContain('c0500');
    expect(names).not.toContain('c0000');
    expect(rowsInDom(root).length).toBeLessThan(40);
  });

  it('windows by offsets: the range covers the viewport and the overscan, no more', () => {
    const offsets = Array.from({ length: 1001 }, (_, i) => i * 30);
    expect(visibleRange(offsets, 0, 300, 60)).toEqual([0, 13]);
    expect(visibleRange(offsets, 3000, 300, 60)).toEqual([98, 113]);
    expect(visibleRange(offsets, 29_990, 300, 60)).toEqual([997, 1000]);
    expect(visibleRange([0], 0, 300, 60)).toEqual([0, 0]);
  });
});

describe('status chips, table mode, sorting and grouping', () => {
  it('counts each status and shows only the chosen ones', () => {
    const list = many(70);
    setList(list);
    const { container: root } = render(<ContainerList />);
    const counts = statusCounts(list, '');
    const chip = (s: string) => root.querySelector(`.chip[data-status="${s}"]`) as HTMLButtonElement;
    expect(chip('running').textContent).toContain(String(counts.running));
    expect(chip('exited').textContent).toContain(String(counts.exited));
    expect(counts.running + counts.paused + counts.exited).toBe(70);
    fireEvent.click(chip('exited'));
    expect(screen.getByTestId('list-count').textContent).toBe(`${counts.exited} of 70`);
    for (const r of rowsInDom(root)) expect(r.getAttribute('data-state')).toBe('exited');
    fireEvent.click(chip('paused'));
    expect(screen.getByTestId('list-count').textContent).toBe(`${counts.exited + counts.paused} of 70`);
    fireEvent.click(chip('exited'));
    fireEvent.click(chip('paused'));
    expect(screen.getByTestId('list-count').textContent).toBe('70 of 70');
  });

  it('switches to the table, one line per container, and remembers it', () => {
    setList(many(1000));
    const { container: root } = render(<ContainerList />);
    fireEvent.click(root.querySelector('[data-action="table-mode"]')!);
    expect(root.querySelectorAll('.crow.trow').length).toBeGreaterThan(10);
    expect(root.querySelectorAll('.crow.tile')).toHaveLength(0);
    expect(parseInt((root.querySelector('.vlist-body') as HTMLElement).style.height, 10)).toBe(1000 * 30);
    expect(JSON.parse(localStorage.getItem('nsinspect.list')!)).toMatchObject({ mode: 'table' });
    // A and B still pick from the table row.
    fireEvent.click(root.querySelector('[data-container="c0001"] .pick.a')!);
    expect(useUi.getState().a).toBe('c0001');
  });

  it('sorts by name, status, newest and engine', () => {
    const list = many(20);
    const names = (sort: 'name' | 'status' | 'created' | 'engine') =>
      listRows(list, { filter: '', statuses: new Set(), sort, group: 'none' }).shown.map((c) => c.name);
    expect(names('name')[0]).toBe('c0000');
    expect(names('created')[0]).toBe('c0019');
    const byStatus = listRows(list, { filter: '', statuses: new Set(), sort: 'status', group: 'none' }).shown.map((c) => c.state);
    expect(byStatus.indexOf('paused')).toBeGreaterThan(byStatus.lastIndexOf('running'));
    expect(byStatus.indexOf('exited')).toBeGreaterThan(byStatus.lastIndexOf('paused'));
    expect(names('engine')).toEqual(names('name')); // one engine: by name
    const natural = listRows([container('web-10'), container('web-2'), container('web-1')], {
      filter: '',
      statuses: new Set(),
      sort: 'name',
      group: 'none',
    }).shown.map((c) => c.name);
    expect(natural).toEqual(['web-1', 'web-2', 'web-10']);
  });

  it('groups by compose project, network and pod, with counts; a heading folds its group', () => {
    const list = many(12);
    const q = { filter: '', statuses: new Set<never>(), sort: 'name' as const };
    const heads = (group: 'compose' | 'network' | 'pod') =>
      listRows(list, { ...q, group })
        .rows.filter((r) => r.kind === 'group')
        .map((r) => (r.kind === 'group' ? `${r.key}:${r.count}` : ''));
    expect(heads('compose')).toEqual(['proj0:2', 'proj1:2', 'null:8']);
    expect(heads('network')).toEqual(['back:6', 'front:6']);
    // Pairs share a net namespace: a pod in all but name, named after its first container.
    expect(heads('pod')).toEqual(['c0000:2', 'c0002:2', 'c0004:2', 'c0006:2', 'c0008:2', 'c0010:2']);

    setList(list);
    useListView.setState({ group: 'network' });
    const { container: root } = render(<ContainerList />);
    expect(root.querySelectorAll('.lgroup')).toHaveLength(2);
    fireEvent.click(root.querySelector('.lgroup[data-group="back"]')!);
    expect(rowsInDom(root)).toHaveLength(6);
    expect(root.querySelector('.lgroup[data-group="back"]')!.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('keys', () => {
  it('/ and Ctrl+K focus the filter; / in a text field stays a character', () => {
    setList(many(5));
    render(<ContainerList />);
    const filter = screen.getByPlaceholderText(/Filter/) as HTMLInputElement;
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(filter);
    filter.blur();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    expect(document.activeElement).toBe(filter);
    const other = document.body.appendChild(document.createElement('textarea'));
    other.focus();
    const e = fireEvent.keyDown(other, { key: '/' });
    expect(e).toBe(true); // not prevented
    expect(document.activeElement).toBe(other);
    other.remove();
  });

  it('arrow keys move between rows, A and B pick the focused one', () => {
    setList(many(50));
    const { container: root } = render(<ContainerList />);
    const filter = screen.getByPlaceholderText(/Filter/);
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-container')).toBe('c0000');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-container')).toBe('c0002');
    fireEvent.keyDown(document.activeElement!, { key: 'a' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'b' });
    expect([useUi.getState().a, useUi.getState().b]).toEqual(['c0002', 'c0003']);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.getAttribute('data-container')).toBe('c0049');
    expect(root.querySelector('[data-container="c0049"]')!.getAttribute('tabindex')).toBe('0');
  });
});

describe("the list's colours", () => {
  it('colours only shared namespaces, one colour per namespace, host ones drawn as the host’s', () => {
    setList(many(12));
    const { container: root } = render(<ContainerList />);
    const byColor = new Map<string, string>();
    let coloured = 0;
    for (const dot of root.querySelectorAll<HTMLElement>('.nsdot')) {
      const row = dot.closest('[data-container]')!;
      const type = dot.textContent;
      const color = dot.style.getPropertyValue('--ns-swatch');
      if (dot.classList.contains('host')) {
        expect(['cg', 'ti', 'us']).toContain(type);
        continue;
      }
      if (color === 'var(--ns-own)') continue;
      coloured++;
      // Only the net namespaces are shared (in pairs); each pair has its own colour.
      expect(type, row.getAttribute('data-container')!).toBe('ne');
      const id = `${dot.dataset.swatch}`;
      expect(byColor.get(color) ?? id).toBe(id);
      byColor.set(color, id);
    }
    // Of the six pairs, three have both members running (c4 and c9 are paused, c6 exited): those are coloured.
    expect(coloured).toBe(6);
    expect(byColor.size).toBe(3);
  });
});

describe('the comparison table before the comparison answers', () => {
  it('is drawn from the list’s inodes at once, then replaced by the comparison', async () => {
    const { CompareView } = await import('../../renderer/src/views/CompareView.js');
    const { useComparison } = await import('../../renderer/src/store/comparison.js');
    const { sampleComparison } = await import('./sample-comparison.js');
    let answer: (c: unknown) => void = () => undefined;
    setApi(fakeApi({ compare: () => new Promise((r) => (answer = r)) }).client);
    useComparison.getState().clear();
    setList([
      container('web', { pid: 42, namespaces: { ...HOST_NS, ipc: 20, mnt: 30, net: 40, pid: 50, uts: 80 } }),
      container('side', { pid: 43, namespaces: { ...HOST_NS, ipc: 21, mnt: 31, net: 40, pid: 51, uts: 81 } }),
    ]);
    useUi.setState({ a: 'web', b: 'side' });
    const { container: root } = render(<CompareView />);
    const matrix = root.querySelector('[data-testid="matrix"]')!;
    expect(matrix.getAttribute('data-preview')).toBe('true');
    const cell = (t: string, side: string) =>
      root.querySelector(`tr[data-ns="${t}"] td[data-side="${side}"] [data-inode]`)?.getAttribute('data-inode');
    expect(cell('net', 'a')).toBe('40');
    expect(cell('mnt', 'b')).toBe('31');
    expect(root.querySelector('tr[data-ns="net"]')!.getAttribute('data-shared')).toBe('true');
    await act(async () => answer(sampleComparison()));
    expect(root.querySelector('[data-testid="matrix"]')!.hasAttribute('data-preview')).toBe(false);
    expect(root.querySelector('[data-pane="net"]')).toBeTruthy();
  });

  it('is not drawn early when a side’s inodes are unknown', async () => {
    const { CompareView } = await import('../../renderer/src/views/CompareView.js');
    const { useComparison } = await import('../../renderer/src/store/comparison.js');
    setApi(fakeApi({ compare: () => new Promise(() => undefined) }).client);
    useComparison.getState().clear();
    setList([container('web', { pid: 42, namespaces: { ...HOST_NS, net: 40 } }), container('side', { pid: 43 })]);
    useUi.setState({ a: 'web', b: 'side' });
    const { container: root } = render(<CompareView />);
    expect(root.querySelector('[data-testid="matrix"]')).toBeNull();
  });
});
