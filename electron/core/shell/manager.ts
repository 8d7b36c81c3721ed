import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { ShellEnd, ShellOpenRequest, ShellSession } from '../../../shared/api/shell.js';
import type { AccessKind, ContainerEvent, NsType } from '../../../shared/model/index.js';
import { NS_TYPES } from '../../../shared/model/index.js';
import { DirectAccess } from '../access/direct.js';
import { lexists, nsInodesOf } from '../util/local-fs.js';
import { DockerHelperAccess } from '../access/docker-helper.js';
import { Backends, backendsOf } from '../access/select.js';
import type { Engine } from '../engine/engine.js';
import { NsInspectError } from '../errors.js';
import { findHostReference } from '../probe/host.js';
import type { ShellHost, ShellHostEvents } from './host.js';
import { ExecSession } from './exec-session.js';
import { HelperSession } from './helper-session.js';
import {
  SHELL_CANDIDATES,
  USER_SPEC,
  checkArgv,
  checkContainerRef,
  checkCwd,
  checkNamespaces,
  effectiveNamespaces,
  nsenterArgv,
  programCandidates,
  resolveUser,
  shellEnv,
  targetRoot,
} from './plan.js';
import { ProcessSession } from './process-session.js';
import { killTree } from './proctree.js';
import { PtySession } from './pty-session.js';
import { DEFAULT_FLOW, type FlowOptions, type Session } from './session.js';

export interface ShellManagerOptions {
  engine: Engine;
  /** Shared with the probe's access (createAccess), so there is one helper of each kind. */
  backends?: Backends;
  /** The backend when a request names none; automatic otherwise. */
  access?: AccessKind;
  helperImage?: string;
  flow?: FlowOptions;
}

export interface OpenOptions {
  /** false: no terminal, stdin/stdout/stderr as pipes (the CLI without a TTY). */
  tty?: boolean;
}

/** Fixed sh line for a plain `docker exec` with "auto" shell; no caller data in it. */
const AUTO_SHELL = 'for s in /bin/bash /usr/bin/bash /bin/ash /bin/sh; do [ -x "$s" ] && exec "$s"; done; exec sh';

/** Fixed sh line: size the TTY, then run the argv given as arguments. */
const SIZED = 'stty rows "$1" cols "$2" 2>/dev/null; shift 2; exec "$@"';

type AnySession = Session & { onExit: ((end: ShellEnd) => ShellEnd | Promise<ShellEnd>) | null; onStderr?: ((c: Buffer) => void) | null; endInput?: () => void };



/**
 * Terminal sessions for every backend behind one API (ShellHost): direct (node-pty running
 * nsenter), docker-helper (TTY exec of nsenter in the helper container), host-helper (a channel
 * of the root helper) and plain docker exec.
 */
export class ShellManager extends EventEmitter implements ShellHost {
  backends: Backends;
  private readonly sessions = new Map<string, AnySession>();
  private readonly flow: FlowOptions;
  private hostRef: Promise<number> | null = null;
  private readonly onContainer = (e: ContainerEvent) => {
    const id = e.kind === 'removed' ? e.id : e.container.id;
    const running = e.kind !== 'removed' && e.container.state === 'running';
    if (running) return;
    for (const s of this.sessions.values()) {
      if (s.info?.container.id === id && !s.isEnded) {
        s.endOverride = { reason: 'container-stopped' };
        void s.kill();
      }
    }
  };

  constructor(private readonly opts: ShellManagerOptions) {
    super();
    this.backends = opts.backends ?? new Backends(opts.engine, opts.helperImage);
    this.flow = opts.flow ?? DEFAULT_FLOW;
    opts.engine.on('container', this.onContainer);
  }

  override on<E extends keyof ShellHostEvents>(event: E, listener: (...args: ShellHostEvents[E]) => void): this;
  override on(event: 'stderr', listener: (id: string, data: Uint8Array) => void): this;
  override on(event: string, listener: (...args: any[]) => void): this {
    return super.on(event, listener);
  }
  override off<E extends keyof ShellHostEvents>(event: E, listener: (...args: ShellHostEvents[E]) => void): this;
  override off(event: string, listener: (...args: any[]) => void): this {
    return super.off(event, listener);
  }

  private sink = {
    data: (id: string, data: Uint8Array) => this.emit('data', id, data),
    end: (id: string, end: ShellEnd) => {
      this.sessions.delete(id);
      this.emit('end', id, end);
    },
  };

  private directHostPid(): Promise<number> {
    this.hostRef ??= findHostReference(new DirectAccess()).then((h) => h.pid);
    return this.hostRef;
  }

