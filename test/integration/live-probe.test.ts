// Live updates at scale (issue 12 §3): with N containers, an event costs probe processes for what
// it changed, not for every container; the topology is not re-read per request; and clients
// comparing at once share one probe per namespace. Counted with a counting access wrapper around
// the real (direct) backend, checked against `readlink /proc/PID/ns/net` and `ip -j` run here.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { DirectAccess } from '../../electron/core/access/direct.js';
import { openConnection } from '../../electron/core/api/connection.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { INSPECTION_FRESH_MS } from '../../electron/core/probe-cache.js';
import { NsInspectService } from '../../electron/core/service.js';
import { buildTopology, freshInterfaces } from '../../electron/core/topology.js';
import type { ContainerEvent } from '../../shared/model/index.js';
import { CountingAccess } from '../support/counting-access.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE, LABEL, LABEL_KEY, NETWORK, RUN_ID } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

const N = Number(process.env.NSINSPECT_LIVE_N ?? 40);
const NAME = `nsi-live-${RUN_ID}-`;
const OWNER = `${LABEL_KEY}.owner=${process.env.NSINSPECT_FIXTURE_OWNER ?? process.pid}`;
const labels = ['--label', LABEL, '--label', OWNER];

function removeMine(): void {
  const ids = docker('ps', '-aq', '--filter', `name=${NAME}`).split('\n').filter(Boolean);
  if (ids.length) tryRun(['docker', 'rm', '-f', ...ids]);
}

