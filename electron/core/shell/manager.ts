import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ShellEnd, ShellOpenRequest, ShellSession } from '../../../shared/api/shell.js';
import type { AccessKind, ContainerEvent } from '../../../shared/model/index.js';
import { NS_TYPES } from '../../../shared/model/index.js';
import { DirectAccess } from '../access/direct.js';
import { DockerHelperAccess, type DockerHelper } from '../access/docker-helper.js';
import { HostHelperAccess } from '../access/host-helper/client.js';
import { Backends, backendsOf } from '../access/select.js';
import type { ContainerEngine as Engine } from '../engine/types.js';
import { checkContainerRef, USER_SPEC } from '../../../shared/model/index.js';
import { fail, notRunning } from '../errors.js';
import { findHostReference } from '../probe/host.js';
import type { ShellHost, ShellHostEvents } from './host.js';
import type { LaunchContext, LaunchedSession } from './launch/context.js';
import { launchDirect } from './launch/direct.js';
import { launchDockerHelper } from './launch/docker-helper.js';
import { launchEngineExec } from './launch/engine.js';
import { launchHostHelper } from './launch/host-helper.js';
import { checkArgv, checkCwd, checkNamespaces } from './plan.js';
import { accessReader, planRoute, planShell, type PlanReader, type PlanRequest } from './planner.js';
import { killTree } from './proctree.js';
import { DEFAULT_FLOW, errorEnd, type FlowOptions } from './session.js';

export interface ShellManagerOptions {
  engine: Engine;
  /** Shared with the probe's access (createAccess), so there is one helper of each kind. */
  backends?: Backends;
  /** The backend when a request names none; automatic otherwise. */
  access?: AccessKind | undefined;
  helperImage?: string;
  flow?: FlowOptions;
}

export interface OpenOptions {
  /** false: no terminal, stdin/stdout/stderr as pipes (the CLI without a TTY). */
  tty?: boolean;
}

/** Fixed sh line for a plain `docker exec` with "auto" shell; no caller data in it. */
const AUTO_SHELL = 'for s in /bin/bash /usr/bin/bash /bin/ash /bin/sh; do [ -x "$s" ] && exec "$s"; done; exec sh';

/** What a launcher started, and what the session then says about itself. */
type Launched = { session: LaunchedSession } & Pick<
  ShellSession,
  'access' | 'namespaces' | 'notEntered' | 'confinement' | 'missing' | 'command'
>;

/**
 * Terminal sessions for every backend behind one API (ShellHost). One plan (planner.ts), then one
 * launcher: the engine's exec for a whole container (confined like docker exec), else the
 * backend's nsenter — direct (node-pty), docker-helper (TTY exec in the helper container),
 * host-helper (a channel of the root helper).
 */
export class ShellManager extends EventEmitter implements ShellHost {
  backends: Backends;
  private readonly sessions = new Map<string, LaunchedSession>();
  /** Sessions run through a docker-helper, and which one: they end when it dies. */
  private readonly viaHelper = new Map<string, DockerHelper>();
  private readonly onHelperDead = (helper: DockerHelper, why: string) => {
    for (const [id, h] of this.viaHelper) {
      const s = this.sessions.get(id);
      if (h !== helper || !s || s.isEnded) continue;
      s.endOverride = errorEnd(fail('shell.docker-helper-died', { name: helper.name, detail: why }));
      void s.kill();
    }
  };
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
    this.backends.on('dockerHelperDead', this.onHelperDead);
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
      this.viaHelper.delete(id);
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
    if (req.user !== undefined && (typeof req.user !== 'string' || !USER_SPEC.test(req.user))) throw fail('shell.bad-user');
    for (const [k, v] of [
      ['cols', req.cols],
      ['rows', req.rows],
    ] as const) {
      if (!Number.isInteger(v) || v < 2 || v > 1000) throw fail('shell.bad-size', { what: k });
    }
    if (req.kind !== 'nsenter' && req.kind !== 'docker-exec') throw fail('shell.bad-kind');
    if (req.unconfined !== undefined && typeof req.unconfined !== 'boolean') throw fail('shell.bad-unconfined');
    const id = randomBytes(8).toString('hex');
    const ctx: LaunchContext = {
      id,
      sink: this.sink,
      flow: this.flow,
      tty: opts.tty !== false,
      cols: req.cols,
      rows: req.rows,
      ...(cwd ? { cwd } : {}),
    };