  async open(req: ShellOpenRequest, opts: OpenOptions = {}): Promise<ShellSession> {
    const ref = checkContainerRef(req.container);
    const namespaces = checkNamespaces(req.namespaces ?? []);
    const command = req.command === undefined ? [] : checkArgv(req.command);
    const cwd = checkCwd(req.cwd);
    if (req.user !== undefined && (typeof req.user !== 'string' || !USER_SPEC.test(req.user))) throw new NsInspectError('input', 'user must be name, uid, name:group or uid:gid');
    for (const [k, v] of [['cols', req.cols], ['rows', req.rows]] as const) {
      if (!Number.isInteger(v) || v < 2 || v > 1000) throw new NsInspectError('input', `${k} must be an integer from 2 to 1000`);
    }
    if (req.kind !== 'nsenter' && req.kind !== 'docker-exec') throw new NsInspectError('input', 'kind must be nsenter or docker-exec');
    const tty = opts.tty !== false;
    const id = randomBytes(8).toString('hex');

    await this.opts.engine.start();
    const container = await this.opts.engine.resolve(ref);
    const raw = await this.opts.engine.inspectRaw(container.id);
    const pid = raw.State?.Running ? raw.State.Pid : 0;
    if (!pid) throw new NsInspectError('not-running', `container ${container.name} is not running (${raw.State?.Status ?? container.state})`, `start it: docker start ${container.name}`);

    let session: AnySession;
    let access: AccessKind;
    let entered: NsType[];
    let program: string[];

    if (req.kind === 'docker-exec') {
      access = req.access ?? 'direct';
      program = command.length ? command : ['/bin/sh', '-c', AUTO_SHELL];
      session = await ExecSession.open(
        id, this.sink, this.opts.engine.docker,
        { containerId: container.id, cmd: program, env: { TERM: 'xterm-256color' }, tty, cols: req.cols, rows: req.rows, ...(req.user ? { user: req.user } : {}), ...(cwd ? { workingDir: cwd } : {}) },
        (p) => this.killExec(p), this.flow,
      );
      entered = NS_TYPES.filter((t) => t !== 'user' && t !== 'time');
    } else {
      const backends = this.backends;
      access = await backends.choose(req.access ?? this.opts.access);
      if (backends !== this.backends) throw new NsInspectError('gone', 'the access backend changed while the terminal was opening', 'open it again');
      if (access === 'host-helper') {
        // Host-helper shells run as root outside the container's confinement: their own helper
        // and authorisation, asked for only after the app has said so (needs-confirmation).
        const client = await this.backends.hostShellHelper(req.confirmRootShell === true);
        const r = (await client.request('shell.open', {
          container: container.id, namespaces, command: command.length ? command : undefined, cwd, user: req.user, cols: req.cols, rows: req.rows, tty, pid,
        })) as { ch: number; namespaces: NsType[]; command: string[] };
        session = new HelperSession(id, this.sink, client, r.ch, this.flow);
        entered = r.namespaces;
        program = r.command;
      } else if (access === 'docker-helper') {
        const helper = await this.backends.dockerHelper();
        const acc = new DockerHelperAccess(helper);
        const inodes = async (p: number) => {
          const links = await acc.readLinks(NS_TYPES.map((t) => `/proc/${p}/ns/${t}`));
          return Object.fromEntries(NS_TYPES.flatMap((t, i) => {
            const l = links[i];
            const m = l?.ok ? /\[(\d+)\]/.exec(l.value) : null;
            return m ? [[t, Number(m[1])]] : [];
          })) as Partial<Record<NsType, number>>;
        };
        entered = effectiveNamespaces(namespaces, await inodes(pid), await inodes(helper.hostPid));
        const root = targetRoot(pid, entered, `/proc/${helper.hostPid}/root`);
        program = await this.pickProgram(command, entered, async (paths) => (await acc.stat(paths.map((p) => root + p))).map((s) => s.ok));
        const user = req.user ? resolveUser(req.user, ...(await acc.readFiles([`${root}/etc/passwd`, `${root}/etc/group`])).map((r) => (r.ok ? r.value : '')) as [string, string]) : undefined;
        const argv = helper.nsenter(pid, entered, program, { ...(user ? { uid: user.uid, gid: user.gid } : {}), ...(cwd ? { cwd } : {}) });
        session = await ExecSession.open(
          id, this.sink, this.opts.engine.docker,
          // The engine (API < 1.42) sizes an exec's TTY only after it starts; sized here before nsenter runs.
          { containerId: helper.containerId, cmd: tty ? ['sh', '-c', SIZED, 'sh', String(req.rows), String(req.cols), ...argv] : argv, env: shellEnv(user?.home), tty, cols: req.cols, rows: req.rows },
          (p) => helper.killTree(p), this.flow,
        );
      } else {
        const hostPid = await this.directHostPid();
        entered = effectiveNamespaces(namespaces, nsInodesOf(pid), nsInodesOf(hostPid));
        const root = targetRoot(pid, entered, '');
        program = await this.pickProgram(command, entered, async (paths) => paths.map((p) => lexists(root + p)));
        const read = (f: string) => {
          try {
            return readFileSync(root + f, 'utf8');
          } catch {
            return '';
          }
        };
        const user = req.user ? resolveUser(req.user, read('/etc/passwd'), read('/etc/group')) : undefined;
        const argv = nsenterArgv({ pid, enter: entered, argv: program, ...(user ? { uid: user.uid, gid: user.gid } : {}), ...(cwd ? { cwd } : {}) });
        const env = shellEnv(user?.home);
        session = tty
          ? new PtySession(id, this.sink, { argv, env, cols: req.cols, rows: req.rows }, this.flow)
          : new ProcessSession(id, this.sink, argv, env, this.flow);
      }
    }

    // When the program ends, say whether it was because the container stopped.
    session.onExit = async (end) => {
      if (end.reason !== 'exited') return end;
      const st = await this.opts.engine.inspectRaw(container.id).catch(() => null);
      return st?.State?.Running && st.State.Pid === pid ? end : { reason: 'container-stopped' };
    };
    if ('onStderr' in session) session.onStderr = (d) => this.emit('stderr', id, new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    const info: ShellSession = { id, container: { id: container.id, name: container.name, pid }, kind: req.kind, namespaces: entered, access, command: program };
    session.info = info;
    this.sessions.set(id, session);
    // After the caller has the id (its continuation runs first), output and the end flow.
    setTimeout(() => session.release(), 0);
    return info;
  }

  /** The program: the one given (bare names looked up in PATH dirs of the target root) or bash, ash, sh. */
  private async pickProgram(command: string[], entered: NsType[], exists: (paths: string[]) => Promise<boolean[]>): Promise<string[]> {
    const where = entered.includes('mnt') ? "the container's" : "the host's";
    if (command.length) {
      const cands = programCandidates(command[0]!);
      const found = await exists(cands);
      const i = found.indexOf(true);
      if (i < 0) throw new NsInspectError('not-found', `${command[0]} not found in ${where} filesystem`);
      return [cands[i]!, ...command.slice(1)];
    }
    const found = await exists(SHELL_CANDIDATES);
    const i = found.indexOf(true);
    if (i < 0) throw new NsInspectError('not-found', `no shell (bash, ash, sh) in ${where} filesystem`, "untick mnt to use the host's tools, or give a command");
    return [SHELL_CANDIDATES[i]!];
  }

  /** An exec's process tree: the engine API cannot kill an exec, so its PID is killed here or by a helper. */
  private async killExec(pid: number): Promise<void> {
    try {
      process.kill(pid, 0);
      await killTree(pid);
      return;
    } catch {
      /* not ours to signal, or not visible here */
    }
    const helper = await this.backends.dockerHelper().catch(() => null);
    await helper?.killTree(pid);
  }

  private get(id: string): AnySession | undefined {
    return typeof id === 'string' ? this.sessions.get(id) : undefined;
  }

  input(id: string, data: string | Uint8Array): void {
    const s = this.get(id);
    if (!s) return;
    s.noteInput();
    s.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  /** End of input, for sessions without a terminal. */
  endInput(id: string): void {
    this.get(id)?.endInput?.();
  }

  resize(id: string, cols: number, rows: number): void {
    if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 2 || cols > 1000 || rows > 1000) return;
    this.get(id)?.resize(cols, rows);
  }

  signal(id: string, sig: NodeJS.Signals): void {
    this.get(id)?.signal(sig);
  }

  ack(id: string, bytes: number): void {
    if (Number.isFinite(bytes) && bytes >= 0) this.get(id)?.ack(bytes);
  }

  async close(id: string): Promise<void> {
    const s = this.get(id);
    if (s) await s.kill();
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((s) => s.kill()));
  }

