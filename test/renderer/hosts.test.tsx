// @vitest-environment happy-dom
// Several engine hosts in one window: the host chips (filter in one click), the host picker,
// grouping by host, each row's host, picking a container of another host, compare across hosts
// ("different hosts" in every row), and the hosts in Settings; in English and Vietnamese.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../shared/model/comparison.js';
import type { Container } from '../../shared/model/container.js';
import type { HostsState, HostTag } from '../../shared/model/host.js';
import { setApi } from '../../renderer/src/api/index.js';
import { ContainerList } from '../../renderer/src/components/ContainerList.js';
import { FirstHostOnly } from '../../renderer/src/components/HostBar.js';
import { listRows } from '../../renderer/src/lib/list-rows.js';
import { useComparison } from '../../renderer/src/store/comparison.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useHosts } from '../../renderer/src/store/hosts.js';
import { useListView } from '../../renderer/src/store/list-view.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { CompareView } from '../../renderer/src/views/CompareView.js';
import { HostsSection } from '../../renderer/src/views/HostsSection.js';
import { container, fakeApi } from './fake-api.js';
import { HOST_NS, sampleComparison } from './sample-comparison.js';

const LOCAL: HostTag = { key: 'default', label: 'default', endpoint: 'unix:///var/run/docker.sock' };
const STAGING: HostTag = { key: 'staging', label: 'staging', endpoint: 'ssh://ops@staging' };
const HEX = 'c'.repeat(64);

/** "web" on both hosts (the same engine reached twice: the same ID), and "db" on staging only. */
function twoHosts(): Container[] {
  const ns = { ...HOST_NS, net: 4000, pid: 5000 };
  return [
    container('web', { id: HEX, host: LOCAL, namespaces: ns }),
    container('web', { id: `staging/${HEX}`, host: STAGING, namespaces: ns }),
    container('db', { id: `staging/${'d'.repeat(64)}`, host: STAGING, namespaces: { ...HOST_NS, net: 4000 } }),
  ];
}

function hostsState(extra: Partial<HostsState> = {}): HostsState {
  return {
    open: [
      { tag: LOCAL, primary: true, status: 'connected' },
      { tag: STAGING, primary: false, status: 'unreachable', message: 'ssh: connect refused' },
    ],
    contexts: [
      { name: 'default', description: '', endpoint: LOCAL.endpoint, tls: null, current: true },
      { name: 'staging', description: '', endpoint: STAGING.endpoint, tls: null, current: false },
      { name: 'lab', description: '', endpoint: 'tcp://lab:2376', tls: null, current: false },
    ],
    canOpen: true,
    ...extra,
  };
}

beforeEach(() => {
  localStorage.clear();
  useListView.setState({ mode: 'cards', sort: 'name', group: 'none', statuses: new Set(), collapsed: new Set(), host: null });
  useUi.setState({ a: null, b: null, view: 'compare', locale: 'en' });
  useContainers.setState({ loaded: true, loading: false, error: null, filter: '', hostNs: HOST_NS, list: twoHosts() });
  useHosts.setState({ state: hostsState(), busy: null, error: null });
  useComparison.getState().clear();
});
afterEach(() => {
  cleanup();
  setApi(null);
});

const rows = (root: HTMLElement) =>
  [...root.querySelectorAll('[role="listitem"]')].map((r) => `${r.getAttribute('data-host')}:${r.getAttribute('data-container')}`);

