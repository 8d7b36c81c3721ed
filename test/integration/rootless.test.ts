import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { IMAGE, PREFIX } from '../support/fixtures.js';
import { rootlessDockerUnavailable, startRootlessDocker } from '../support/rigs/rootless-docker.js';
import { rootlessPodmanUnavailable, startRootlessPodman } from '../support/rigs/rootless.js';
import { rigSkip } from '../support/rigs/skip.js';
import type { RigUser } from '../support/rigs/user.js';
import { nsInode, run } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const NAME = `${PREFIX}eng-rootless`;
const HOSTNAME = 'nsi-eng-rl';

const skipPodman = rigSkip('rootless Podman', rootlessPodmanUnavailable());
const skipDocker = rigSkip('rootless Docker', rootlessDockerUnavailable());

/** What the suite needs of a rootless engine rig. */
interface Rootless {
  user: RigUser;
  socket: string;
  stop(): Promise<void>;
  /** Runs a sleeping container with that hostname and no network; its PID as the engine says. */
  runContainer(name: string, hostname: string): number;
}

const engines: Array<{ what: string; skip: string | null; start: () => Promise<Rootless> }> = [
  {
    what: 'rootless Podman',
    skip: skipPodman,
    start: async () => {
      const rig = await startRootlessPodman();
      return {
        ...rig,
        runContainer(name, hostname) {
          rig.podman(
            'run',
            '-d',
            '--name',
            name,
            '--hostname',
            hostname,
            '--network',
            'none',
            ...rig.labels,
            `localhost/${IMAGE}`,
            'sleep',
            '1000000',
          );
          return Number(rig.podman('inspect', '-f', '{{.State.Pid}}', name));
        },
      };
    },
  },
  {
    what: 'rootless Docker',
    skip: skipDocker,
    start: async () => {
      const rig = await startRootlessDocker();
      return {
        ...rig,
        runContainer(name, hostname) {
          rig.docker('run', '-d', '--name', name, '--hostname', hostname, '--network', 'none', ...rig.labels, IMAGE, 'sleep', '1000000');
          return Number(rig.docker('inspect', '-f', '{{.State.Pid}}', name));
        },
      };
    },
  },
];

for (const engine of engines)
  (engine.skip ? describe.skip : describe)(`${engine.what}: a user with no privilege and their own engine`, () => {
    let rig: Rootless;
    let pid: number;
    const cli = (...args: string[]) => rig.user.as([process.execPath, BIN, '--no-color', ...args], { timeoutMs: 60_000 });
    const json = (...args: string[]) => {
      const r = cli(...args, '--json');
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };

    beforeAll(async () => {
      rig = await engine.start();
      pid = rig.runContainer(NAME, HOSTNAME);
    }, 240_000);
    afterAll(async () => {
      await rig?.stop();
    }, 60_000);

    it("chooses the user's own engine socket, not the system one, and lists with kernel inodes", () => {
      const j = json('ls');
      expect(j.engine.endpoint).toBe(`unix://${rig.socket}`);
      if (engine.what === 'rootless Podman') {
        // Podman's socket comes after the system one, which this user may not open (root:docker 0660, as root reads it).
        expect(run(['stat', '-c', '%U:%G %a', '/var/run/docker.sock']).trim()).toMatch(/^root:\w+ 6[0-6]0$/);
        expect(j.engine.why).toContain('skipped /var/run/docker.sock (permission denied');
      }
      const c = j.containers.find((x: { name: string }) => x.name === NAME);
      expect(c.pid).toBe(pid);
      for (const t of NS_TYPES) expect(c.namespaces[t], t).toBe(nsInode(pid, t));
      // Remapped: the container's user namespace is not the host's, whatever the engine's mode says.
      expect(nsInode(pid, 'user')).not.toBe(nsInode(process.pid, 'user'));
      expect(c.modes.userns).not.toBe('host');
    });

    it("inspect reads net, uts and ipc directly, inside the user namespace, against nsinspect's own namespaces", () => {
      const i = json('inspect', NAME);
      expect(i.access).toBe('direct');
      for (const n of i.namespaces) expect(n.inode, n.type).toBe(nsInode(pid, n.type));
      // PID 1 and 2 are root's: nsinspect itself stands in, and says so.
      expect(i.host.pid).not.toBe(1);
      expect(i.host.pid).not.toBe(2);
      expect(i.host.reason).toMatch(/nsinspect itself .*neither PID 1 nor PID 2 is readable/);
      expect(i.host.namespaces.net).toBe(nsInode(process.pid, 'net'));
      expect(i.net.error).toBeUndefined();
      expect(i.uts.error).toBeUndefined();
      expect(i.ipc.error).toBeUndefined();
      expect(i.uts.hostname).toBe(HOSTNAME);
      // Independent: root's ip in the container's network namespace.
      const names = JSON.parse(run(['nsenter', `--target=${pid}`, '--net', '--', 'ip', '-j', 'addr']))
        .map((x: { ifname: string }) => x.ifname)
        .sort();
      expect(i.net.interfaces.map((x: { name: string }) => x.name).sort()).toEqual(names);
    });

    it('compare with the host: own user, net, uts; shared cgroup and time, as readlink says', () => {
      const c = json('compare', NAME, 'host');
      for (const row of c.namespaces) {
        expect(row.a.inode, row.type).toBe(nsInode(pid, row.type));
        expect(row.sharedWithHost.a, row.type).toBe(nsInode(pid, row.type) === nsInode(process.pid, row.type));
      }
    });

    it("net lists the container's network namespace, and the host's interfaces read without nsenter", () => {
      const t = json('net');
      const ns = t.netns.find((n: { inode: number }) => n.inode === nsInode(pid, 'net'));
      expect(ns?.error).toBeUndefined();
      expect(ns.interfaces.map((x: { name: string }) => x.name)).toEqual(['lo']);
      const hostNames = JSON.parse(run(['ip', '-j', 'link'])).map((x: { ifname: string }) => x.ifname);
      expect(t.bridges.length).toBeGreaterThan(0);
      for (const b of t.bridges) expect(hostNames).toContain(b.name);
    });

    it('a shell in the container answers its hostname', () => {
      const r = cli('shell', NAME, '--', '/bin/hostname');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(HOSTNAME);
    });

    // Under rootless Docker runc refuses the helper's /proc (`mount proc … operation not permitted`).
    if (engine.what === 'rootless Docker')
      it('the docker-helper, asked for, says a rootless engine cannot run it and points at direct access', () => {
        const r = cli('ls', '--access', 'docker-helper', '--helper-image', IMAGE);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/engine is rootless/);
        expect(r.stderr).toMatch(/use --access direct/);
      });
  });
