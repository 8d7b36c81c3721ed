import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, chownSync, rmSync } from 'node:fs';
import { buildImage, IMAGE, LABEL, LABEL_KEY } from '../fixtures.js';
import { waitFor } from '../poll.js';
import { run } from '../sh.js';
import { createRigUser, rigUserUnavailable, type RigUser } from './user.js';

/**
 * Rootless Podman as a throwaway user: its own `podman system service` on
 * $XDG_RUNTIME_DIR/podman/podman.sock, vfs storage (/dev/fuse is root-only here, so no
 * fuse-overlayfs), cgroupfs (no systemd session), and containers with --network none
 * (/dev/net/tun is root-only, so no slirp4netns). The test image is loaded from the system engine.
 */
export interface RootlessPodman {
  user: RigUser;
  socket: string;
  /** podman as the user, with the rig's storage flags; throws with stderr on failure. */
  podman(...args: string[]): string;
  /** The owner label pair every container of the rig carries. */
  labels: string[];
  stop(): Promise<void>;
}

export const PODMAN_ROOTLESS_FLAGS = ['--storage-driver', 'vfs', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file'];

export function rootlessPodmanUnavailable(): string | null {
  const u = rigUserUnavailable();
  if (u) return u;
  for (const p of ['/usr/bin/podman', '/usr/bin/catatonit', '/usr/bin/conmon']) {
    if (!existsSync(p)) return `${p} is missing (apt-get install podman catatonit)`;
  }
  return null;
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startRootlessPodman(): Promise<RootlessPodman> {
  const user = createRigUser();
  let service: ChildProcess | null = null;
  const labels = ['--label', LABEL, '--label', `${LABEL_KEY}.owner=${process.pid}`];
  const podman = (...args: string[]) => {
    const r = user.as(['podman', ...PODMAN_ROOTLESS_FLAGS, ...args], { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`podman ${args.join(' ')} (as ${user.name}): ${r.stderr.trim() || `exit ${r.code}`}`);
    return r.stdout.trim();
  };
  const stop = async () => {
    // Containers first, through the engine, then whatever of the user's is left (remove()).
    try {
      user.as(['podman', ...PODMAN_ROOTLESS_FLAGS, 'rm', '-f', '-a', '-t', '0'], { timeoutMs: 30_000 });
    } catch {
      /* remove() kills what is left */
    }
    await stopChild(service);
    user.remove();
  };
  try {
    buildImage();
    const tar = `/tmp/nsi-eng-${process.pid}-image.tar`;
    try {
      run(['docker', 'save', '-o', tar, IMAGE]);
      chmodSync(tar, 0o644);
      podman('load', '-i', tar);
    } finally {
      rmSync(tar, { force: true });
    }
    const dir = `${user.runtimeDir}/podman`;
    mkdirSync(dir, { recursive: true });
    chownSync(dir, user.uid, user.gid);
    const socket = `${dir}/podman.sock`;
    service = spawn(
      '/usr/bin/setpriv',
      [
        `--reuid=${user.uid}`,
        `--regid=${user.gid}`,
        '--init-groups',
        '--',
        'podman',
        ...PODMAN_ROOTLESS_FLAGS,
        'system',
        'service',
        '--time=0',
        `unix://${socket}`,
      ],
      { env: user.env, cwd: user.home, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    service.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    await waitFor(
      `rootless podman service on ${socket} (${log})`,
      () => {
        if (service!.exitCode !== null) throw new Error(`podman system service exited ${service!.exitCode}: ${log}`);
        return user.as(['podman', '--url', `unix://${socket}`, 'version', '--format', '{{.Server.Version}}']).code === 0;
      },
      60_000,
      200,
    );
    return { user, socket, podman, labels, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
