import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { buildImage, IMAGE, LABEL, LABEL_KEY } from '../fixtures.js';
import { waitFor } from '../poll.js';
import { run, tryRun } from '../sh.js';
import { createRigUser, rigUserUnavailable, type RigUser } from './user.js';

const CONTRIB = '/usr/share/docker.io/contrib';

/**
 * Rootless Docker as a throwaway user: dockerd-rootless.sh (rootlesskit) with
 * DOCKERD_ROOTLESS_ROOTLESSKIT_NET=host, since /dev/net/tun is root-only here (no slirp4netns).
 * With the host's network that daemon could make no bridge (EPERM in the host's namespace), so it
 * runs in a network namespace of its own, made by root (ip netns add nsi-eng-rl<n>, entered with
 * nsenter --net only: `ip netns exec` would remount /sys and hide the cgroup mounts), and there,
 * where no docker0 exists, with --bridge none. Containers use --network none.
 */
export interface RootlessDocker {
  user: RigUser;
  socket: string;
  docker(...args: string[]): string;
  labels: string[];
  stop(): Promise<void>;
}

export function rootlessDockerUnavailable(): string | null {
  const u = rigUserUnavailable();
  if (u) return u;
  for (const p of [`${CONTRIB}/dockerd-rootless.sh`, '/usr/bin/rootlesskit', '/usr/sbin/dockerd', '/usr/bin/nsenter']) {
    if (!existsSync(p)) return `${p} is missing (apt-get install docker.io rootlesskit util-linux)`;
  }
  return null;
}

export async function startRootlessDocker(): Promise<RootlessDocker> {
  const user = createRigUser('d');
  const netns = `nsi-eng-rl${process.pid % 10000}`;
  const socket = `${user.runtimeDir}/docker.sock`;
  let daemon: ChildProcess | null = null;
  const docker = (...args: string[]) => {
    const r = user.as(['docker', '-H', `unix://${socket}`, ...args], { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} (as ${user.name}): ${r.stderr.trim() || `exit ${r.code}`}`);
    return r.stdout.trim();
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (daemon && daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await waitFor('rootless dockerd to stop', () => daemon!.exitCode !== null || daemon!.signalCode !== null, 15_000, 100).catch(() =>
        daemon!.kill('SIGKILL'),
      );
    }
    user.remove(); // the user's processes (rootlesskit, containerd, shims, containers) with it
    tryRun(['ip', 'netns', 'del', netns]);
  };
  process.once('exit', () => {
    if (stopped) return;
    if (daemon?.exitCode === null) daemon.kill('SIGKILL');
    tryRun(['ip', 'netns', 'del', netns]); // the user goes with its own exit hook (user.ts)
  });
  try {
    tryRun(['ip', 'netns', 'del', netns]);
    run(['ip', 'netns', 'add', netns]);
    run(['ip', 'netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up']);
    daemon = spawn(
      'nsenter',
      [
        `--net=/run/netns/${netns}`,
        '/usr/bin/setpriv',
        `--reuid=${user.uid}`,
        `--regid=${user.gid}`,
        '--init-groups',
        '--',
        `${CONTRIB}/dockerd-rootless.sh`,
        ...['--data-root', `${user.home}/.local/share/docker`, '--exec-root', `${user.runtimeDir}/docker-exec`],
        ...['--pidfile', `${user.runtimeDir}/docker.pid`, '-H', `unix://${socket}`, '--storage-driver', 'vfs'],
        ...['--bridge', 'none', '--iptables=false', '--ip6tables=false'],
      ],
      {
        cwd: user.home,
        env: {
          ...user.env,
          PATH: `${user.env.PATH}:${CONTRIB}`,
          DOCKERD_ROOTLESS_ROOTLESSKIT_NET: 'host',
          DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER: 'none',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let log = '';
    daemon.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    await waitFor(
      `rootless dockerd on ${socket}`,
      () => {
        if (daemon!.exitCode !== null) throw new Error(`dockerd-rootless.sh exited ${daemon!.exitCode}: ${log}`);
        return user.as(['docker', '-H', `unix://${socket}`, 'version', '--format', '{{.Server.Version}}']).code === 0;
      },
      60_000,
      200,
    );
    buildImage();
    const tar = `/tmp/nsi-eng-${process.pid}-rdimage.tar`;
    try {
      run(['docker', 'save', '-o', tar, IMAGE]);
      chmodSync(tar, 0o644);
      docker('load', '-i', tar);
    } finally {
      rmSync(tar, { force: true });
    }
    return { user, socket, docker, labels: ['--label', LABEL, '--label', `${LABEL_KEY}.owner=${process.pid}`], stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
