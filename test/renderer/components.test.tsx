// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../shared/model/comparison.js';
import type { HostMap, Topology } from '../../shared/model/hostmap.js';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { setApi } from '../../renderer/src/api/index.js';
import { ContainerList } from '../../renderer/src/components/ContainerList.js';
import { useComparison } from '../../renderer/src/store/comparison.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useTerminals } from '../../renderer/src/store/terminals.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { CompareView } from '../../renderer/src/views/CompareView.js';
import { sharingGroups } from '../../renderer/src/views/HostMapView.js';
import { OpenTerminalDialog } from '../../renderer/src/views/OpenTerminalDialog.js';
import { CgroupPane } from '../../renderer/src/views/compare/SmallPanes.js';
import { topologyGraph } from '../../renderer/src/views/topology-graph.js';
import { container, fakeApi } from './fake-api.js';
import { matrixRows } from './sample-comparison.js';

const HOST_NS = { cgroup: 1, ipc: 2, mnt: 3, net: 4, pid: 5, time: 6, user: 7, uts: 8 } as const;

function inspection(name: string, ns: Record<string, number>) {
  return {
    target: { kind: 'container', pid: 100, container: container(name) },
    access: 'direct',
    host: { pid: 1, comm: 'init', reason: '', namespaces: HOST_NS },
    namespaces: NS_TYPES.map((t) => ({ type: t, inode: ns[t], device: 4, sharedWithHost: ns[t] === HOST_NS[t] })),
    childNamespaces: [],
    net: {
      interfaces: [
        {
          name: 'eth0',
          ifindex: 9,
          kind: 'veth',
          mac: null,
          mtu: 1500,
          state: 'UP',
          addresses: [`172.17.0.${name.length}/16`],
          addressInfo: [],
          master: null,
          linkIndex: 10,
          peer: { ifindex: 10, name: `veth${name}`, master: 'docker0', netns: 'host' },
        },
      ],
      routes: [],
    },
    pid: {
      processes: [
        { hostPid: 100, nsPid: 1, nsPids: [100, 1], ppid: 50, uid: 0, user: 'root', comm: 'sleep', command: 'sleep 1000', state: 'S' },
      ],
    },
    mnt: { error: { code: 'permission', message: 'cannot read mountinfo', hint: 'run as root' } },
    uts: { hostname: name, domainname: '(none)' },
    ipc: { shm: [], sem: [], msg: [], mqueue: [] },
    user: { uidMap: [{ inside: 0, outside: 0, count: 4294967295 }], gidMap: [], setgroups: 'allow', parent: null, owner: null },
    cgroup: { hostView: [], nsView: null },
    time: { offsets: [] },
    elapsedMs: 1,
  };
}

function comparison(): Comparison {
  const a = { ...HOST_NS, ipc: 20, mnt: 30, net: 40, pid: 50, uts: 80 };
  const b = { ...HOST_NS, ipc: 21, mnt: 31, net: 40, pid: 51, uts: 81 };
  const empty = { onlyA: [], onlyB: [], changed: [], same: [] };
  return {
    a: inspection('web', a),
    b: inspection('side', b),
    namespaces: matrixRows(a, b),
    diff: {
      net: { ...empty, changed: ['eth0'] },
      pid: empty,
      mnt: empty,
      uts: { ...empty, changed: ['hostname'] },
      ipc: empty,
      user: empty,
      cgroup: empty,
      time: empty,
    },
  } as unknown as Comparison;
}