  /**
   * The access backend changed (Settings): later sessions use these helpers and this default
   * backend. Sessions entered through the old helpers are ended (they would lose their helper
   * when it stops); docker exec sessions need no helper and keep running.
   */
  async setBackends(backends: Backends, access: AccessKind | undefined): Promise<void> {
    this.opts.access = access;
    if (backends === this.backends) return;
    const old = this.backends;
    this.backends = backends;
    const ending = [...this.sessions.values()].filter((s) => s.info?.kind === 'nsenter' && !s.isEnded);
    for (const s of ending) s.endOverride = { reason: 'error', message: 'the access backend was changed in Settings: open the terminal again' };
    await Promise.allSettled(ending.map((s) => s.kill()));
    if (!this.opts.backends && old !== backends) void old.close();
  }

  /** Closes every session and stops helpers this manager started. */
  async dispose(): Promise<void> {
    await this.closeAll();
    this.opts.engine.off('container', this.onContainer);
    if (!this.opts.backends) await this.backends.close();
  }
}

/** The shells for a service, sharing its engine and (when createAccess made it) its helpers. */
export function shellHostFor(service: { engine: Engine; access: { kind: AccessKind } }, opts: Partial<ShellManagerOptions> = {}): ShellManager {
  const backends = backendsOf(service.access as never) ?? undefined;
  return new ShellManager({ engine: service.engine, ...(backends ? { backends } : {}), ...opts });
}