describe('the list with several hosts', () => {
  it('groups by host, and filters to one host', () => {
    const list = twoHosts();
    const grouped = listRows(list, { filter: '', statuses: new Set(), sort: 'name', group: 'host' }).rows;
    expect(grouped.map((r) => (r.kind === 'group' ? `[${r.key}] ${r.count}` : r.c.name))).toEqual([
      '[default] 1',
      'web',
      '[staging] 2',
      'db',
      'web',
    ]);
    const only = listRows(list, { filter: '', statuses: new Set(), sort: 'name', group: 'none', host: 'staging' }).shown;
    expect(only.map((c) => c.id)).toEqual([`staging/${'d'.repeat(64)}`, `staging/${HEX}`]);
    // Equal net inodes on two hosts are two namespaces: no pod made of them.
    const pods = listRows(list, { filter: '', statuses: new Set(), sort: 'name', group: 'pod' }).rows;
    expect(pods.filter((r) => r.kind === 'group').map((r) => r.kind === 'group' && r.key)).toEqual(['web', null]);
  });

  it('shows each row’s host, and one click on a host chip shows only its containers (again: all)', () => {
    setApi(fakeApi().client);
    const { container: root } = render(<ContainerList />);
    expect(rows(root)).toEqual(['staging:db', 'default:web', 'staging:web']);
    const badges = [...root.querySelectorAll('.crow .tag.host')].map((b) => b.textContent);
    expect(badges).toEqual(['staging', 'default', 'staging']);
    const chip = root.querySelector<HTMLButtonElement>('.host-bar [data-host="staging"]')!;
    expect(chip.textContent).toBe('staging 2');
    fireEvent.click(chip);
    expect(rows(root)).toEqual(['staging:db', 'staging:web']);
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(chip);
    expect(rows(root)).toHaveLength(3);
  });

  it('the group menu offers "Host", and grouping by it is one choice', () => {
    setApi(fakeApi().client);
    const { container: root } = render(<ContainerList />);
    fireEvent.change(screen.getByTestId('list-group'), { target: { value: 'host' } });
    expect([...root.querySelectorAll('[data-group]')].map((g) => g.getAttribute('data-group'))).toEqual(['default', 'staging']);
  });

  it('picks a container of another host by its host-qualified name, and the bare name on the first host', () => {
    setApi(fakeApi().client);
    const { container: root } = render(<ContainerList />);
    fireEvent.click(root.querySelector('[data-host="default"][data-container="web"] .pick.a')!);
    fireEvent.click(root.querySelector('[data-host="staging"][data-container="web"] .pick.b')!);
    expect([useUi.getState().a, useUi.getState().b]).toEqual(['web', 'staging/web']);
    expect(root.querySelector('[data-host="staging"][data-container="web"]')!.className).toContain('sel-b');
    expect(root.querySelector('[data-host="default"][data-container="web"]')!.className).toContain('sel-a');
  });

  it('the picker opens a context that is not open, and × closes a host opened at run time', async () => {
    const api = fakeApi({ hostOpen: () => hostsState(), hostClose: () => hostsState(), listContainers: () => twoHosts() });
    setApi(api.client);
    const { container: root } = render(<ContainerList />);
    const picker = screen.getByTestId('host-picker') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual(['', 'lab']);
    await act(async () => {
      fireEvent.change(picker, { target: { value: 'lab' } });
    });
    expect(api.calls.filter((c) => c.channel === 'hostOpen')).toEqual([{ channel: 'hostOpen', args: ['lab'] }]);
    // The first host has no close button: it stays open.
    expect(root.querySelectorAll('[data-action="close-host"]')).toHaveLength(1);
    await act(async () => {
      fireEvent.click(root.querySelector('[data-action="close-host"]')!);
    });
    expect(api.calls.filter((c) => c.channel === 'hostClose')).toEqual([{ channel: 'hostClose', args: ['staging'] }]);
  });

  it('with one host, neither the host chips nor the row badges are drawn', () => {
    setApi(fakeApi().client);
    useHosts.setState({ state: hostsState({ open: [{ tag: LOCAL, primary: true, status: 'connected' }] }) });
    useContainers.setState({ list: [container('web', { host: LOCAL })] });
    const { container: root } = render(<ContainerList />);
    expect(screen.queryByTestId('host-bar')).toBeNull();
    expect(root.querySelector('.tag.host')).toBeNull();
  });
});

