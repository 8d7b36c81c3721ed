import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostHelperClient, helperLaunch } from '../../electron/core/access/host-helper/client.js';
import { NS_TYPES } from '../../shared/model/index.js';
import { PREFIX } from '../support/fixtures.js';
import { waitFor } from '../support/poll.js';
import { rootPodmanUnavailable, startRootPodman, type RootPodman } from '../support/rigs/podman.js';
import { rigSkip } from '../support/rigs/skip.js';
import { nsInode, run } from '../support/sh.js';
import { buildHelper } from '../shell/rig.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const IMG = 'localhost/nsinspect-test:busybox';
const N = {
  plain: `${PREFIX}eng-plain`,
  pod: `${PREFIX}eng-pod`,
  web: `${PREFIX}eng-web`,
  side: `${PREFIX}eng-side`,
  remapped: `${PREFIX}eng-userns`,
};

const skip = rigSkip('Podman as root', rootPodmanUnavailable());

(skip ? describe.skip : describe)('Podman as root, on its own socket and bridge: pods, userns, the host helper', () => {
  let rig: RootPodman;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, '--no-color', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DOCKER_HOST: `unix://${rig.socket}` },
      timeout: 60_000,
    });
  const json = (...args: string[]) => {
    const r = cli(...args, '--json');
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const pidOf = (name: string) => Number(rig.podman('inspect', '-f', '{{.State.Pid}}', name));

  beforeAll(async () => {
    rig = await startRootPodman();
    const sleep = [IMG, 'sleep', '1000000'];
    rig.podman('run', '-d', '--name', N.plain, ...rig.labels, ...sleep);
    rig.podman('pod', 'create', '--name', N.pod, ...rig.labels);
    rig.podman('run', '-d', '--pod', N.pod, '--name', N.web, ...rig.labels, ...sleep);
    rig.podman('run', '-d', '--pod', N.pod, '--name', N.side, ...rig.labels, ...sleep);
    rig.podman('run', '-d', '--uidmap', '0:400000:65536', '--gidmap', '0:400000:65536', '--name', N.remapped, ...rig.labels, ...sleep);
  }, 300_000);
  afterAll(async () => {
    await rig?.stop();
    // Independent: the rig's bridge is gone, the system engine's is untouched.
    expect(spawnSync('ip', ['link', 'show', rig.bridge]).status).not.toBe(0);
    expect(spawnSync('ip', ['link', 'show', 'docker0']).status).toBe(0);
  }, 120_000);

  it("ls groups the pod's containers, infra first, with the pod podman inspect names", () => {
    const j = json('ls');
    const podId = rig.podman('pod', 'inspect', '-f', '{{.Id}}', N.pod);
    const infraId = rig.podman('pod', 'inspect', '-f', '{{.InfraContainerID}}', N.pod);
    const inPod = j.containers.filter((c: { pod?: { id: string } }) => c.pod?.id === podId);
    expect(inPod.map((c: { id: string }) => c.id).sort()).toEqual(
      [infraId, rig.podman('inspect', '-f', '{{.Id}}', N.web), rig.podman('inspect', '-f', '{{.Id}}', N.side)].sort(),
    );
    for (const c of inPod) expect(c.pod).toEqual({ id: podId, name: N.pod, infra: c.id === infraId });
    expect(j.containers.find((c: { name: string }) => c.name === N.plain).pod).toBeUndefined();
    // Human: a POD column, the pod's rows together, the infra container named as such.
    const lines = cli('ls').stdout.split('\n');
    const rows = lines.filter((l) => l.includes(N.pod));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(infraId.slice(0, 12));
    expect(rows[0]).toContain(`${N.pod} (infra)`);
    const at = rows.map((r) => lines.indexOf(r));
    expect(at[2]! - at[0]!).toBe(2);
  });

  it("a pod's containers share net, ipc and uts, as readlink says", () => {
    const c = json('compare', N.web, N.side);
    const [a, b] = [pidOf(N.web), pidOf(N.side)];
    for (const row of c.namespaces) {
      expect(row.a.inode, row.type).toBe(nsInode(a, row.type));
      expect(row.shared, row.type).toBe(nsInode(a, row.type) === nsInode(b, row.type));
    }
    for (const t of ['net', 'ipc', 'uts']) expect(c.namespaces.find((r: { type: string }) => r.type === t).shared, t).toBe(true);
  });

  it('modes.userns comes from the user namespace: private for --uidmap, host for a plain container', () => {
    const j = json('ls');
    const byName = (n: string) => j.containers.find((c: { name: string }) => c.name === n);
    const hostUser = nsInode(process.pid, 'user');
    expect(nsInode(pidOf(N.remapped), 'user')).not.toBe(hostUser);
    expect(byName(N.remapped).namespaces.user).toBe(nsInode(pidOf(N.remapped), 'user'));
    expect(byName(N.remapped).modes.userns).not.toBe('host');
    expect(nsInode(pidOf(N.plain), 'user')).toBe(hostUser);
    expect(byName(N.plain).modes.userns).toBe('host');
  });

  it("--access host-helper reads net, uts and ipc through Podman's socket, not the system engine's", () => {
    const pid = pidOf(N.web);
    const i = json('inspect', N.web, '--access', 'host-helper');
    expect(i.access).toBe('host-helper');
    for (const n of i.namespaces) expect(n.inode, n.type).toBe(nsInode(pid, n.type));
    for (const s of ['net', 'uts', 'ipc']) expect(i[s].error, s).toBeUndefined();
    expect(i.uts.hostname).toBe(run(['nsenter', `--target=${pid}`, '--uts', '--', 'hostname']).trim());
    const names = JSON.parse(run(['nsenter', `--target=${pid}`, '--net', '--', 'ip', '-j', 'addr']))
      .map((x: { ifname: string }) => x.ifname)
      .sort();
    expect(i.net.interfaces.map((x: { name: string }) => x.name).sort()).toEqual(names);
    // eth0's host end hangs on the rig's own bridge.
    expect(i.net.interfaces.find((x: { name: string }) => x.name === 'eth0').peer.master).toBe(rig.bridge);
  });

  it("net through Podman: its pod's veth names the pod's containers, Docker's veths say they are another engine's", () => {
    const out = cli('net').stdout;
    // Independent: the kernel's list of the interfaces on each bridge.
    const on = (bridge: string) => JSON.parse(run(['ip', '-j', 'link', 'show', 'master', bridge])).map((l: { ifname: string }) => l.ifname);
    const rigVeths = on(rig.bridge);
    expect(rigVeths.length).toBeGreaterThan(0);
    const podLine = out.split('\n').find((l) => l.includes(N.web))!;
    expect(rigVeths.some((v: string) => podLine.includes(v))).toBe(true);
    expect(podLine).toContain(N.side);
    const dockerVeths = on('docker0');
    for (const v of dockerVeths) {
      const line = out.split('\n').find((l) => l.includes(`${v} (`));
      expect(line, v).toMatch(/belongs to another engine or to no container/);
    }
  });

  it("a host-helper shell in the pod's uts namespace answers the pod's hostname, asked of Podman", () => {
    const r = cli('shell', N.web, '--access', 'host-helper', '--ns', 'uts', '--', '/bin/hostname');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(run(['nsenter', `--target=${pidOf(N.web)}`, '--uts', '--', 'hostname']).trim());
  });

  describe('the host helper refuses engines it cannot trust', () => {
    let helper: ReturnType<typeof buildHelper>;
    let client: HostHelperClient;
    let fake: ChildProcess | null = null;
    const dir = `/tmp/nsi-eng-hostile-${process.pid}`;
    const probe = (engine: string, container: string, pid: number) =>
      client.request('probe.run', { req: { kind: 'ipAddr', pid }, container, engine }).then(
        () => null,
        (e: Error & { code?: string }) => e,
      );

    /** An engine that answers every inspection with the given container ID and PID, run as uid. */
    async function fakeEngine(socket: string, id: string, pid: number, uid: number): Promise<void> {
      const body = JSON.stringify({ Id: id, Name: '/fake', State: { Running: true, Pid: pid, Status: 'running' } });
      const code = `require('http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end(${JSON.stringify(body)}); }).listen(${JSON.stringify(socket)})`;
      fake?.kill('SIGKILL');
      fake = spawn('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, '-e', code], { stdio: 'ignore' });
      await waitFor(`fake engine on ${socket}`, () => spawnSync('test', ['-S', socket]).status === 0);
    }

    beforeAll(async () => {
      helper = buildHelper();
      process.env.NSINSPECT_HOST_HELPER_SCRIPT = helper.script;
      client = await HostHelperClient.start(helperLaunch());
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { mode: 0o755 });
    }, 120_000);
    afterAll(() => {
      fake?.kill('SIGKILL');
      client?.stop();
      helper?.cleanup();
      delete process.env.NSINSPECT_HOST_HELPER_SCRIPT;
      rmSync(dir, { recursive: true, force: true });
    });

    it('the real engine socket is taken', async () => {
      expect(await probe(rig.socket, N.web, pidOf(N.web))).toBeNull();
    });

    it('a symlink to the engine socket is refused', async () => {
      const link = `${dir}/link.sock`;
      symlinkSync(rig.socket, link);
      const e = await probe(link, N.web, pidOf(N.web));
      expect(e?.message).toMatch(/refused: it leads through a symlink/);
    });

    it('a URL, a relative or an unnormalised path is refused', async () => {
      for (const bad of ['tcp://127.0.0.1:2375', 'tmp/x.sock', `${dir}/../${dir.split('/').pop()}/x.sock`, 42])
        expect((await probe(bad as string, N.web, pidOf(N.web)))?.message, String(bad)).toMatch(/refused|must be a unix socket path/);
    });

    it('a socket in a directory others may write to (not sticky) is refused', async () => {
      const open = `${dir}/open`;
      mkdirSync(open);
      chmodSync(open, 0o777);
      const socket = `${open}/engine.sock`;
      await fakeEngine(socket, rig.podman('inspect', '-f', '{{.Id}}', N.web), pidOf(N.web), 0);
      expect((await probe(socket, N.web, pidOf(N.web)))?.message).toMatch(/its directory .*open can be changed by others/);
    });

    it("a socket made by an unprivileged user, answering a real container's ID, is refused", async () => {
      const own = `${dir}/nobody`;
      mkdirSync(own);
      chownSync(own, 65534, 65534);
      const socket = `${own}/engine.sock`;
      const id = rig.podman('inspect', '-f', '{{.Id}}', N.web);
      await fakeEngine(socket, id, pidOf(N.web), 65534);
      expect((await probe(socket, N.web, pidOf(N.web)))?.message).toMatch(/refused: .*uid 65534/);
    });

    it("a root-owned engine answering a PID that is not the container's: the PID is rejected", async () => {
      const socket = `${dir}/root-fake.sock`;
      const id = rig.podman('inspect', '-f', '{{.Id}}', N.web);
      // This test process: root's, alive, but not in the container's cgroup.
      await fakeEngine(socket, id, process.pid, 0);
      const e = await probe(socket, N.web, process.pid);
      expect(e?.message).toMatch(new RegExp(`PID ${process.pid} (does not belong|no longer belongs) to container`));
      // Independent: the cgroup file of that PID indeed does not name the container.
      expect(run(['cat', `/proc/${process.pid}/cgroup`])).not.toContain(id);
    });
  });

  it('inodes in ls agree with readlink for every container of the rig', () => {
    const j = json('ls');
    for (const name of Object.values(N).filter((n) => n !== N.pod)) {
      const c = j.containers.find((x: { name: string }) => x.name === name);
      const pid = pidOf(name);
      for (const t of NS_TYPES) expect(c.namespaces[t], `${name} ${t}`).toBe(nsInode(pid, t));
    }
  });
});
