import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShellEnd } from '../../../../shared/api/shell.js';
import { NsInspectError, type ErrorCode } from '../../errors.js';
import type { FileStat, NsCommand, ProbeAccess, Read, RunResult } from '../access.js';
import { hostHelperInstalled, HOST_HELPER_WRAPPER } from '../install-location.js';
import { AskpassRelay, type AskpassHandler, type RelayOutcome } from './askpass.js';
import { pkexecError } from './pkexec.js';
import { problemFromStderr } from '../problems.js';
import { encodeFrame, FrameReader, type Header, type Verb } from './protocol.js';

export interface HelperLaunch {
  how: 'pkexec' | 'sudo' | 'direct';
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** sudo: the password is asked through the app's askpass relay (else SUDO_ASKPASS from the environment). */
  relay?: boolean;
}

export interface LaunchOptions {
  /** The app can ask for a password (a UI is attached): sudo -A through the askpass relay. */
  askpass?: boolean;
  /** Test seam: whether a program exists. */
  exists?: (path: string) => boolean;
}

/** The built helper script next to this build (dev, tests, CLI from a checkout). */
export function devHelperScript(): string | null {
  if (process.env.NSINSPECT_HOST_HELPER_SCRIPT) return process.env.NSINSPECT_HOST_HELPER_SCRIPT;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'out', 'helper', 'host-helper.cjs');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/**
 * How to start the helper, in order: already root (run the script with this Node/Electron
 * directly); the installed helper through pkexec (polkit action io.nsinspect.host-helper);
 * `sudo -A`, with the app's askpass relay when a UI can ask (else SUDO_ASKPASS from the
 * environment), running the installed wrapper or, from a checkout, the built script.
 * Otherwise an error saying what to do.
 */
export function helperLaunch(env: NodeJS.ProcessEnv = process.env, opts: LaunchOptions = {}): HelperLaunch {
  const exists = opts.exists ?? existsSync;
  const node = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  const script = devHelperScript();
  if (process.getuid?.() === 0) {
    const installed = hostHelperInstalled();
    const path = script ?? (installed.usable ? '/usr/lib/nsinspect/host-helper.cjs' : null);
    if (!path) throw new NsInspectError('unsupported', 'the host helper script is not built', 'run `npm run build` (it writes out/helper/host-helper.cjs)');
    return { how: 'direct', argv: [process.execPath, path], env: node };
  }
  const installed = hostHelperInstalled(env, exists);
  if (installed.usable && exists('/usr/bin/pkexec')) return { how: 'pkexec', argv: ['/usr/bin/pkexec', HOST_HELPER_WRAPPER], env: process.env };
  const relay = opts.askpass === true;
  if ((relay || env.SUDO_ASKPASS) && exists('/usr/bin/sudo') && (installed.usable || script)) {
    // sudo resets the environment: the installed wrapper sets ELECTRON_RUN_AS_NODE itself; from a
    // checkout under Electron, env(1) sets it (plain node needs nothing).
    const command = installed.usable
      ? [HOST_HELPER_WRAPPER]
      : process.versions.electron
        ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, script!]
        : [process.execPath, script!];
    return { how: 'sudo', argv: ['/usr/bin/sudo', '-A', '--', ...command], env: node, relay };
  }
  const why = installed.usable
    ? 'pkexec is not installed'
    : !exists('/usr/bin/sudo')
      ? `${installed.reason}; sudo is not installed either`
      : installed.reason;
  throw new NsInspectError(
    'permission',
    `the host helper cannot be started: ${why}`,
    'install the deb/rpm package (it installs the polkit policy) and pkexec, or install sudo (the app asks for the password; the CLI needs SUDO_ASKPASS), or join the docker group and use the docker-helper, or run as root',
  );
}

export interface StartOptions {
  /** Asks the user for sudo's password (launch.relay). */
  askpass?: AskpassHandler;
  /** How long the password prompt waits. */
  askpassTimeoutMs?: number;
}

/** sudo's own words, for an error: the last lines of its stderr, never anything the user typed. */
function sudoError(stderr: string, outcome: RelayOutcome | null): NsInspectError {
  const hint = 'try again (the next request asks again), or choose another access backend in Settings';
  if (outcome === 'cancelled') return new NsInspectError('permission', 'authentication cancelled: the host helper was not started', hint);
  if (outcome === 'timeout') return new NsInspectError('permission', 'authentication timed out: nobody answered the password prompt', hint);
  if (/incorrect password|Sorry, try again/i.test(stderr)) return new NsInspectError('permission', 'authentication failed: wrong password', hint);
  const last = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^\[sudo\]/.test(l)).slice(-2).join('; ');
  if (/not allowed|not in the sudoers/i.test(stderr)) {
    return new NsInspectError('permission', `sudo refused to start the host helper: ${last}`, 'ask an administrator for sudo rights, or join the docker group and use the docker-helper');
  }
  return new NsInspectError('permission', `the host helper could not be started with sudo${last ? `: ${last}` : ''}`, hint);
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export interface HelperChannelEvents {
  data: [ch: number, data: Buffer];
  stderr: [ch: number, data: Buffer];
  end: [ch: number, end: ShellEnd];
  exit: [];
}

