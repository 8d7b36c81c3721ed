import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { buildImage, IMAGE, LABEL, LABEL_KEY } from '../fixtures.js';
import { waitFor } from '../poll.js';
import { run, tryRun } from '../sh.js';

/**
 * A second Docker engine beside the system one, apart from it in everything: data root, exec
 * root (with its own containerd), pidfile, socket (/tmp/nsi-eng-dockerd-<pid>.sock) and a bridge
 * of its own made here first (-b nsi-eng-dbr<n>; never --bridge none, which would delete the
 * host's docker0), with iptables and masquerading off so that no host firewall rule changes.
 */
export interface SecondDockerd {
  socket: string;
  bridge: string;
  /** docker against this engine; throws with stderr. */
  docker(...args: string[]): string;
  labels: string[];
  stop(): Promise<void>;
}

const BASE = '/tmp/nsi-eng-dockerd-';

export function secondDockerdUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: a second dockerd';
  for (const p of ['/usr/sbin/dockerd', '/usr/bin/docker', '/usr/bin/containerd'])
    if (!existsSync(p)) return `${p} is missing (apt-get install docker.io)`;
  return null;
}

function pathsOf(owner: number) {
  const dir = `${BASE}${owner}`;
  return { dir, socket: `${dir}.sock`, pidfile: `${dir}/docker.pid`, bridge: `nsi-eng-dbr${owner % 10000}` };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function teardown(owner: number, daemon: ChildProcess | null): Promise<void> {
  const p = pathsOf(owner);
  if (existsSync(p.socket)) {
    const ids = tryRun(['docker', '-H', `unix://${p.socket}`, 'ps', '-aq'])
      .stdout.split('\n')
      .filter(Boolean);
    if (ids.length) tryRun(['docker', '-H', `unix://${p.socket}`, 'rm', '-f', ...ids]);
  }
  const pid = daemon?.pid ?? (existsSync(p.pidfile) ? Number(readFileSync(p.pidfile, 'utf8')) : 0);
  if (pid > 0 && pidAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    await waitFor('the second dockerd to stop', () => !pidAlive(pid), 20_000, 100).catch(() => process.kill(pid, 'SIGKILL'));
  }
  // Its containerd and shims, should any outlive it: found by the exec root in their command line.
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(`${p.dir}/`)) process.kill(Number(e), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  tryRun(['umount', '-R', `${p.dir}/exec`]);
  tryRun(['umount', '-R', `${p.dir}/data`]);
  if (tryRun(['ip', 'link', 'show', p.bridge]).code === 0) tryRun(['ip', 'link', 'del', p.bridge]);
  rmSync(p.dir, { recursive: true, force: true });
  rmSync(p.socket, { force: true });
}

async function sweepStale(): Promise<void> {
  for (const e of readdirSync('/tmp')) {
    const m = /^nsi-eng-dockerd-(\d+)$/.exec(e);
    if (m && !existsSync(`/proc/${m[1]}`)) await teardown(Number(m[1]), null);
  }
}

export async function startSecondDockerd(): Promise<SecondDockerd> {
  await sweepStale();
  const owner = process.pid;
  const p = pathsOf(owner);
  let daemon: ChildProcess | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await teardown(owner, daemon);
  };
  const docker = (...args: string[]) => run(['docker', '-H', `unix://${p.socket}`, ...args]).trim();
  // A test process that ends before its afterAll: no engine, bridge or directory stays behind.
  process.once('exit', () => {
    if (stopped) return;
    if (daemon?.exitCode === null) daemon.kill('SIGKILL');
    tryRun(['ip', 'link', 'del', p.bridge]);
    tryRun(['umount', '-R', `${p.dir}/exec`]);
    rmSync(p.dir, { recursive: true, force: true });
    rmSync(p.socket, { force: true });
  });
  try {
    await teardown(owner, null);
    mkdirSync(p.dir, { recursive: true });
    const subnet = `10.231.${200 + (owner % 50)}`;
    run(['ip', 'link', 'add', p.bridge, 'type', 'bridge']);
    run(['ip', 'addr', 'add', `${subnet}.1/24`, 'dev', p.bridge]);
    run(['ip', 'link', 'set', p.bridge, 'up']);
    daemon = spawn(
      'dockerd',
      [
        '--data-root',
        `${p.dir}/data`,
        '--exec-root',
        `${p.dir}/exec`,
        '--pidfile',
        p.pidfile,
        '-H',
        `unix://${p.socket}`,
        '-b',
        p.bridge,
        '--iptables=false',
        '--ip6tables=false',
        '--ip-masq=false',
        '--storage-driver',
        'vfs',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    daemon.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    await waitFor(
      `the second dockerd on ${p.socket}`,
      () => {
        if (daemon!.exitCode !== null) throw new Error(`dockerd exited ${daemon!.exitCode}: ${log}`);
        return tryRun(['docker', '-H', `unix://${p.socket}`, 'version', '--format', '{{.Server.Version}}']).code === 0;
      },
      60_000,
      200,
    );
    buildImage();
    run(['sh', '-c', `docker save ${IMAGE} | docker -H unix://${p.socket} load`]);
    return { socket: p.socket, bridge: p.bridge, docker, labels: ['--label', LABEL, '--label', `${LABEL_KEY}.owner=${owner}`], stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
