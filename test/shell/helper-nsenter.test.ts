import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHELL_PRESETS } from '../../shared/api/shell.js';
import { NS_TYPES, isFailed, type CgroupSection, type UtsSection } from '../../shared/model/index.js';
import { Backends, createAccess } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectError } from '../../electron/core/errors.js';
import { NsInspectService } from '../../electron/core/service.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';
import { Collector, OWN_LABEL, parseNsLines, sweepOwn } from './rig.js';

const READ_NS = ['sh', '-c', `for t in ${NS_TYPES.join(' ')}; do readlink /proc/self/ns/$t; done`];
const host = (t: string) => nsInode(2, t);

/** The cgroup namespace view, read independently: the host's util-linux nsenter. */
const nsViewOnHost = (pid: number) =>
  run(['nsenter', '-t', String(pid), '-C', 'cat', `/proc/${pid}/cgroup`])
    .split('\n')
    .filter(Boolean);

interface Rig {
  engine: Engine;
  backends: Backends;
  m: ShellManager;
  col: Collector;
  svc: NsInspectService;
  stop(): Promise<void>;
}

/** A docker-helper (the local busybox test image) for the shells and the probe, with the given nsenter choice. */
async function rig(helperNsenter: 'auto' | 'image'): Promise<Rig> {
  const engine = new Engine();
  const backends = new Backends(engine, IMAGE, { helperNsenter });
  const m = new ShellManager({ engine, backends });
  const col = new Collector(m);
  await engine.start();
  const svc = new NsInspectService(engine, await createAccess({ kind: 'docker-helper', engine, backends }));
  return {
    engine,
    backends,
    m,
    col,
    svc,
    async stop() {
      await m.dispose();
      await svc.close();
      await backends.close();
      await engine.stop();
    },
  };
}