/** web on the first host against web on staging, as the serving side answers it. */
function acrossHosts(): Comparison {
  const c = sampleComparison();
  const b = { ...c.b, origin: STAGING };
  if (b.target.kind === 'container') b.target = { ...b.target, container: { ...b.target.container, id: `staging/${HEX}`, name: 'web' } };
  return {
    ...c,
    a: { ...c.a, origin: LOCAL },
    b,
    namespaces: c.namespaces.map((n) => ({ ...n, shared: false, differentHosts: true, hostB: { inode: n.host.inode } })),
  };
}

describe('compare across hosts', () => {
  async function show(locale: 'en' | 'vi') {
    const api = fakeApi({ compare: () => acrossHosts() });
    setApi(api.client);
    useUi.setState({ a: 'web', b: 'staging/web', locale });
    const r = render(<CompareView />);
    await screen.findByTestId('matrix');
    return { root: r.container, api };
  }

  it('asks with the host-qualified name and says "different hosts" in every row, with each side’s host', async () => {
    const { root, api } = await show('en');
    expect(api.calls.find((c) => c.channel === 'compare')!.args).toEqual(['web', 'staging/web']);
    const verdicts = [...root.querySelectorAll('tr[data-ns] .verdict')].map((v) => v.textContent);
    expect(verdicts).toEqual(Array(8).fill('different hosts'));
    expect(root.querySelectorAll('tr[data-different-hosts="true"]')).toHaveLength(8);
    expect(screen.getByTestId('different-hosts').textContent).toContain('A is on default, B on staging');
    expect(root.querySelector('tr[data-ns="uts"] [data-side="host-b"]')!.textContent).toContain(String(HOST_NS.uts));
    expect([...root.querySelectorAll('thead th')].map((th) => th.textContent).slice(4, 6)).toEqual(["H A's host", "H B's host"]);
    // Not one "shared" or "isolated" anywhere in the table, though some inodes are equal.
    expect(root.querySelector('[data-testid="matrix"]')!.textContent).not.toMatch(/shared ·|isolated/);
  });

  it('in Vietnamese too', async () => {
    const { root } = await show('vi');
    const verdicts = [...root.querySelectorAll('tr[data-ns] .verdict')].map((v) => v.textContent);
    expect(verdicts).toEqual(Array(8).fill('khác máy chủ'));
    expect(screen.getByTestId('different-hosts').textContent).toContain('A ở trên default, B ở trên staging');
  });
});

describe('the views that read one kernel', () => {
  it('say they show the first host when several are open, in Vietnamese too, and nothing with one host', () => {
    const { container: root, rerender } = render(<FirstHostOnly />);
    expect(root.querySelector('[data-testid="first-host-only"]')!.textContent).toBe('host default only');
    act(() => useUi.setState({ locale: 'vi' }));
    rerender(<FirstHostOnly />);
    expect(root.querySelector('[data-testid="first-host-only"]')!.textContent).toBe('chỉ máy chủ default');
    act(() => useHosts.setState({ state: hostsState({ open: [{ tag: LOCAL, primary: true, status: 'connected' }] }) }));
    rerender(<FirstHostOnly />);
    expect(root.querySelector('[data-testid="first-host-only"]')).toBeNull();
  });
});

describe('the hosts in Settings', () => {
  it('lists each open host with its endpoint and state, in Vietnamese as well', async () => {
    setApi(fakeApi().client);
    const { container: root, rerender } = render(<HostsSection />);
    const line = (key: string) => [...root.querySelectorAll(`tr[data-host="${key}"] td`)].map((td) => td.textContent);
    expect(line('default')).toEqual(['default first host', LOCAL.endpoint, 'connected', '']);
    expect(line('staging')).toEqual(['staging ', STAGING.endpoint, 'unreachable', 'Close staging']);
    act(() => useUi.setState({ locale: 'vi' }));
    rerender(<HostsSection />);
    await waitFor(() => expect(line('staging')).toEqual(['staging ', STAGING.endpoint, 'không kết nối được', 'Đóng staging']));
    expect(root.querySelector('h3')!.textContent).toBe('Máy chủ');
  });
});