describeWithEngine(`live probe work with ${N} more containers`, () => {
  // The first topology reads every namespace on the engine (hundreds on a shared CI host).
  vi.setConfig({ testTimeout: 180_000 });
  let engine: Engine;
  let counting: CountingAccess;
  let svc: NsInspectService;
  const events: ContainerEvent[] = [];
  let off: () => void;

  beforeAll(async () => {
    removeMine();
    const ids = Array.from({ length: N }, (_, i) => docker('create', '--name', `${NAME}${i}`, ...labels, IMAGE, 'sleep', '1000000'));
    // One CLI call starts them all: cheaper than N `docker run`.
    for (let i = 0; i < ids.length; i += 20) docker('start', ...ids.slice(i, i + 20));
    engine = new Engine(undefined, { live: true });
    counting = new CountingAccess(new DirectAccess());
    svc = new NsInspectService(engine, counting);
    off = svc.onContainers((e) => events.push(e));
    await engine.start();
  });
  afterAll(async () => {
    off?.();
    await svc?.close();
    removeMine();
  });

  const names = (e: ContainerEvent) => (e.kind === 'removed' ? e.id : e.container.name);
  /**
   * ip processes run for our containers' namespaces (other test files share this engine, and
   * their events rightly cost reads of their own containers and of the host).
   */
  const oursRead = (except: string[] = []) => {
    const pids = new Set(
      docker('ps', '-q', '--filter', `name=${NAME}`)
        .split('\n')
        .filter(Boolean)
        .map((id) => containerPid(id)),
    );
    for (const n of except) pids.delete(containerPid(n));
    return counting.runs.filter((r) => r.kind === 'ipAddr' && pids.has(r.pid)).length;
  };
  const hostReads = async () => {
    const pid = (await svc.prober.hostReference()).pid;
    return counting.runs.filter((r) => r.kind === 'ipAddr' && r.pid === pid).length;
  };

  it('the topology: read once, then per event only the host and the namespaces that changed', async () => {
    const first = await svc.topology();
    const netnsCount = first.netns.filter((n) => !n.isHost).length;
    expect(netnsCount).toBeGreaterThanOrEqual(N);
    // Before: every request read every namespace (the one-shot path still does, as the old live one did).
    counting.reset();
    const host = await svc.prober.hostReference();
    const withInodes = await svc.listContainers();
    await buildTopology(freshInterfaces(counting), host, withInodes);
    const perRequestBefore = counting.count('ipAddr');
    expect(perRequestBefore).toBeGreaterThanOrEqual(N + 1);
    expect(oursRead()).toBe(N);

    // Now: a second request with nothing changed reads none of ours again.
    counting.reset();
    await svc.topology();
    expect(oursRead()).toBe(0);
    expect(await hostReads()).toBeLessThanOrEqual(1);

    // docker run: the host (its new veth) and the new namespace, nothing else.
    counting.reset();
    const extra = `${NAME}extra`;
    docker('run', '-d', '--name', extra, ...labels, IMAGE, 'sleep', '1000000');
    await waitFor('the new container to come as an event', () => events.some((e) => names(e) === extra && e.kind !== 'removed'));
    const after = await svc.topology();
    const perEventAfter = counting.count('ipAddr');
    // The new namespace once, the host once, none of our other N.
    expect(oursRead([extra])).toBe(0);
    expect(oursRead()).toBe(1);
    expect(await hostReads()).toBe(1);
    const pid = containerPid(extra);
    const mine = after.netns.find((n) => n.containers.some((c) => c.name === extra));
    expect(mine?.inode).toBe(nsInode(pid, 'net'));
    // Its veth peer is on the host, as `ip -j link` here says.
    const hostLinks = JSON.parse(run(['ip', '-j', 'link', 'show', 'type', 'veth'])) as { ifname: string; link_index?: number }[];
    const eth0 = mine!.interfaces.find((i) => i.name === 'eth0')!;
    expect(after.veths.find((v) => v.peerNetns === mine!.inode)?.name).toBe(hostLinks.find((l) => l.link_index === eth0.ifindex)?.ifname);
    console.log(
      `[live-probe] ${netnsCount} network namespaces on the engine (${N} ours): ip processes per topology request before ${perRequestBefore}; after a docker run ${perEventAfter} (host 1, new namespace 1, other tests' events included)`,
    );
  });

  it('docker network connect (no container event) reaches the topology: that namespace is read again, alone', async () => {
    const target = `${NAME}3`;
    await svc.topology();
    counting.reset();
    events.length = 0;
    docker('network', 'connect', NETWORK, target);
    try {
      await waitFor('the change to come as an event', () => events.some((e) => names(e) === target));
      const t = await svc.topology();
      expect(oursRead([target])).toBe(0);
      expect(oursRead()).toBe(1);
      const pid = containerPid(target);
      const inside = JSON.parse(run(['nsenter', '-t', String(pid), '-n', 'ip', '-j', 'addr'])) as { ifname: string }[];
      const ns = t.netns.find((n) => n.inode === nsInode(pid, 'net'))!;
      expect(ns.interfaces.map((i) => i.name).sort()).toEqual(inside.map((i) => i.ifname).sort());
      expect(ns.interfaces.length).toBe(3); // lo, eth0, eth1
    } finally {
      tryRun(['docker', 'network', 'disconnect', NETWORK, target]);
    }
  });

  it('events carry the namespace inodes the list shows, read for the changed container only', async () => {
    const target = `${NAME}5`;
    events.length = 0;
    counting.reset();
    docker('restart', '-t', '0', target);
    const started = await waitFor('the restarted container as an event', () =>
      events.find((e) => e.kind !== 'removed' && e.container.name === target && e.container.pid === containerPid(target)),
    );
    const c = started.kind !== 'removed' ? started.container : null;
    expect(c?.namespaces?.net).toBe(nsInode(containerPid(target), 'net'));
    expect(c?.namespaces?.pid).toBe(nsInode(containerPid(target), 'pid'));
    // The other containers' namespaces were not read again (other tests' containers on this
    // engine may have had events of their own meanwhile: only ours are counted).
    const others = new Set(
      docker('ps', '-q', '--no-trunc', '--filter', `name=${NAME}`)
        .split('\n')
        .filter(Boolean)
        .map((id) => containerPid(id))
        .filter((p) => p !== containerPid(target)),
    );
    expect(others.size).toBeGreaterThanOrEqual(N - 1);
    expect(counting.links.filter((l) => others.has(Number(l.split('/')[2])))).toEqual([]);
    expect(counting.links.filter((l) => l.startsWith(`/proc/${containerPid(target)}/`)).length).toBeGreaterThan(0);
    expect(counting.runs).toEqual([]);
  });

  it('a burst of events, then several clients asking for the topology: one build, after the burst', async () => {
    await svc.topology();
    counting.reset();
    const targets = [0, 1, 2, 3].map((i) => `${NAME}${10 + i}`);
    events.length = 0;
    docker('restart', '-t', '0', ...targets);
    // Four clients ask while the events are still coming: they wait for the burst to settle and share one build.
    const asked = await Promise.all([0, 1, 2, 3].map(() => svc.topology()));
    expect(new Set(asked).size).toBe(1);
    await waitFor('the restarts as events', () => targets.every((n) => events.some((e) => e.kind !== 'removed' && e.container.name === n)));
    const t = await svc.topology();
    for (const n of targets)
      expect(t.netns.find((x) => x.containers.some((c) => c.name === n))?.inode, n).toBe(nsInode(containerPid(n), 'net'));
    // Each restarted namespace read at most once per build (two builds: the burst's and this one), none of the others.
    expect(oursRead(targets)).toBe(0);
    expect(oursRead()).toBeLessThanOrEqual(2 * targets.length);
  });

  it('two clients comparing at once: one probe per namespace, not one per client', async () => {
    const emit = () => undefined;
    const c1 = openConnection(svc, null, emit);
    const c2 = openConnection(svc, null, emit);
    try {
      await new Promise((r) => setTimeout(r, INSPECTION_FRESH_MS + 50));
      counting.reset();
      const [x, y] = await Promise.all([c1.call('compare', [FIXTURES.a, FIXTURES.b]), c2.call('compare', [FIXTURES.a, FIXTURES.b])]);
      expect(x).toEqual(y);
      // One netBatch and one kernelViews per container, for both clients together.
      expect(counting.count('netBatch')).toBe(2);
      expect(counting.count('kernelViews')).toBe(2);
      const pa = containerPid(FIXTURES.a);
      expect((x as { a: { namespaces: { type: string; inode: number }[] } }).a.namespaces.find((n) => n.type === 'net')?.inode).toBe(
        nsInode(pa, 'net'),
      );
      // Shared for a moment only: later, the processes are read again.
      await new Promise((r) => setTimeout(r, INSPECTION_FRESH_MS + 50));
      counting.reset();
      await c1.call('compare', [FIXTURES.a, FIXTURES.b]);
      expect(counting.count('netBatch')).toBe(2);
    } finally {
      await c1.close();
      await c2.close();
    }
  });
});