    await this.opts.engine.start();
    const container = await this.opts.engine.resolve(ref);
    const raw = await this.opts.engine.inspectRaw(container.id);
    const pid = raw.State?.Running ? raw.State.Pid : 0;
    if (!pid) throw notRunning(container, raw.State?.Status ?? container.state);

    if (req.kind === 'docker-exec' && container.engine === 'containerd') throw fail('shell.containerd-no-exec', { name: container.name });
    const launched =
      req.kind === 'docker-exec'
        ? await this.openDockerExec(ctx, container, command, req)
        : await this.openNsenter(
            ctx,
            { id: container.id, name: container.name, pid },
            {
              pid,
              namespaces,
              command,
              unconfined: req.unconfined === true,
              engineExec: container.engine !== 'containerd',
              ...(req.user ? { user: req.user } : {}),
            },
            req.access,
            req.confirmRootShell === true,
          );
    const { session, ...about } = launched;

    // When the program ends, say whether it was because the container stopped.
    session.onExit = async (end) => {
      if (end.reason !== 'exited') return end;
      const stillRunning = async () => {
        const st = await this.opts.engine.inspectRaw(container.id).catch(() => null);
        return st?.State?.Running === true && st.State.Pid === pid;
      };
      // A program killed with its container (docker stop: exit 137/143, or a signal) may end
      // before the engine has seen its init die, so such an end waits briefly for the engine's word.
      const killed = end.signal !== null || end.code >= 128;
      for (let i = 0; killed && i < 20; i++) {
        if (!(await stillRunning())) return { reason: 'container-stopped' };
        await new Promise((r) => setTimeout(r, 100));
      }
      return (await stillRunning()) ? end : { reason: 'container-stopped' };
    };
    if ('onStderr' in session) session.onStderr = (d) => this.emit('stderr', id, new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    const info: ShellSession = {
      id,
      container: { id: container.id, name: container.name, pid },
      kind: req.kind,
      ...about,
      ...(req.user ? { user: req.user } : {}),
    };
    session.info = info;
    this.sessions.set(id, session);
    // After the caller has the id (its continuation runs first), output and the end flow.
    setTimeout(() => session.release(), 0);
    return info;
  }

  /** A plain engine exec: the container's own profile, no privilege, no planning. */
  private async openDockerExec(
    ctx: LaunchContext,
    container: { id: string; name: string },
    command: string[],
    req: ShellOpenRequest,
  ): Promise<Launched> {
    const program = command.length ? command : ['/bin/sh', '-c', AUTO_SHELL];
    const session = await launchEngineExec(ctx, this.opts.engine.docker, container, program, req.user, (p) => this.killExec(p));
    return {
      session,
      access: req.access ?? 'direct',
      namespaces: NS_TYPES.filter((t) => t !== 'user' && t !== 'time'),
      notEntered: [],
      confinement: 'container',
      missing: [],
      command: program,
    };
  }

