import type { ChildProcess } from 'node:child_process';
import { childProcess } from '../../lazy-builtins.js';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShellEnd } from '../../../../shared/api/shell.js';
import { isMessageId } from '../../../../shared/messages.js';
import { fail, NsInspectError, type ErrorCode } from '../../errors.js';
import type { WireError } from './protocol.js';
import type { FileStat, ProbeAccess, ProbeRequest, Read, RunResult } from '../access.js';
import { hostHelperInstalled, hostShellInstalled, HOST_HELPER_WRAPPER, HOST_SHELL_WRAPPER } from '../install-location.js';
import { probeArgv, probeCommand } from '../probe-commands.js';
import { AskpassRelay, type AskpassHandler, type RelayOutcome } from './askpass.js';
import { pkexecError } from './pkexec.js';
import { problemFromStderr, problemOfError } from '../problems.js';
import {
  encodeFrame,
  FrameReader,
  PROTOCOL_VERSION,
  SHELLS_FLAG,
  type Header,
  type Hello,
  type HelperMode,
  type Verb,
} from './protocol.js';

export interface HelperLaunch {
  how: 'pkexec' | 'sudo' | 'direct';
  /** What the helper may do: fixed by which wrapper (or flag) starts it. */
  mode: HelperMode;
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
  /** The shell-capable helper (its own wrapper and polkit action) instead of the reading one. */
  shells?: boolean;
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
  const mode: HelperMode = opts.shells ? 'shells' : 'read';
  const flag = opts.shells ? [SHELLS_FLAG] : [];
  const node = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  const script = devHelperScript();
  if (process.getuid?.() === 0) {
    const installed = hostHelperInstalled();
    const path = script ?? (installed.usable ? '/usr/lib/nsinspect/host-helper.cjs' : null);
    if (!path) throw fail('host-helper.not-built');
    return { how: 'direct', mode, argv: [process.execPath, path, ...flag], env: node };
  }
  // Each mode has its own root-owned wrapper, named by its own polkit action; the reading
  // wrapper takes no arguments, so a caller cannot turn shells on through it.
  const installed = opts.shells ? hostShellInstalled(env, exists) : hostHelperInstalled(env, exists);
  const wrapper = opts.shells ? HOST_SHELL_WRAPPER : HOST_HELPER_WRAPPER;
  if (installed.usable && exists('/usr/bin/pkexec')) return { how: 'pkexec', mode, argv: ['/usr/bin/pkexec', wrapper], env: process.env };
  const relay = opts.askpass === true;
  if ((relay || env.SUDO_ASKPASS) && exists('/usr/bin/sudo') && (installed.usable || script)) {
    // sudo resets the environment: the installed wrapper sets ELECTRON_RUN_AS_NODE itself; from a
    // checkout under Electron, env(1) sets it (plain node needs nothing).
    const command = installed.usable
      ? [wrapper]
      : process.versions.electron
        ? ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, script!, ...flag]
        : [process.execPath, script!, ...flag];
    return { how: 'sudo', mode, argv: ['/usr/bin/sudo', '-A', '--', ...command], env: node, relay };
  }
  if (installed.usable || !installed.missing) throw fail('host-helper.no-pkexec');
  const noSudo = !exists('/usr/bin/sudo');
  if ('file' in installed.missing)
    throw fail(noSudo ? 'host-helper.missing-no-sudo' : 'host-helper.missing', { file: installed.missing.file });
  throw fail(noSudo ? 'host-helper.appimage-no-sudo' : 'host-helper.appimage');
}

export interface StartOptions {
  /** Asks the user for sudo's password (launch.relay). */
  askpass?: AskpassHandler;
  /** How long the password prompt waits. */
  askpassTimeoutMs?: number;
}

