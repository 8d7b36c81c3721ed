import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container, ContainerEvent, HostMap, Comparison, FileLocation } from '../../shared/model/index.js';
import { DirectAccess } from '../../electron/core/access/direct.js';
import { ContainerdEngine } from '../../electron/core/engine/containerd/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { AskpassBroker } from '../../electron/core/api/askpass-broker.js';
import { hostContexts } from '../../electron/core/hosts/contexts.js';
import { openHostsConnection } from '../../electron/core/hosts/connection.js';
import { HostSet } from '../../electron/core/hosts/host-set.js';
import { hostStacks } from '../../electron/core/hosts/runtime.js';
import { describeWithEngine } from '../support/engine.js';
import { waitFor } from '../support/poll.js';
import {
  CTD,
  CTD_SOCKET,
  ContainerdRig,
  FILE_IN_APP,
  K8S_NS,
  NERDCTL_NS,
  POD,
  containerdMissing,
  ctr,
  ctrTaskPid,
} from '../support/rigs/containerd.js';
import { FIXTURES } from '../support/fixtures.js';
import { nsInode, run } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const ENV = { ...process.env, CONTAINERD_ADDRESS: CTD_SOCKET };

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: ENV, input: '', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function cliJson<T>(...args: string[]): T {
  const r = cli(...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** The labels `ctr containers info` shows: an independent reading of what containerd holds. */
function ctrLabels(ns: string, id: string): Record<string, string> {
  return (JSON.parse(ctr(ns, 'containers', 'info', id)) as { Labels: Record<string, string> }).Labels;
}

const missing = containerdMissing();
const describeCtd =
  missing && process.env.NSINSPECT_REQUIRE_DOCKER !== '1'
    ? (n: string, f: () => void) => describe.skip(`${n} (skipped: ${missing})`, f)
    : describeWithEngine;

describeCtd('containerd: pods and nerdctl containers through containerd’s gRPC API', () => {
  const rig = new ContainerdRig();
  const pid: Record<keyof typeof CTD, number> = { sandbox: 0, app: 0, sidecar: 0, solo: 0 };

  beforeAll(async () => {
    try {
      await rig.start();
    } catch (e) {
      await rig.stop().catch(() => undefined);
      throw e;
    }
    pid.sandbox = ctrTaskPid(K8S_NS, CTD.sandbox);
    pid.app = ctrTaskPid(K8S_NS, CTD.app);
    pid.sidecar = ctrTaskPid(K8S_NS, CTD.sidecar);
    pid.solo = ctrTaskPid(NERDCTL_NS, CTD.solo);
  }, 180_000);
  afterAll(() => rig.stop(), 120_000);

  it('ls --engine containerd: every namespace, the task PIDs ctr lists, the namespaces readlink reads, the labels ctr shows', () => {
    const { containers, engine } = cliJson<{ containers: Container[]; engine: { endpoint: string; source: string } }>(
      'ls',
      '--engine',
      'containerd',
    );
    expect(engine).toMatchObject({ endpoint: `unix://${CTD_SOCKET}`, source: 'CONTAINERD_ADDRESS' });
    expect(containers.map((c) => c.name).sort()).toEqual(Object.values(CTD).sort());
    for (const [key, id] of Object.entries(CTD) as Array<[keyof typeof CTD, string]>) {
      const c = containers.find((x) => x.id === id)!;
      const ns = key === 'solo' ? NERDCTL_NS : K8S_NS;
      expect(c, id).toMatchObject({
        engine: 'containerd',
        state: 'running',
        pid: pid[key],
        image: 'docker.io/library/nsinspect-test:busybox',
      });
      expect(c.containerd, id).toMatchObject({ namespace: ns, snapshotter: 'overlayfs', snapshotKey: id });
      expect(c.labels, id).toEqual(ctrLabels(ns, id));
      for (const t of ['net', 'ipc', 'uts', 'mnt', 'pid'] as const) expect(c.namespaces?.[t], `${id} ${t}`).toBe(nsInode(pid[key], t));
    }
  });

  it('as a second host of a window beside Docker: offered, opened, listed by its host, compared on one kernel', async () => {
    const saved = process.env.CONTAINERD_ADDRESS;
    process.env.CONTAINERD_ADDRESS = CTD_SOCKET;
    const askpass = new AskpassBroker();
    const hosts = new HostSet(hostStacks({ askpass, initial: { access: 'direct' } }), () => hostContexts());
    try {
      hosts.open(null);
      const state = hosts.state();
      expect(state.contexts.find((c) => c.name === 'containerd')).toMatchObject({ engine: 'containerd', endpoint: `unix://${CTD_SOCKET}` });
      hosts.open('containerd');
      const conn = openHostsConnection(hosts, () => undefined, askpass);
      try {
        const list = await waitFor(
          'the containerd host’s containers in the list',
          async () => {
            const l = (await conn.call('listContainers', [])) as Container[];
            return l.some((c) => c.name === CTD.solo) ? l : undefined;
          },
          30_000,
        );
        const solo = list.find((c) => c.name === CTD.solo)!;
        expect(solo.host).toMatchObject({ key: 'containerd', kernel: 'local' });
        expect(list.find((c) => c.name === FIXTURES.a)?.host?.key).not.toBe('containerd');
        const cmp = (await conn.call('compare', [FIXTURES.a, `containerd/${CTD.solo}`])) as Comparison;
        const aPid = Number(run(['docker', 'inspect', '-f', '{{.State.Pid}}', FIXTURES.a]).trim());
        for (const row of cmp.namespaces) {
          expect(row.differentHosts, row.type).toBeUndefined();
          expect(row.a.inode, row.type).toBe(nsInode(aPid, row.type));
          expect(row.b.inode, row.type).toBe(nsInode(pid.solo, row.type));
          expect(row.shared, row.type).toBe(nsInode(aPid, row.type) === nsInode(pid.solo, row.type));
        }
      } finally {
        await conn.close();
      }
    } finally {
      await hosts.closeAll();
      if (saved === undefined) delete process.env.CONTAINERD_ADDRESS;
      else process.env.CONTAINERD_ADDRESS = saved;
    }
  });

  it('pods are first-class: grouped, the sandbox marked, its containers in its net/ipc/uts', () => {
    const { containers } = cliJson<{ containers: Container[] }>('ls', '--engine', 'containerd');
    const byId = new Map(containers.map((c) => [c.id, c]));
    expect(byId.get(CTD.sandbox)?.pod).toEqual({ id: POD.uid, name: POD.name, namespace: POD.namespace, infra: true });
    for (const id of [CTD.app, CTD.sidecar])
      expect(byId.get(id)?.pod).toEqual({ id: POD.uid, name: POD.name, namespace: POD.namespace, infra: false });
    expect(byId.get(CTD.solo)?.pod).toBeUndefined();
    expect(byId.get(CTD.app)?.modes).toMatchObject({
      network: `path:/var/run/netns/${POD.netns}`,
      ipc: `path:/proc/${pid.sandbox}/ns/ipc`,
    });

    const human = cli('ls', '--engine', 'containerd', '--no-color');
    expect(human.code, human.stderr).toBe(0);
    const rows = human.stdout.split('\n').filter((l) => l.startsWith('containerd:'));
    // The pod's rows together, its sandbox first; the nerdctl container after.
    expect(rows.map((r) => r.split(/\s{2,}/)[2])).toEqual([CTD.sandbox, ...[CTD.app, CTD.sidecar].sort(), CTD.solo]);
    expect(rows[0]).toContain(`${POD.namespace}/${POD.name} (sandbox)`);
  });

  it('compare of two pod containers: net, ipc and uts shared (as readlink says), mnt and pid not', () => {
    const c = cliJson<Comparison>('compare', CTD.app, CTD.sidecar, '--engine', 'containerd');
    for (const n of c.namespaces) {
      const same = nsInode(pid.app, n.type) === nsInode(pid.sidecar, n.type);
      expect(n.shared, n.type).toBe(same);
    }
    const shared = c.namespaces.filter((n) => n.shared).map((n) => n.type);
    expect(shared).toEqual(expect.arrayContaining(['net', 'ipc', 'uts']));
    expect(shared).not.toContain('mnt');
    expect(shared).not.toContain('pid');
  });

  it('map: the pod’s namespaces are attributed "pod web-7f9 / container app" and to its sandbox', () => {
    const m = cliJson<HostMap>('map', '--engine', 'containerd');
    const net = m.namespaces.find((n) => n.type === 'net' && n.inode === nsInode(pid.app, 'net'))!;
    expect(net.containers.map((c) => c.name).sort()).toEqual([CTD.app, CTD.sidecar, CTD.sandbox].sort());
    expect(net.containers.find((c) => c.id === CTD.app)).toMatchObject({
      engine: 'containerd',
      pod: { name: POD.name, infra: false, container: 'app' },
    });
    const human = cli('map', '--engine', 'containerd', '--no-color').stdout;
    const line = human.split('\n').find((l) => l.startsWith('net') && l.includes(String(net.inode)))!;
    expect(line).toContain(`pod ${POD.name} / container app`);
    expect(line).toContain(`pod ${POD.name} / sandbox`);
    const mnt = m.namespaces.find((n) => n.type === 'mnt' && n.inode === nsInode(pid.solo, 'mnt'))!;
    expect(mnt.containers).toEqual([{ id: CTD.solo, name: CTD.solo, engine: 'containerd' }]);
  });

  it('where: a file in the container’s own snapshot, found on the host where its bytes are', () => {
    const l = cliJson<FileLocation>('where', CTD.app, FILE_IN_APP, '--engine', 'containerd');
    expect(l).toMatchObject({ exists: true, layer: 'upper' });
    expect(l.hostPath).toMatch(/^\/tmp\/nsi-ctd\/root\/io\.containerd\.snapshotter\.v1\.overlayfs\/snapshots\/\d+\/fs\/nsi-ctd-app\.txt$/);
    expect(readFileSync(l.hostPath!, 'utf8')).toBe('pod-file\n');
    // The upper directory is the one the kernel mounted for the task.
    const root = readFileSync(`/proc/${pid.app}/mountinfo`, 'utf8')
      .split('\n')
      .find((x) => x.split(' ')[4] === '/')!;
    expect(root).toContain(`upperdir=${l.hostPath!.slice(0, -FILE_IN_APP.length)}`);
    const lower = cliJson<FileLocation>('where', CTD.solo, '/bin/busybox', '--engine', 'containerd');
    expect(lower).toMatchObject({ exists: true, layer: 'lower' });
    const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(digest(lower.hostPath!)).toBe(digest(`/proc/${pid.solo}/root/bin/busybox`));
  });

  it('shell: nsenter through the task’s PID answers the pod’s hostname; a whole-container shell is refused unless --unconfined', () => {
    const uts = cli('shell', CTD.app, '--engine', 'containerd', '--ns', 'uts,net', '--', 'hostname');
    expect(uts.code, uts.stderr).toBe(0);
    expect(uts.stdout.trim()).toBe(run(['nsenter', '-t', String(pid.sandbox), '-u', 'hostname']).trim());
    expect(uts.stdout.trim()).toBe(POD.hostname);

    const whole = cli('shell', CTD.app, '--engine', 'containerd', '--', 'hostname');
    expect(whole.code).toBe(1);
    expect(whole.stderr).toMatch(/cannot be confined here: containerd has no exec/);
    expect(whole.stderr).toMatch(/--unconfined/);

    const unconfined = cli(
      'shell',
      CTD.app,
      '--engine',
      'containerd',
      '--unconfined',
      '--',
      'sh',
      '-c',
      'hostname; readlink /proc/1/ns/pid',
    );
    expect(unconfined.code, unconfined.stderr).toBe(0);
    expect(unconfined.stderr).toMatch(/UNCONFINED/);
    const [host, pidns] = unconfined.stdout.trim().split('\n');
    expect(host).toBe(POD.hostname);
    expect(pidns).toBe(run(['readlink', `/proc/${pid.app}/ns/pid`]).trim());

    const exec = cli('shell', CTD.app, '--engine', 'containerd', '--exec', '--', 'hostname');
    expect(exec.code).not.toBe(0);
    expect(exec.stderr).toMatch(/containerd container: there is no engine exec/);
  });

  it('events: a container ctr creates appears in the live service list, with its task PID; removed, it goes', async () => {
    const engine = new ContainerdEngine({ url: `unix://${CTD_SOCKET}`, source: 'option', reason: 'test rig' });
    const service = new NsInspectService(engine, new DirectAccess());
    const events: ContainerEvent[] = [];
    const off = service.onContainers((e) => events.push(e));
    const id = 'nsi-ctd-late';
    try {
      await engine.start();
      expect(engine.list().some((c) => c.id === id)).toBe(false);
      rig.runCtr(NERDCTL_NS, id, []);
      const taskPid = ctrTaskPid(NERDCTL_NS, id);
      await waitFor('the new task in the list', () =>
        events.some((e) => e.kind !== 'removed' && e.container.id === id && e.container.pid === taskPid),
      );
      const listed = (await service.listContainers()).find((c) => c.id === id);
      expect(listed).toMatchObject({ state: 'running', pid: taskPid, containerd: { namespace: NERDCTL_NS } });
      expect(listed?.namespaces?.net).toBe(nsInode(taskPid, 'net'));
      expect(await engine.taskPids(id)).toEqual([taskPid]);
      ctr(NERDCTL_NS, 'tasks', 'kill', '-s', 'SIGKILL', id);
      await waitFor('exited', () => engine.list().find((c) => c.id === id)?.state === 'exited');
      ctr(NERDCTL_NS, 'tasks', 'delete', id);
      ctr(NERDCTL_NS, 'containers', 'delete', id);
      await waitFor('removed', () => events.some((e) => e.kind === 'removed' && e.id === id));
      expect(engine.list().some((c) => c.id === id)).toBe(false);
    } finally {
      off();
      await service.close();
    }
  });

  it('start/stop/remove are refused for containerd’s containers, which stay as they were', async () => {
    const service = new NsInspectService(
      new ContainerdEngine({ url: `unix://${CTD_SOCKET}`, source: 'option', reason: 'test rig' }, { live: false }),
      new DirectAccess(),
    );
    try {
      await expect(service.containerAction(CTD.app, 'stop')).rejects.toThrow(
        /containerd container: nsinspect does not stop containers through containerd/,
      );
      await expect(service.containerAction(CTD.solo, 'remove')).rejects.toThrow(/does not remove/);
    } finally {
      await service.close();
    }
    expect(ctrTaskPid(K8S_NS, CTD.app)).toBe(pid.app);
    expect(ctrTaskPid(NERDCTL_NS, CTD.solo)).toBe(pid.solo);
  });

  it('live: containerd restarted, the engine says unreachable with what to do, then reconnects by itself', async () => {
    const engine = new ContainerdEngine({ url: `unix://${CTD_SOCKET}`, source: 'option', reason: 'test rig' });
    const states: string[] = [];
    engine.on('state', (s) => states.push(s.status));
    try {
      await engine.start();
      await rig.stopDaemon();
      const lost = await waitFor('unreachable', () => (engine.state.status === 'unreachable' ? engine.state : undefined));
      expect(lost.message).toMatch(/containerd unreachable/);
      expect(lost.hint).toMatch(/start containerd|CONTAINERD_ADDRESS/);
      await rig.startDaemon();
      await waitFor('reconnected', () => engine.state.status === 'connected', 30_000);
      // The tasks outlived containerd: the same PIDs, as ctr lists them now.
      expect(engine.list().find((c) => c.id === CTD.app)?.pid).toBe(ctrTaskPid(K8S_NS, CTD.app));
      expect(states).toEqual(expect.arrayContaining(['unreachable', 'connected']));
    } finally {
      await engine.stop();
    }
  }, 60_000);

  it('--engine all: Docker’s and containerd’s containers in one list and one map', () => {
    // As Docker keeps its own when it runs on the system containerd.
    rig.importImage('moby');
    ctr('moby', 'containers', 'create', 'docker.io/library/nsinspect-test:busybox', 'nsi-ctd-moby');
    const { containers, engine } = cliJson<{ containers: Container[]; engine: { endpoint: string } }>('ls', '--engine', 'all');
    expect(engine.endpoint).toContain(`unix://${CTD_SOCKET}`);
    // The Docker fixtures stand for Docker's containers (others on this machine may come and go).
    const dockerIds = [FIXTURES.a, FIXTURES.b].map((f) => run(['docker', 'inspect', '-f', '{{.Id}}', f]).trim());
    for (const id of dockerIds) expect(containers.find((c) => c.id === id)?.engine, id).toBe('docker');
    for (const id of Object.values(CTD)) expect(containers.find((c) => c.id === id)?.engine, id).toBe('containerd');
    const m = cliJson<HostMap>('map', '--engine', 'all');
    const dockerPid = Number(run(['docker', 'inspect', '-f', '{{.State.Pid}}', dockerIds[0]!]).trim());
    const dockerNet = m.namespaces.find((n) => n.type === 'net' && n.inode === nsInode(dockerPid, 'net'))!;
    expect(dockerNet.containers.some((c) => c.id === dockerIds[0])).toBe(true);
    expect(dockerNet.containers.every((c) => c.engine !== 'containerd')).toBe(true);
    const podNet = m.namespaces.find((n) => n.type === 'net' && n.inode === nsInode(pid.app, 'net'))!;
    expect(podNet.containers.every((c) => c.engine === 'containerd')).toBe(true);
    // A container of each engine, compared: each resolved by the engine that holds it.
    const cross = cliJson<Comparison>('compare', FIXTURES.a, CTD.app, '--engine', 'all');
    expect(cross.b.target.kind === 'container' && cross.b.target.container.engine).toBe('containerd');
    for (const n of cross.namespaces) expect(n.b.inode, n.type).toBe(nsInode(pid.app, n.type));
    // Docker's containers on the system containerd (namespace moby) are Docker's: listed once.
    expect(containers.some((c) => c.containerd?.namespace === 'moby')).toBe(false);
    expect(
      cliJson<{ containers: Container[] }>('ls', '--engine', 'containerd').containers.find((c) => c.id === 'nsi-ctd-moby')?.containerd
        ?.namespace,
    ).toBe('moby');
    // Each engine's own choice still names only its own.
    const dockerOnly = cliJson<{ containers: Container[] }>('ls', '--engine', 'docker').containers;
    expect(dockerOnly.some((c) => c.engine === 'containerd')).toBe(false);
  });

  it('hostile labels (escape sequences in the name nerdctl gives) reach the JSON intact and the terminal escaped', () => {
    const id = 'nsi-ctd-hostile';
    const evil = '\x1b]0;pwned\x07\x1b[31mred';
    ctr(
      NERDCTL_NS,
      'containers',
      'create',
      '--label',
      `nerdctl/name=${evil}`,
      '--label',
      `note=${evil}`,
      'docker.io/library/nsinspect-test:busybox',
      id,
    );
    try {
      const { containers } = cliJson<{ containers: Container[] }>('ls', '--engine', 'containerd');
      const c = containers.find((x) => x.id === id)!;
      expect(c).toMatchObject({ name: evil, state: 'created', pid: null, labels: ctrLabels(NERDCTL_NS, id) });
      const human = cli('ls', '--engine', 'containerd', '--no-color');
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).not.toContain('\x1b');
      expect(human.stdout).not.toContain('\x07');
    } finally {
      ctr(NERDCTL_NS, 'containers', 'delete', id);
    }
  });

  it('a containerd that accepts and never answers: the CLI says so after the deadline and exits', async () => {
    const { createServer } = await import('node:net');
    const path = `${CTD_SOCKET}.hang`;
    // Reads what it is sent (so that it sees the CLI go) and never answers.
    const server = createServer((s) => void s.resume());
    await new Promise<void>((r) => server.listen(path, r));
    try {
      const started = Date.now();
      // Async: this process must keep accepting while the CLI waits.
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [BIN, 'ls', '--engine', 'containerd'], {
        env: { ...process.env, CONTAINERD_ADDRESS: path, NSINSPECT_ENGINE_TIMEOUT_MS: '1000' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      clearTimeout(timer);
      expect(code, stderr).toBe(3);
      expect(stderr).toMatch(/containerd did not answer for the namespace list within 1 s/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('an unreachable containerd is an engine error naming the socket, exit 3', () => {
    const r = spawnSync(process.execPath, [BIN, 'ls', '--engine', 'containerd'], {
      encoding: 'utf8',
      env: { ...process.env, CONTAINERD_ADDRESS: '/tmp/nsi-ctd/nothing.sock' },
      timeout: 30_000,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/containerd unreachable: unix:\/\/\/tmp\/nsi-ctd\/nothing\.sock/);
  });
});
