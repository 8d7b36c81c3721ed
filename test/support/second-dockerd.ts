import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE } from './fixtures.js';
import { waitFor } from './poll.js';
import { run, tryRun } from './sh.js';

/**
 * A second dockerd next to the machine's engine, with everything of its own: data root, exec
 * root (and so its own containerd), pidfile, unix socket, and a bridge made here (never
 * `--bridge none`, which would make it delete the host's docker0). No iptables rules. It can be
 * stopped gracefully (SIGTERM) and started again on the same data, as a daemon restart is.
 */
export class SecondDockerd {
  readonly dir: string;
  readonly socket: string;
  private proc: ChildProcess | null = null;

  constructor(
    readonly name: string,
    readonly bridge: string,
    readonly cidr: string,
  ) {
    this.dir = `/tmp/${name}`;
    this.socket = join(this.dir, 'docker.sock');
  }

  get url(): string {
    return `unix://${this.socket}`;
  }

  /** The docker CLI against this daemon. */
  docker(...args: string[]): string {
    return run(['docker', '-H', this.url, ...args]).trim();
  }

  answers(): boolean {
    return tryRun(['docker', '-H', this.url, 'version', '--format', '{{.Server.Version}}']).code === 0;
  }

  /** Creates the bridge and directories, once. */
  prepare(): void {
    mkdirSync(this.dir, { recursive: true });
    if (tryRun(['ip', 'link', 'show', this.bridge]).code !== 0) {
      run(['ip', 'link', 'add', this.bridge, 'type', 'bridge']);
      run(['ip', 'addr', 'add', this.cidr, 'dev', this.bridge]);
      run(['ip', 'link', 'set', this.bridge, 'up']);
    }
  }

  async start(): Promise<void> {
    const log = openSync(join(this.dir, 'dockerd.log'), 'a');
    this.proc = spawn(
      'dockerd',
      [
        '-H',
        this.url,
        '--data-root',
        join(this.dir, 'data'),
        '--exec-root',
        join(this.dir, 'exec'),
        '--pidfile',
        join(this.dir, 'dockerd.pid'),
        '-b',
        this.bridge,
        '--iptables=false',
        '--ip-masq=false',
        '--userland-proxy=false',
      ],
      { stdio: ['ignore', log, log], detached: false },
    );
    const p = this.proc;
    await waitFor(
      `the second dockerd to answer (log: ${join(this.dir, 'dockerd.log')})`,
      () => (p.exitCode !== null ? Promise.reject(new Error(`dockerd exited ${p.exitCode}`)) : this.answers()),
      60_000,
      50,
    );
  }

  /** Loads the fixture image from the machine's engine. */
  loadImage(): void {
    run(['sh', '-c', `docker save ${IMAGE} | docker -H ${this.url} load -q`]);
  }

  /** SIGTERM, as `systemctl stop docker` does: it stops its containers and exits. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    const t = setTimeout(() => p.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(t);
    this.proc = null;
  }

  /** Stops it (also after a failure), removes its bridge and directories. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    // A dockerd killed hard may leave its containerd and mounts behind.
    const pidfile = join(this.dir, 'exec', 'containerd', 'containerd.pid');
    if (existsSync(pidfile)) {
      const pid = Number(readFileSync(pidfile, 'utf8').trim());
      if (pid > 1) tryRun(['kill', String(pid)]);
    }
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n').reverse()) {
      const mnt = line.split(' ')[4];
      if (mnt?.startsWith(this.dir)) tryRun(['umount', '-l', mnt]);
    }
    tryRun(['ip', 'link', 'del', this.bridge]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
