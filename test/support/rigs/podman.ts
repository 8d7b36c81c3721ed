import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildImage, IMAGE, LABEL, LABEL_KEY } from '../fixtures.js';
import { waitFor } from '../poll.js';
import { run, tryRun } from '../sh.js';

/**
 * Podman as root, beside the system Docker engine and apart from it: its own socket
 * (/tmp/nsi-eng-podman-<pid>.sock), storage (--root/--runroot under /tmp), network config
 * directory with one CNI bridge network on its own bridge (nsi-eng-cni<n>, never docker0, no
 * masquerading or port mapping: no iptables rule), and a CONTAINERS_CONF with default_ulimits,
 * since Podman lowers its own RLIMIT_NPROC. Pods' infra containers are built from catatonit.
 */
export interface RootPodman {
  socket: string;
  bridge: string;
  /** podman (the CLI, local to the rig's storage); throws with stderr. */
  podman(...args: string[]): string;
  labels: string[];
  stop(): Promise<void>;
}

const BASE = '/tmp/nsi-eng-podman-';

export function rootPodmanUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: Podman as root';
  for (const p of ['/usr/bin/podman', '/usr/bin/catatonit', '/usr/lib/cni/bridge', '/usr/lib/cni/host-local']) {
    if (!existsSync(p)) return `${p} is missing (apt-get install podman catatonit containernetworking-plugins)`;
  }
  return null;
}

function dirsOf(owner: number) {
  const dir = `${BASE}${owner}`;
  return { dir, socket: `${dir}.sock`, conf: `${dir}/containers.conf`, net: `${dir}/net`, bridge: `nsi-eng-cni${owner % 10000}` };
}

function podmanArgs(owner: number): string[] {
  const d = dirsOf(owner);
  return ['--root', `${d.dir}/root`, '--runroot', `${d.dir}/runroot`, '--storage-driver', 'vfs', '--tmpdir', `${d.dir}/tmp`];
}

function podmanAs(owner: number, args: string[]) {
  return tryRun(['env', `CONTAINERS_CONF=${dirsOf(owner).conf}`, 'podman', ...podmanArgs(owner), ...args]);
}

/** Everything of one rig: containers and pods through podman, the service, the bridge, the directories. */
function teardown(owner: number, service: ChildProcess | null): void {
  const d = dirsOf(owner);
  if (existsSync(d.conf)) {
    podmanAs(owner, ['pod', 'rm', '-f', '-a', '-t', '0']);
    podmanAs(owner, ['rm', '-f', '-a', '-t', '0']);
  }
  if (service && service.exitCode === null) service.kill('SIGKILL');
  // conmon processes of this rig (they outlive the service): found by its storage path.
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (cmd.includes(`${d.dir}/`) || cmd.includes(d.socket)) process.kill(Number(p), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (tryRun(['ip', 'link', 'show', d.bridge]).code === 0) tryRun(['ip', 'link', 'del', d.bridge]);
  rmSync(d.dir, { recursive: true, force: true });
  rmSync(d.socket, { force: true });
}

/** Rigs left by test processes that died. */
function sweepStale(): void {
  for (const e of readdirSync('/tmp')) {
    const m = /^nsi-eng-podman-(\d+)$/.exec(e);
    if (m && !existsSync(`/proc/${m[1]}`)) teardown(Number(m[1]), null);
  }
}

export async function startRootPodman(): Promise<RootPodman> {
  sweepStale();
  const owner = process.pid;
  const d = dirsOf(owner);
  let service: ChildProcess | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    teardown(owner, service);
  };
  process.once('exit', () => void stop());
  const podman = (...args: string[]) => {
    const r = podmanAs(owner, args);
    if (r.code !== 0) throw new Error(`podman ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.code}`}`);
    return r.stdout.trim();
  };
  try {
    teardown(owner, null);
    for (const sub of ['root', 'runroot', 'tmp', 'net']) mkdirSync(`${d.dir}/${sub}`, { recursive: true });
    // A subnet per rig owner, in 10.231.x (the project's test range), away from docker's 172.x.
    const subnet = `10.231.${100 + (owner % 100)}`;
    writeFileSync(
      `${d.net}/nsi-eng-net.conflist`,
      JSON.stringify({
        cniVersion: '0.4.0',
        name: 'nsi-eng-net',
        plugins: [
          {
            type: 'bridge',
            bridge: d.bridge,
            isGateway: true,
            ipMasq: false,
            ipam: { type: 'host-local', routes: [{ dst: '0.0.0.0/0' }], ranges: [[{ subnet: `${subnet}.0/24`, gateway: `${subnet}.1` }]] },
          },
        ],
      }),
    );
    writeFileSync(
      d.conf,
      [
        '[containers]',
        'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]',
        '[network]',
        'network_backend = "cni"',
        `network_config_dir = "${d.net}"`,
        'default_network = "nsi-eng-net"',
        '[engine]',
        'cgroup_manager = "cgroupfs"',
        'events_logger = "file"',
        '',
      ].join('\n'),
    );
    buildImage();
    const tar = `${d.dir}/image.tar`;
    run(['docker', 'save', '-o', tar, IMAGE]);
    podman('load', '-i', tar);
    rmSync(tar, { force: true });
    service = spawn('podman', [...podmanArgs(owner), 'system', 'service', '--time=0', `unix://${d.socket}`], {
      env: { ...process.env, CONTAINERS_CONF: d.conf },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    service.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    await waitFor(
      `podman service on ${d.socket}`,
      () => {
        if (service!.exitCode !== null) throw new Error(`podman system service exited ${service!.exitCode}: ${log}`);
        return tryRun(['podman', '--url', `unix://${d.socket}`, 'version', '--format', '{{.Server.Version}}']).code === 0;
      },
      60_000,
      200,
    );
    return { socket: d.socket, bridge: d.bridge, podman, labels: ['--label', LABEL, '--label', `${LABEL_KEY}.owner=${owner}`], stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