/** sudo's own words, for an error: the last lines of its stderr, never anything the user typed. */
function sudoError(stderr: string, outcome: RelayOutcome | null): NsInspectError {
  if (outcome === 'cancelled') return fail('host-helper.cancelled');
  if (outcome === 'timeout') return fail('host-helper.timeout');
  if (/incorrect password|Sorry, try again/i.test(stderr)) return fail('host-helper.wrong-password');
  const last = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^\[sudo\]/.test(l))
    .slice(-2)
    .join('; ');
  if (/not allowed|not in the sudoers/i.test(stderr)) {
    return fail('host-helper.sudo-refused', { detail: last });
  }
  return fail('host-helper.sudo-failed', { detail: last || 'no reason given' });
}

/** Why the helper that answered hello is not the one asked for, or null. */
export function helloProblem(hello: Partial<Hello> | null, mode: HelperMode): NsInspectError | null {
  if (!hello || typeof hello !== 'object') return fail('host-helper.no-hello');
  if (hello.version !== PROTOCOL_VERSION)
    return fail('host-helper.protocol', { theirs: String(hello.version ?? 1), ours: PROTOCOL_VERSION });
  if (hello.uid !== 0) return fail('host-helper.not-root');
  if (hello.mode !== mode) return fail('host-helper.wrong-mode', { theirs: String(hello.mode), ours: mode });
  const me = process.getuid?.();
  if (hello.callerUid !== null && hello.callerUid !== undefined && me !== undefined && hello.callerUid !== me) {
    return fail('host-helper.wrong-caller', { theirs: hello.callerUid, ours: me });
  }
  return null;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** A request the helper does not answer in this long fails (its commands time out sooner). */
const REQUEST_TIMEOUT_MS = 60_000;

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
  /** Why the helper is gone, for the terminals it ends and the requests it fails. */
  exitReason = '';
  private exitDetail = 'unknown';

  private constructor(
    private readonly child: ChildProcess,
    readonly how: HelperLaunch['how'],
    readonly mode: HelperMode,
  ) {
    super();
    child.stdout!.on('data', (chunk: Buffer) => {
      try {
        this.reader.push(chunk, (h, body) => this.onFrame(h, body));
      } catch (e) {
        this.fail(fail('host-helper.garbled', { detail: (e as Error).message }));
        child.kill();
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      // Until hello, kept for the error message (sudo's "Sorry, try again", polkit's refusal).
      if (!this.started && this.startErr.length < 4096) this.startErr += d.toString('utf8').slice(0, 4096);
      if (process.env.NSINSPECT_DEBUG) process.stderr.write(`[host-helper] ${d}`);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exitDetail = signal ? `killed by ${signal}` : `code ${String(code)}`;
      this.exitReason = `the host helper exited (${this.exitDetail})`;
      this.fail(fail('host-helper.exited', { detail: this.exitDetail }));
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
      if (!opts.askpass) throw fail('host-helper.no-askpass');
      relay = await AskpassRelay.open(opts.askpass, { ...(opts.askpassTimeoutMs ? { timeoutMs: opts.askpassTimeoutMs } : {}) });
      env = { ...env, ...relay.env };
    }
    try {
      const child = childProcess().spawn(launch.argv[0]!, launch.argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
      const client = new HostHelperClient(child, launch.how, launch.mode);
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', (e) => reject(fail('host-helper.spawn-failed', { how: launch.how, detail: e.message })));
      });
      let hello: Hello;
      try {
        hello = (await client.request('hello', {}, 0)) as Hello;
      } catch (e) {
        client.stop();
        await client.closed(3000);
        if (launch.how === 'pkexec') throw pkexecError(client.startErr, (e as Error).message, launch.mode);
        if (launch.how === 'sudo') throw sudoError(client.startErr, relay?.outcome ?? null);
        throw e;
      }
      const wrong = helloProblem(hello, launch.mode);
      if (wrong) {
        client.stop();
        await client.closed(3000);
        throw wrong;
      }
      client.hostPid = hello.hostPid;
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
      case 'error':
        // A frame of ours it could not take as a request: a bug on this side, logged.
        process.stderr.write(`nsinspect: the host helper refused a frame: ${h.error?.message}\n`);
        return;
      case 'res': {
        const p = this.pending.get(h.id);
        if (!p) return;
        this.pending.delete(h.id);
        if (h.ok) p.resolve(h.value);
        else p.reject(fromWire(h.error));
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
      default:
        // Requests and shell control: frames only the client sends; one coming back is ignored.
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

  /** Open terminals and unanswered requests: none means the helper may be stopped. */
  get idle(): boolean {
    return this.pending.size === 0 && this.attached.size === 0 && this.backlog.size === 0;
  }

  /** One request; fails after timeoutMs (0: waits, as hello does while a password is asked). */
  request(verb: Verb, args: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<unknown> {
    if (this.exited) return Promise.reject(fail('host-helper.exited', { detail: this.exitDetail }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = timeoutMs
        ? setTimeout(() => {
            this.pending.delete(id);
            reject(fail('host-helper.no-answer', { verb, seconds: timeoutMs / 1000 }));
          }, timeoutMs)
        : null;
      timer?.unref();
      const done =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          if (timer) clearTimeout(timer);
          f(v);
        };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      try {
        this.send({ t: 'req', id, verb, args });
      } catch (e) {
        this.pending.delete(id);
        if (timer) clearTimeout(timer);
        reject(fail('host-helper.unsendable', { verb, detail: (e as Error).message }));
      }
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
 * (namespace metadata under /proc and the engine's layer directories) and runs the probe's typed
 * commands; a PID other than the host reference is named by its container. The client is asked
 * for on every request, so a helper that died is replaced (or its absence explained) on the next.
 */
export class HostHelperAccess implements ProbeAccess {
  readonly kind = 'host-helper' as const;
  private readonly getClient: () => Promise<HostHelperClient>;

  constructor(
    client: HostHelperClient | (() => Promise<HostHelperClient>),
    /** The container whose main process this PID is, from the engine's list. */
    private readonly containerOfPid: (pid: number) => string | undefined = () => undefined,
    private readonly ownsClient = true,
    /** The client's engine socket: the helper resolves containers there (and checks it) instead of the system engine. */
    private readonly engine?: string,
  ) {
    this.getClient = typeof client === 'function' ? client : () => Promise.resolve(client);
  }

  private async request(verb: Verb, args: unknown): Promise<unknown> {
    return (await this.getClient()).request(verb, args);
  }

  private engineArg(): { engine?: string } {
    return this.engine ? { engine: this.engine } : {};
  }

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
      return (await this.request('probe.read', {
        op,
        paths,
        follow,
        containers: this.containersOf(paths),
        ...this.engineArg(),
      })) as Read<T>[];
    } catch (e) {
      return paths.map(() => ({ ok: false, error: problemOfError(e) }));
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
      return (await this.request('probe.read', {
        op: 'listDir',
        path,
        containers: this.containersOf([path]),
        ...this.engineArg(),
      })) as Read<string[]>;
    } catch (e) {
      return { ok: false, error: problemOfError(e) };
    }
  }

  async run(req: ProbeRequest): Promise<Read<RunResult>> {
    const cmd = probeCommand(req);
    try {
      const container = cmd.enter.length ? this.containerOfPid(req.pid) : undefined;
      const r = (await this.request('probe.run', { req, ...(container ? { container, ...this.engineArg() } : {}) })) as RunResult;
      if (r.code !== 0) return { ok: false, error: problemFromStderr(probeArgv(cmd), r.code, r.stderr) };
      return { ok: true, value: r };
    } catch (e) {
      return { ok: false, error: problemOfError(e, (e as NsInspectError).code === 'gone' ? 'gone' : 'failed') };
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) (await this.getClient().catch(() => null))?.stop();
  }
}

/** The helper's error as this side raises it, keeping its catalogued id when it is one of ours. */
function fromWire(w: WireError): NsInspectError {
  const e = new NsInspectError((w.code as ErrorCode) ?? 'failed', w.message, w.hint);
  if (isMessageId(w.id)) {
    e.id = w.id;
    e.params = w.params ?? {};
  }
  return e;
}