describeWithEngine("docker-helper: cgroup namespaces through the host's util-linux nsenter, busybox fallback", () => {
  const name = `nsi-cgns-${process.pid}`;
  let pid: number;

  beforeAll(() => {
    sweepOwn();
    tryRun(['docker', 'rm', '-f', name]);
    docker('run', '-d', '--name', name, '--cgroupns', 'private', '--hostname', 'cgns', '--label', OWN_LABEL, IMAGE, 'sleep', '1000000');
    pid = containerPid(name);
    // Without its own cgroup namespace the tests below would prove nothing.
    expect(nsInode(pid, 'cgroup'), 'the container has a private cgroup namespace').not.toBe(host('cgroup'));
  });
  afterAll(() => {
    tryRun(['docker', 'rm', '-f', name]);
  });

  describe("default: the host's util-linux nsenter", () => {
    let r: Rig;
    beforeAll(async () => {
      r = await rig('auto');
    });
    afterAll(async () => {
      await r?.stop();
    });

    it("the helper found the host's nsenter", async () => {
      const h = await r.backends.dockerHelper();
      expect(h.flavor, h.flavorWhy).toBe('host-util-linux');
      expect(['/usr/bin/nsenter', '/bin/nsenter', '/usr/sbin/nsenter']).toContain(h.hostNsenter);
    });

    it("a host-side shell with cgroup ticked enters the container's cgroup namespace; the rest stay the host's", async () => {
      // Not the whole container (that is the engine's exec): the helper's own nsenter runs this one.
      const namespaces = ['cgroup', 'net', 'pid', 'uts'] as const;
      const s = await r.m.open({
        container: name,
        kind: 'nsenter',
        namespaces: [...namespaces],
        command: READ_NS,
        cols: 80,
        rows: 24,
        access: 'docker-helper',
      });
      expect(s.confinement).toBe('host-root');
      expect(s.namespaces).toContain('cgroup');
      expect(await r.col.end(s.id)).toEqual({ reason: 'exited', code: 0, signal: null });
      const got = parseNsLines(r.col.text.get(s.id)!);
      expect(got.cgroup, 'cgroup inside the shell').toBe(nsInode(pid, 'cgroup'));
      for (const t of NS_TYPES)
        expect(got[t], `${t} inside the shell`).toBe((namespaces as readonly string[]).includes(t) ? nsInode(pid, t) : host(t));
    });

    it("a shell as another user, in a working directory, still works through the host's nsenter", async () => {
      const s = await r.m.open({
        container: name,
        kind: 'nsenter',
        namespaces: ['mnt', 'pid', 'cgroup'],
        unconfined: true,
        command: ['sh', '-c', 'id -u; pwd; cat /proc/1/cgroup'],
        user: 'nobody',
        cwd: '/tmp',
        cols: 80,
        rows: 24,
        access: 'docker-helper',
      });
      expect(await r.col.end(s.id), r.col.text.get(s.id)).toMatchObject({ reason: 'exited', code: 0 });
      const lines = r.col.text.get(s.id)!.split(/\r?\n/).filter(Boolean);
      expect(lines[0]).toBe('65534');
      expect(lines[1]).toBe('/tmp');
      expect(lines.slice(2)).toEqual(nsViewOnHost(pid));
    });

    it("inspect reports the cgroup namespace's own view, as util-linux nsenter on the host prints it", async () => {
      const i = await r.svc.inspect(name);
      expect(i.access).toBe('docker-helper');
      expect(isFailed(i.cgroup)).toBe(false);
      const cg = i.cgroup as CgroupSection;
      expect(cg.nsView).toEqual(nsViewOnHost(pid));
      expect(cg.nsViewError).toBeUndefined();
      // And it is not the host's view of the same process (which names the container's cgroup).
      expect(cg.nsView).not.toEqual(cg.hostView);
      expect((i.uts as UtsSection).hostname).toBe('cgns');
    });
  });

  describe("fallback: the helper image's busybox nsenter (forced, as on a host without util-linux)", () => {
    let r: Rig;
    beforeAll(async () => {
      r = await rig('image');
    });
    afterAll(async () => {
      await r?.stop();
    });

    it("the helper runs busybox's nsenter", async () => {
      expect((await r.backends.dockerHelper()).flavor).toBe('busybox');
    });

    it('a shell that must enter cgroup with nsenter fails with a clear "cannot enter cgroup" error, nothing run', async () => {
      const marker = `/tmp/nsi-cgns-ran-${process.pid}`;
      const err = await r.m
        .open({
          container: name,
          kind: 'nsenter',
          namespaces: ['mnt', 'pid', 'cgroup'],
          unconfined: true,
          command: ['touch', marker],
          cols: 80,
          rows: 24,
          access: 'docker-helper',
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(NsInspectError);
      expect((err as NsInspectError).code).toBe('unsupported');
      expect((err as NsInspectError).message).toMatch(/cannot enter cgroup namespaces/);
      expect((err as NsInspectError).hint).toMatch(/util-linux/);
      expect(tryRun(['test', '-e', `/proc/${pid}/root${marker}`]).code).not.toBe(0);
    });

    it("the exec preset needs no nsenter of the helper's: the engine's exec enters the cgroup namespace", async () => {
      const s = await r.m.open({
        container: name,
        kind: 'nsenter',
        namespaces: SHELL_PRESETS.exec.namespaces,
        command: READ_NS,
        cols: 80,
        rows: 24,
        access: 'docker-helper',
      });
      expect(s.confinement).toBe('container');
      expect(await r.col.end(s.id), r.col.text.get(s.id)).toEqual({ reason: 'exited', code: 0, signal: null });
      expect(parseNsLines(r.col.text.get(s.id)!).cgroup).toBe(nsInode(pid, 'cgroup'));
    });

    it('a set without cgroup still works', async () => {
      const s = await r.m.open({
        container: name,
        kind: 'nsenter',
        namespaces: ['mnt', 'pid', 'net', 'uts'],
        unconfined: true,
        command: READ_NS,
        cols: 80,
        rows: 24,
        access: 'docker-helper',
      });
      expect(await r.col.end(s.id), r.col.text.get(s.id)).toEqual({ reason: 'exited', code: 0, signal: null });
      const got = parseNsLines(r.col.text.get(s.id)!);
      expect(got.net).toBe(nsInode(pid, 'net'));
      expect(got.cgroup).not.toBe(nsInode(pid, 'cgroup'));
    });

    it('inspect marks the cgroup namespace view unknown, with the reason; uts and ipc are still read', async () => {
      const i = await r.svc.inspect(name);
      expect(isFailed(i.cgroup)).toBe(false);
      const cg = i.cgroup as CgroupSection;
      expect(cg.nsView).toBeNull();
      expect(cg.nsViewError?.code).toBe('unsupported');
      expect(cg.nsViewError?.message).toMatch(/cannot enter cgroup namespaces/);
      expect(cg.hostView.join('\n')).toContain(docker('inspect', '-f', '{{.Id}}', name));
      expect((i.uts as UtsSection).hostname).toBe('cgns');
      expect(isFailed(i.ipc)).toBe(false);
    });

    it("a container in the helper's cgroup namespace needs no entering: its view is still answered, and right", async () => {
      const other = `${name}-hostcg`;
      tryRun(['docker', 'rm', '-f', other]);
      docker('run', '-d', '--name', other, '--cgroupns', 'host', '--label', OWN_LABEL, IMAGE, 'sleep', '1000000');
      try {
        const p = containerPid(other);
        const h = await r.backends.dockerHelper();
        const helperCg = nsInode(Number(JSON.parse(docker('inspect', h.containerId))[0].State.Pid), 'cgroup');
        const i = await r.svc.inspect(other);
        const cg = i.cgroup as CgroupSection;
        if (nsInode(p, 'cgroup') === helperCg) {
          expect(cg.nsView).toEqual(nsViewOnHost(p));
        } else {
          expect(cg.nsView).toBeNull();
          expect(cg.nsViewError?.code).toBe('unsupported');
        }
      } finally {
        tryRun(['docker', 'rm', '-f', other]);
      }
    });
  });
});