beforeEach(() => {
  useUi.setState({ a: null, b: null, view: 'compare', locale: 'en' });
  useComparison.getState().clear();
  useTerminals.setState({ tabs: [], active: null, dialogFor: null });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('the comparison view', () => {
  it('asks to pick two containers first', () => {
    setApi(fakeApi().client);
    render(<CompareView />);
    expect(screen.getByText('Pick two containers to compare')).toBeTruthy();
  });

  it('draws the matrix: shared and isolated, equal inodes in one colour, failed sections with their cause', async () => {
    const api = fakeApi({ compare: () => comparison() });
    setApi(api.client);
    useUi.setState({ a: 'web', b: 'side' });
    const { container: root } = render(<CompareView />);
    await screen.findByTestId('matrix');
    expect(api.calls.find((c) => c.channel === 'compare')?.args).toEqual(['web', 'side']);
    const row = (t: string) => root.querySelector(`tr[data-ns="${t}"]`)!;
    expect(row('net').getAttribute('data-shared')).toBe('true');
    expect(row('pid').getAttribute('data-shared')).toBe('false');
    const bg = (t: string, side: string) => (row(t).querySelector(`td[data-side="${side}"] .inode`) as HTMLElement).style.background;
    expect(bg('net', 'a')).toBe(bg('net', 'b'));
    // A namespace seen once is neutral: a colour always means "this one, again".
    expect(bg('pid', 'a')).toBe('var(--ns-own)');
    expect(bg('pid', 'b')).toBe('var(--ns-own)');
    expect(bg('net', 'a')).not.toBe('var(--ns-own)');
    expect(bg('user', 'a')).toBe('var(--ns-host)');
    // Across the whole table (not row by row), one colour is one inode.
    const inodeOf = new Map<string, string>();
    for (const chip of root.querySelectorAll<HTMLElement>('[data-testid="matrix"] .inode')) {
      const color = chip.style.background;
      if (color.startsWith('var(')) continue;
      expect(inodeOf.get(color) ?? chip.dataset.inode, color).toBe(chip.dataset.inode);
      inodeOf.set(color, chip.dataset.inode!);
    }
    expect(inodeOf.size).toBe(1);
    expect(screen.getByText(/4 isolated · 4 shared · 3 with the host/)).toBeTruthy();
    // Net pane: the veth peer and its bridge.
    expect(screen.getAllByText(/on bridge docker0/)).toHaveLength(2);
    expect(screen.getByText(/A and B are in the same net namespace/)).toBeTruthy();
    // A section that could not be read says why and what to do.
    fireEvent.click(root.querySelector('[data-pane="mnt"]')!);
    expect(screen.getAllByText('cannot read mountinfo').length).toBeGreaterThan(0);
    expect(screen.getAllByText('run as root').length).toBeGreaterThan(0);
    fireEvent.click(root.querySelector('[data-pane="uts"]')!);
    expect(screen.getByTestId('hostname-a').textContent).toBe('web');
  });

  it('shows the error with its hint when the comparison fails', async () => {
    setApi(
      fakeApi({
        compare: () =>
          Promise.reject(
            Object.assign(new Error('container web is not running (exited)'), { code: 'not-running', hint: 'start it: docker start web' }),
          ),
      }).client,
    );
    useUi.setState({ a: 'web', b: 'side' });
    render(<CompareView />);
    await screen.findByText('container web is not running (exited)');
    expect(screen.getByText('start it: docker start web')).toBeTruthy();
  });
});

describe('the container list', () => {
  it('lists containers with their state, filters, and picks A and B', async () => {
    setApi(fakeApi().client);
    useContainers.setState({
      loaded: true,
      error: null,
      filter: '',
      hostNs: HOST_NS,
      list: [
        container('web', { pid: 42, namespaces: { ...HOST_NS, net: 40 } }),
        container('side', { namespaces: { ...HOST_NS, net: 40 } }),
        container('old', { state: 'exited', pid: null }),
      ],
    });
    const { container: root } = render(<ContainerList />);
    expect(root.querySelectorAll('[role="listitem"]')).toHaveLength(3);
    expect(root.querySelector('[data-container="web"]')!.textContent).toContain('PID 42');
    expect(root.querySelector('[data-container="web"]')!.textContent).toContain('shares net with side');
    expect((root.querySelector('[data-container="old"] .pick.a') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(root.querySelector('[data-container="web"] .pick.a')!);
    fireEvent.click(root.querySelector('[data-container="side"] .pick.b')!);
    expect([useUi.getState().a, useUi.getState().b]).toEqual(['web', 'side']);
    fireEvent.change(screen.getByPlaceholderText(/Filter/), { target: { value: 'old' } });
    await waitFor(() => expect(root.querySelectorAll('[role="listitem"]')).toHaveLength(1));
  });

  it('shows a pod’s containers together, its sandbox first and marked, and containerd’s namespace', () => {
    setApi(fakeApi().client);
    const pod = { id: 'u1', name: 'web-7f9', namespace: 'shop' };
    const ctd = { namespace: 'k8s.io', snapshotter: 'overlayfs', snapshotKey: 'k', runtime: 'io.containerd.runc.v2' };
    useContainers.setState({
      loaded: true,
      error: null,
      filter: '',
      hostNs: HOST_NS,
      list: [
        container('aaa-app', { engine: 'containerd', containerd: ctd, pod: { ...pod, infra: false } }),
        container('bbb-solo'),
        container('zzz-sandbox', { engine: 'containerd', containerd: ctd, pod: { ...pod, infra: true } }),
      ],
    });
    const { container: root } = render(<ContainerList />);
    const rows = [...root.querySelectorAll('[role="listitem"]')].map((r) => r.getAttribute('data-container'));
    expect(rows).toEqual(['zzz-sandbox', 'aaa-app', 'bbb-solo']);
    expect(root.querySelector('[data-container="zzz-sandbox"] [data-pod]')!.textContent).toBe('pod web-7f9 · sandbox');
    expect(root.querySelector('[data-container="aaa-app"] [data-pod]')!.textContent).toBe('pod web-7f9');
    expect(root.querySelector('[data-container="aaa-app"] [data-engine]')!.textContent).toBe('k8s.io');
    expect(root.querySelector('[data-container="bbb-solo"] [data-pod]')).toBeNull();
    // Started and stopped by their own tools: no action buttons for containerd's.
    expect(root.querySelector('[data-container="aaa-app"] [data-action="stop"]')).toBeNull();
    expect(root.querySelector('[data-container="bbb-solo"] [data-action="stop"]')).not.toBeNull();
  });

  it('says what to do when there is no engine', () => {
    useContainers.setState({
      loaded: true,
      list: [],
      filter: '',
      error: {
        code: 'engine',
        message: 'container engine unreachable: no engine is listening at unix:///var/run/docker.sock',
        hint: 'start the engine',
      },
    });
    render(<ContainerList />);
    expect(screen.getByText('No container engine found')).toBeTruthy();
    expect(screen.getByText(/no engine is listening/)).toBeTruthy();
  });

  it('says what to do without permission', () => {
    useContainers.setState({
      loaded: true,
      list: [],
      filter: '',
      error: { code: 'engine', message: 'container engine unreachable: permission denied on unix:///var/run/docker.sock' },
    });
    render(<ContainerList />);
    expect(screen.getByText('No permission')).toBeTruthy();
    expect(screen.getByText(/usermod -aG docker/)).toBeTruthy();
  });
});

describe('the terminal dialog', () => {
  it('opens a tab with the ticked namespaces, a preset, and the shell', () => {
    useContainers.setState({ list: [container('web'), container('side')] });
    useTerminals.setState({ dialogFor: 'side' });
    const { container: root } = render(<OpenTerminalDialog />);
    fireEvent.click(root.querySelector('[data-preset="net-only"]')!);
    fireEvent.click(root.querySelector('input[data-ns="uts"]')!);
    fireEvent.change(root.querySelector('select[name="shell"]')!, { target: { value: '/bin/sh' } });
    act(() => {
      fireEvent.click(root.querySelector('[data-action="open-terminal"]')!);
    });
    const tab = useTerminals.getState().tabs[0]!;
    expect(tab.spec).toEqual({ container: 'side', kind: 'nsenter', namespaces: ['net', 'uts'], command: ['/bin/sh'] });
    expect(useUi.getState().view).toBe('terminals');
  });
});

describe('pictures', () => {
  it('groups containers that share namespaces of their own, like a pod', () => {
    const ref = (n: string) => ({ id: n, name: n });
    const map = {
      namespaces: [
        { type: 'net', inode: 10, nprocs: 2, pid: 1, command: 'x', containers: [ref('a'), ref('netshare')], isHost: false },
        { type: 'ipc', inode: 11, nprocs: 2, pid: 1, command: 'x', containers: [ref('netshare'), ref('c')], isHost: false },
        { type: 'user', inode: 1, nprocs: 90, pid: 1, command: 'init', containers: [ref('a'), ref('b'), ref('c')], isHost: true },
        { type: 'ipc', inode: 12, nprocs: 1, pid: 1, command: 'x', containers: [ref('b')], isHost: false },
      ],
      scanned: 1,
      unreadable: 0,
      hostPid: 1,
    } as HostMap;
    expect(sharingGroups(map)).toEqual([{ containers: ['a', 'c', 'netshare'], types: ['ipc', 'net'] }]);
  });

  it('lays out bridges, veth host ends and namespaces; focus keeps only A and B', () => {
    const ref = (n: string) => ({ id: n, name: n });
    const topo: Topology = {
      bridges: [
        { name: 'docker0', ifindex: 5, addresses: ['172.17.0.1/16'], state: 'UP' },
        { name: 'br-x', ifindex: 6, addresses: [], state: 'UP' },
      ],
      veths: [
        { name: 'vethA', ifindex: 20, master: 'docker0', peerIfindex: 19, peerNetns: 100, peerName: 'eth0', peerIn: 'container' },
        { name: 'vethC', ifindex: 22, master: 'br-x', peerIfindex: 21, peerNetns: 102, peerName: 'eth0', peerIn: 'container' },
      ],
      netns: [
        { inode: 100, containers: [ref('a'), ref('netshare')], interfaces: [], isHost: false },
        { inode: 102, containers: [ref('c')], interfaces: [], isHost: false },
        { inode: 1, containers: [], interfaces: [], isHost: true },
      ],
    };
    const all = topologyGraph(topo);
    expect(all.nodes.map((n) => n.id).sort()).toEqual(['br:br-x', 'br:docker0', 'ns:100', 'ns:102', 'veth:vethA', 'veth:vethC']);
    expect(all.edges.map((e) => `${e.source}->${e.target}`)).toContain('veth:vethA->ns:100');
    const focus = topologyGraph(topo, { focus: new Set(['netshare']) });
    expect(focus.nodes.map((n) => n.id).sort()).toEqual(['br:docker0', 'ns:100', 'veth:vethA']);
  });

  it("the cgroup pane says why the namespace's own view is unknown", () => {
    const c = comparison();
    const problem = {
      code: 'unsupported',
      message: "the helper image's nsenter (busybox) cannot enter cgroup namespaces",
      hint: 'install util-linux there',
    };
    (c.a as unknown as { cgroup: unknown }).cgroup = { hostView: ['0::/docker/abc'], nsView: null, nsViewError: problem };
    (c.b as unknown as { cgroup: unknown }).cgroup = { hostView: ['0::/docker/def'], nsView: ['0::/'] };
    render(<CgroupPane c={c} names={{ a: 'web', b: 'side' }} shared={false} />);
    expect(screen.getByText(problem.message)).toBeTruthy();
    expect(screen.getByText('install util-linux there')).toBeTruthy();
    expect(screen.getByText('0::/')).toBeTruthy();
    expect(screen.getAllByText('As the container sees it')).toHaveLength(2);
  });
});