/** One helper process for the app session; requests and terminal channels multiplexed over its stdio. */
export class HostHelperClient extends EventEmitter<HelperChannelEvents> {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private reader = new FrameReader();
  private exited = false;
  private attached = new Set<number>();
  private backlog = new Map<number, Array<{ h: Header; body: Buffer }>>();
  hostPid = 2;
  /** stderr before the helper answered hello (the launcher's messages). */
  startErr = '';
  private started = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly how: HelperLaunch['how'],
  ) {
    super();
    child.stdout!.on('data', (chunk: Buffer) => {
      try {
        this.reader.push(chunk, (h, body) => this.onFrame(h, body));
      } catch (e) {
        this.fail(new NsInspectError('failed', `host helper protocol error: ${(e as Error).message}`));
        child.kill();
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      // Until hello, kept for the error message (sudo's "Sorry, try again", polkit's refusal).
      if (!this.started && this.startErr.length < 4096) this.startErr += d.toString('utf8').slice(0, 4096);
      if (process.env.NSINSPECT_DEBUG) process.stderr.write(`[host-helper] ${d}`);
    });
    child.on('exit', () => {
      this.exited = true;
      this.fail(new NsInspectError('gone', 'the host helper exited', 'it is started again on the next request'));
      this.emit('exit');
    });
    child.stdin!.on('error', () => undefined);
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(launch: HelperLaunch = helperLaunch(), opts: StartOptions = {}): Promise<HostHelperClient> {
    let relay: AskpassRelay | null = null;
    let env = launch.env;
    if (launch.how === 'sudo' && launch.relay) {
      if (!opts.askpass) throw new NsInspectError('unsupported', 'no way to ask for the sudo password here', 'set SUDO_ASKPASS, or use the desktop app or nsinspect serve');
      relay = await AskpassRelay.open(opts.askpass, { ...(opts.askpassTimeoutMs ? { timeoutMs: opts.askpassTimeoutMs } : {}) });
      env = { ...env, ...relay.env };
    }
    try {
      const child = spawn(launch.argv[0]!, launch.argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
      const client = new HostHelperClient(child, launch.how);
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', (e) => reject(new NsInspectError('permission', `cannot start the host helper (${launch.how}): ${e.message}`)));
      });
      try {
        const hello = (await client.request('hello', {})) as { hostPid: number; uid: number };
        if (hello.uid !== 0) throw new NsInspectError('permission', 'the host helper does not run as root');
        client.hostPid = hello.hostPid;
      } catch (e) {
        client.stop();
        await client.closed(3000);
        if (launch.how === 'pkexec') throw pkexecError(client.startErr, (e as Error).message);
        if (launch.how === 'sudo') throw sudoError(client.startErr, relay?.outcome ?? null);
        throw e;
      }
      client.started = true;
      client.startErr = '';
      return client;
    } finally {
      relay?.close();
    }
  }

  /** Resolves when the process has exited and its pipes are drained (or after ms). */
  closed(ms: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.child.once('close', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private fail(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private onFrame(h: Header, body: Buffer): void {
    switch (h.t) {
      case 'res': {
        const p = this.pending.get(h.id);
        if (!p) return;
        this.pending.delete(h.id);
        if (h.ok) p.resolve(h.value);
        else p.reject(new NsInspectError((h.error.code as ErrorCode) ?? 'failed', h.error.message, h.error.hint));
        return;
      }
      case 'data':
      case 'stderr':
      case 'end':
        // Frames of a channel can arrive in the same read as the response that names it, before
        // its session listens: held until attach().
        if (!this.attached.has(h.ch)) {
          const list = this.backlog.get(h.ch) ?? [];
          list.push({ h, body });
          this.backlog.set(h.ch, list);
          return;
        }
        this.dispatch(h, body);
        if (h.t === 'end') this.attached.delete(h.ch);
        return;
    }
  }

  private dispatch(h: Header, body: Buffer): void {
    if (h.t === 'data') this.emit('data', h.ch, body);
    else if (h.t === 'stderr') this.emit('stderr', h.ch, body);
    else if (h.t === 'end') this.emit('end', h.ch, h.end as ShellEnd);
  }

  /** The session of channel ch listens now: frames held for it are delivered. */
  attach(ch: number): void {
    this.attached.add(ch);
    const held = this.backlog.get(ch) ?? [];
    this.backlog.delete(ch);
    for (const { h, body } of held) this.dispatch(h, body);
    if (held.some((f) => f.h.t === 'end')) this.attached.delete(ch);
  }

  request(verb: Verb, args: unknown): Promise<unknown> {
    if (this.exited) return Promise.reject(new NsInspectError('gone', 'the host helper has exited'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ t: 'req', id, verb, args });
    });
  }

  send(h: Header, body?: Uint8Array): void {
    if (this.exited) return;
    // Large input is cut into frames the helper accepts.
    if (body && body.length > 1 << 20) {
      for (let o = 0; o < body.length; o += 1 << 20) this.child.stdin!.write(encodeFrame(h, body.subarray(o, o + (1 << 20))));
      return;
    }
    this.child.stdin!.write(encodeFrame(h, body));
  }

  stop(): void {
    if (this.exited) return;
    this.child.stdin!.end();
    const t = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    t.unref();
  }
}

/**
 * The probe's reads through the host helper. The helper only reads what its policy allows
 * (namespace metadata under /proc and the engine's layer directories) and runs the probe's
 * commands as fixed verbs; a PID other than the host reference is named by its container.
 */
export class HostHelperAccess implements ProbeAccess {
  readonly kind = 'host-helper' as const;

  constructor(
    readonly client: HostHelperClient,
    /** The container whose main process this PID is, from the engine's list. */
    private readonly containerOfPid: (pid: number) => string | undefined = () => undefined,
    private readonly ownsClient = true,
  ) {}

  /** The helper reads inside a process root only for a container it verified itself. */
  private containersOf(paths: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of paths) {
      const pid = /^\/proc\/(\d+)\/root(?:\/|$)/.exec(p)?.[1];
      const c = pid ? this.containerOfPid(Number(pid)) : undefined;
      if (pid && c) out[pid] = c;
    }
    return out;
  }

  private async read<T>(op: string, paths: string[], follow?: boolean): Promise<Read<T>[]> {
    try {
      return (await this.client.request('probe.read', { op, paths, follow, containers: this.containersOf(paths) })) as Read<T>[];
    } catch (e) {
      const err = e as NsInspectError;
      return paths.map(() => ({ ok: false, error: { code: 'failed', message: err.message } }));
    }
  }

  readFiles(paths: string[]): Promise<Read<string>[]> {
    return this.read('readFiles', paths);
  }
  readLinks(paths: string[]): Promise<Read<string>[]> {
    return this.read('readLinks', paths);
  }
  stat(paths: string[], follow = false): Promise<Read<FileStat>[]> {
    return this.read('stat', paths, follow);
  }
  resolve(paths: string[]): Promise<Read<string>[]> {
    return this.read('resolve', paths);
  }
  async listDir(path: string): Promise<Read<string[]>> {
    try {
      return (await this.client.request('probe.read', { op: 'listDir', path, containers: this.containersOf([path]) })) as Read<string[]>;
    } catch (e) {
      return { ok: false, error: { code: 'failed', message: (e as Error).message } };
    }
  }

  /** The probe's commands, mapped to the helper's verbs; anything else is refused here. */
  static verbOf(cmd: NsCommand): Record<string, unknown> | null {
    const a = cmd.argv;
    const is = (...x: string[]) => a.length === x.length && x.every((v, i) => a[i] === v);
    if (is('ip', '-j', '-d', 'addr', 'show')) return { kind: 'ip-show' };
    if (is('ip', '-j', '-d', '-batch', '-')) return { kind: 'ip-batch', input: cmd.input ?? '' };
    if (a[0] === 'tail' && a[1] === '-v' && a[2] === '-n' && a[3] === '+1') return { kind: 'kernel-views', files: a.slice(4) };
    if (a[0] === 'lsns' && a.length === 9 && a[1] === '-J' && a[2] === '-p' && /^\d+$/.test(a[3]!)) return { kind: 'lsns-user', pidArg: Number(a[3]) };
    return null;
  }

  async run(cmd: NsCommand): Promise<Read<RunResult>> {
    const verb = HostHelperAccess.verbOf(cmd);
    if (!verb) return { ok: false, error: { code: 'unsupported', message: `the host helper does not run ${cmd.argv[0]}` } };
    const pid = verb.kind === 'lsns-user' ? (verb.pidArg as number) : cmd.pid;
    try {
      const r = (await this.client.request('probe.run', { ...verb, pid, container: this.containerOfPid(pid) })) as RunResult;
      if (r.code !== 0) return { ok: false, error: problemFromStderr(cmd.argv, r.code, r.stderr) };
      return { ok: true, value: r };
    } catch (e) {
      const err = e as NsInspectError;
      return { ok: false, error: { code: err.code === 'gone' ? 'gone' : 'failed', message: err.message, ...(err.hint ? { hint: err.hint } : {}) } };
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.stop();
  }
}