  /**
   * The ticked namespaces, planned once (planShell) through the chosen backend; run by the
   * engine's exec when the whole container is asked for, else by that backend's nsenter.
   */
  private async openNsenter(
    ctx: LaunchContext,
    container: { id: string; name: string; pid: number },
    ask: Omit<PlanRequest, 'hostPid' | 'hostRoot'>,
    want: AccessKind | undefined,
    confirmRootShell: boolean,
  ): Promise<Launched> {
    const backends = this.backends;
    const access = await backends.choose(want ?? this.opts.access);
    const { reader, hostPid, hostRoot } = await this.plannerFor(backends, access);
    if (backends !== this.backends) throw fail('shell.backend-changed');
    const preq: PlanRequest = { ...ask, hostPid, hostRoot };
    const route = await planRoute(preq, reader);
    const about = { access, namespaces: route.enter, notEntered: route.notEntered, confinement: route.confinement, missing: route.missing };
    if (route.route === 'engine') {
      const plan = await planShell(preq, reader, route);
      const session = await launchEngineExec(ctx, this.opts.engine.docker, container, plan.program, ask.user, (p) => this.killExec(p));
      return { session, ...about, command: plan.program };
    }
    switch (access) {
      case 'host-helper': {
        // Host-helper shells run as root outside the container's confinement: their own helper
        // and authorisation, asked for only after the app has said so (needs-confirmation).
        const { session, plan } = await launchHostHelper(ctx, await backends.hostShellHelper(confirmRootShell), container, {
          namespaces: [...ask.namespaces],
          unconfined: ask.unconfined,
          ...(ask.command.length ? { command: [...ask.command] } : {}),
          ...(ask.user ? { user: ask.user } : {}),
          ...(backends.engineSocket() ? { engine: backends.engineSocket()! } : {}),
        });
        return { session, access, ...plan };
      }
      case 'docker-helper': {
        const plan = await planShell(preq, reader, route);
        const helper = await backends.dockerHelper();
        const session = await launchDockerHelper(ctx, this.opts.engine.docker, helper, container.pid, plan);
        this.viaHelper.set(ctx.id, helper);
        return { session, ...about, command: plan.program };
      }
      case 'direct': {
        const plan = await planShell(preq, reader, route);
        return { session: launchDirect(ctx, container.pid, plan), ...about, command: plan.program };
      }
    }
  }

  /** Reads for planning through the backend, and the host reference it sees. */
  private async plannerFor(backends: Backends, access: AccessKind): Promise<{ reader: PlanReader; hostPid: number; hostRoot: string }> {
    switch (access) {
      case 'direct':
        return { reader: accessReader(new DirectAccess()), hostPid: await this.directHostPid(), hostRoot: '' };
      case 'docker-helper': {
        const helper = await backends.dockerHelper();
        return { reader: accessReader(new DockerHelperAccess(helper)), hostPid: helper.hostPid, hostRoot: `/proc/${helper.hostPid}/root` };
      }
      case 'host-helper': {
        // The helper plans host-side shells itself; through it, only the route and the container's files are read.
        const client = await backends.hostHelper();
        return {
          reader: accessReader(new HostHelperAccess(client, backends.containerOfPid, false, backends.engineSocket())),
          hostPid: client.hostPid,
          hostRoot: `/proc/${client.hostPid}/root`,
        };
      }
    }
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

  private get(id: string): LaunchedSession | undefined {
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
   * when it stops); sessions run by the engine's exec need no helper and keep running.
   */
  async setBackends(backends: Backends, access: AccessKind | undefined): Promise<void> {
    this.opts.access = access;
    if (backends === this.backends) return;
    const old = this.backends;
    old.off('dockerHelperDead', this.onHelperDead);
    this.backends = backends;
    backends.on('dockerHelperDead', this.onHelperDead);
    // Sessions run by the engine's exec do not depend on a helper.
    const ending = [...this.sessions.values()].filter(
      (s) => s.info?.kind === 'nsenter' && s.info.confinement !== 'container' && !s.isEnded,
    );
    for (const s of ending) s.endOverride = errorEnd(fail('shell.backend-switched'));
    await Promise.allSettled(ending.map((s) => s.kill()));
    if (!this.opts.backends && old !== backends) void old.close();
  }

  /** Closes every session and stops helpers this manager started. */
  async dispose(): Promise<void> {
    await this.closeAll();
    this.opts.engine.off('container', this.onContainer);
    this.backends.off('dockerHelperDead', this.onHelperDead);
    if (!this.opts.backends) await this.backends.close();
  }
}

/** The shells for a service, sharing its engine and (when createAccess made it) its helpers. */
export function shellHostFor(
  service: { engine: Engine; access: { kind: AccessKind } },
  opts: Partial<ShellManagerOptions> = {},
): ShellManager {
  const backends = backendsOf(service.access as never) ?? undefined;
  return new ShellManager({ engine: service.engine, ...(backends ? { backends } : {}), ...opts });
}
