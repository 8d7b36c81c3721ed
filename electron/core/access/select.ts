import { EventEmitter } from 'node:events';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import type { Tried } from '../../../shared/api/settings.js';
import { said, textOf, type Said } from '../../../shared/messages.js';
import type { AccessKind, ContainerEvent } from '../../../shared/model/index.js';
import type { ContainerEngine as Engine } from '../engine/types.js';
import { isRemote } from '../engine/endpoint.js';
import { fail, NsInspectError } from '../errors.js';
import type { ProbeAccess } from './access.js';
import { DirectAccess } from './direct.js';
import { DEFAULT_HELPER_IMAGE, DockerHelper, DockerHelperAccess, loadCommand, type DockerHelperOptions } from './docker-helper.js';
import type { AskpassHandler } from './host-helper/askpass.js';
import { HostHelperAccess, HostHelperClient, helperLaunch } from './host-helper/client.js';

// Here for the modules that import them from the access layer; they live with the type.
export { ACCESS_KINDS, isAccessKind } from '../../../shared/model/index.js';

export interface AccessOptions {
  /** A fixed backend (setting or --access); automatic when absent. */
  kind?: AccessKind;
  /** Needed by the helpers and by the automatic choice; without it only direct is possible. */
  engine?: Engine;
  /** The docker-helper's image (setting or --helper-image). */
  helperImage?: string;
  /** Shared helpers, so that the probe and the terminals use one helper each. */
  backends?: Backends;
}

/**
 * Rootless engines (cgroup v1 shows them as `name=systemd:/`, so the cgroup file cannot name the
 * container) put their containers in a user namespace the user created: one other than ours whose
 * uid_map maps our uid (its root, for rootless Docker and Podman). A process merely readable, in
 * our own user namespace, proves nothing: a PID from an engine in another PID namespace could
 * name any process of ours.
 */
function ownedUserNamespace(pid: number): { uid: number; inner: number } | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  if (readlinkSync(`/proc/${pid}/ns/user`) === readlinkSync('/proc/self/ns/user')) return null;
  const rows = readFileSync(`/proc/${pid}/uid_map`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const row = rows.find(([, outside, count]) => outside! <= uid && uid < outside! + count!);
  return row ? { uid, inner: row[0]! + uid - row[1]! } : null;
}

/** Why: the English the CLI prints, and the same by catalogue key for a face to translate. */
export interface Reason {
  why: string;
  whySaid?: Said;
}

/** A backend's verdict and its reason, in English and by catalogue key. */
function verdict(ok: boolean, s: Said): { ok: boolean } & Reason {
  return { ok, ...reason(s) };
}

/** A reason as Choice and AccessStatus carry it. */
export function reason(s: Said): Reason {
  return { why: textOf(s), whySaid: s };
}

/** An error as a reason a backend could not serve: its English, and its key when it has one. */
export function reasonOf(e: unknown): Reason {
  const why = (e as Error).message;
  return e instanceof NsInspectError && e.id ? { why, whySaid: said(e.id, e.params) } : { why };
}

/** Whether this process can read the engine's containers' namespaces itself. */
export async function directWorks(engine?: Pick<Engine, 'start' | 'list' | 'endpoint'>): Promise<{ ok: boolean } & Reason> {
  const root = process.getuid?.() === 0;
  if (!engine) return root ? verdict(true, said('access.why-root')) : verdict(false, said('access.why-not-root'));
  // A PID the remote engine gives means nothing in this machine's /proc, even if one matches.
  if (isRemote(engine.endpoint)) return verdict(false, said('access.why-remote', { url: engine.endpoint.url }));
  try {
    await engine.start();
  } catch {
    return root ? verdict(true, said('access.why-root-unreachable')) : verdict(false, said('access.why-unreachable'));
  }
  // A container may exit between the list and the look: one readable container of the first
  // three is enough.
  const tried = engine
    .list()
    .filter((c) => c.pid)
    .slice(0, 3);
  for (const c of tried) {
    try {
      readlinkSync(`/proc/${c.pid}/ns/net`);
      if (readFileSync(`/proc/${c.pid}/cgroup`, 'utf8').includes(c.id)) return verdict(true, said('access.why-readable', { name: c.name }));
      const owned = ownedUserNamespace(c.pid!);
      if (owned) return verdict(true, said('access.why-owned', { name: c.name, ...owned }));
    } catch {
      /* gone, or not ours to read: the next one says */
    }
  }
  if (tried.length) {
    const which = tried.map((c) => `${c.name}, pid ${c.pid}`).join('; ');
    return verdict(false, said('access.why-unreadable', { which }));
  }
  const local = engine.endpoint.url.startsWith('unix:') && engine.endpoint.source !== 'docker-desktop';
  if (root && local) return verdict(true, said('access.why-root-local'));
  if (engine.endpoint.source === 'rootless' && local) return verdict(true, said('access.why-rootless'));
  return verdict(false, said(root ? 'access.why-not-local' : 'access.why-not-root'));
}

/**
 * The helpers of one app session, started on first use and shared by the probe and the shells.
 */
export interface BackendsOptions {
  /** Asks the user for sudo's password when the host helper is started with sudo -A (a UI is attached). */
  askpass?: AskpassHandler;
  askpassTimeoutMs?: number;
  /** Which nsenter the docker-helper runs; 'image' is for tests of the busybox fallback only. */
  helperNsenter?: DockerHelperOptions['nsenter'];
}

/** The automatic choice, explained: which backend, why, and why the ones before it could not. */
export interface Choice extends Reason {
  kind: AccessKind;
  tried: Tried[];
}

/** What to do when no backend serves: the fix depends on what already works (see NoAccessError). */
function noAccess(tried: Tried[], helperImage?: string, remoteLoad?: string): NsInspectError {
  const detail = tried.map((t) => `${t.kind}: ${t.why}`).join('; ');
  if (remoteLoad) {
    const image = helperImage ?? DEFAULT_HELPER_IMAGE;
    const tagged = image.split('@')[0] ?? image;
    return tagged === image
      ? fail('access.none-remote', { detail, image, load: remoteLoad })
      : fail('access.none-remote-pinned', { detail, image, tagged, load: remoteLoad });
  }
  return helperImage ? fail('access.none-image', { detail, image: helperImage }) : fail('access.none', { detail });
}

/** No backend could serve: each one's reason, and what to do. */
export class NoAccessError extends NsInspectError {
  /**
   * helperImage: given when this user already talks to the engine (docker group, rootless), so
   * joining the group is no fix; the image the docker-helper wanted is.
   */
  constructor(
    readonly tried: Tried[],
    helperImage?: string,
    /** For a remote engine: the command that loads an image there (only the docker-helper can serve). */
    remoteLoad?: string,
  ) {
    const why = noAccess(tried, helperImage, remoteLoad);
    super(why.code, why.message, why.hint);
    if (why.id) this.id = why.id;
    if (why.params) this.params = why.params;
  }
}

/** A helper container in these states serves no more (created and running are its start). */
const GONE_STATES = new Set(['exited', 'dead', 'removing']);

export interface BackendsEvents {
  /** The docker-helper container died under us (removed, stopped): its terminals end, a new one is started. */
  dockerHelperDead: [DockerHelper, string];
}

export class Backends extends EventEmitter<BackendsEvents> {
  private docker: Promise<DockerHelper> | null = null;
  private host: Promise<HostHelperClient> | null = null;
  private shellHost: Promise<HostHelperClient> | null = null;
  /** The helper container now serving, to recognise its events. */
  private dockerNow: DockerHelper | null = null;
  private closed = false;

  constructor(
    readonly engine: Engine,
    readonly helperImage: string = DEFAULT_HELPER_IMAGE,
    private readonly opts: BackendsOptions = {},
  ) {
    super();
    engine.on('container', this.onContainer);
  }

  /** The helper container's own events: stopped or removed (docker rm -f, a daemon restart) is a death. */
  private readonly onContainer = (e: ContainerEvent): void => {
    const h = this.dockerNow;
    if (!h) return;
    if (e.kind === 'removed') {
      if (e.id === h.containerId) h.markDead('was removed');
    } else if (e.container.id === h.containerId && GONE_STATES.has(e.container.state)) h.markDead(`stopped (${e.container.state})`);
  };

  /** The docker-helper; a dead one is replaced on the next call. */
  dockerHelper(): Promise<DockerHelper> {
    const cur = this.docker;
    if (cur) {
      return cur.then((h) => {
        if (h.alive || this.closed) return h;
        if (this.docker === cur) this.docker = null;
        return this.dockerHelper();
      });
    }
    const started = this.engine.start().then(async () => {
      const h = await DockerHelper.start(this.engine.docker, this.helperImage, {
        nsenter: this.opts.helperNsenter ?? 'auto',
        loadCommand: loadCommand(this.engine.endpoint),
      });
      if (this.closed) {
        await h.stop();
        return h;
      }
      this.dockerNow = h;
      h.once('dead', (why) => {
        if (this.dockerNow === h) this.dockerNow = null;
        // The container is gone; what is left of it (AutoRemove may not run after a kill) is removed.
        void h.stop();
        this.emit('dockerHelperDead', h, why);
      });
      return h;
    });
    this.docker = started;
    started.catch(() => {
      if (this.docker === started) this.docker = null;
    });
    return started;
  }

  /** The reading helper: probe verbs only. A dead one is replaced on the next call. */
  hostHelper(): Promise<HostHelperClient> {
    const cur = this.host;
    if (cur) {
      return cur.then((c) => {
        if (c.alive) return c;
        if (this.host === cur) this.host = null;
        return this.hostHelper();
      });
    }
    const { askpass, askpassTimeoutMs } = this.opts;
    const started = Promise.resolve().then(() =>
      HostHelperClient.start(helperLaunch(process.env, { askpass: !!askpass }), {
        ...(askpass ? { askpass } : {}),
        ...(askpassTimeoutMs ? { askpassTimeoutMs } : {}),
      }),
    );
    this.host = started;
    started.catch(() => {
      if (this.host === started) this.host = null;
    });
    return started;
  }

  /**
   * The shell-capable helper: a second process, started only when a host-helper shell is asked
   * for, under its own authorisation (polkit action io.nsinspect.host-shell, or sudo). Unless it
   * runs already, or nsinspect is root already, a request that is not `confirmed` is refused with
   * 'needs-confirmation' so that the app says what it is about to do before the password is
   * asked. Once a password was asked for it, it is stopped when its last terminal ends: the next
   * root shell asks again.
   */
  hostShellHelper(confirmed: boolean): Promise<HostHelperClient> {
    const cur = this.shellHost;
    if (cur) {
      return cur.then((c) => {
        if (c.alive) return c;
        if (this.shellHost === cur) this.shellHost = null;
        return this.hostShellHelper(confirmed);
      });
    }
    const { askpass, askpassTimeoutMs } = this.opts;
    let launch;
    try {
      launch = helperLaunch(process.env, { askpass: !!askpass, shells: true });
    } catch (e) {
      return Promise.reject(e as Error);
    }
    if (launch.how !== 'direct' && !confirmed) {
      return Promise.reject(fail(launch.how === 'pkexec' ? 'shell.confirm-pkexec' : 'shell.confirm-sudo'));
    }
    const authorised = launch.how !== 'direct';
    const started = HostHelperClient.start(launch, {
      ...(askpass ? { askpass } : {}),
      ...(askpassTimeoutMs ? { askpassTimeoutMs } : {}),
    }).then((c) => {
      // Already root, nothing was authorised: kept, as the reading helper is.
      if (!authorised) return c;
      c.on('end', () =>
        setImmediate(() => {
          if (c.idle && this.shellHost === started) {
            this.shellHost = null;
            c.stop();
          }
        }),
      );
      return c;
    });
    this.shellHost = started;
    started.catch(() => {
      if (this.shellHost === started) this.shellHost = null;
    });
    return started;
  }

  /**
   * The engine's unix socket for the host helper, which asks that engine (and checks its answer)
   * about a container instead of the system's: Podman as root, a second Docker engine. Resolved
   * here, since the helper refuses a path through a symlink (/var/run is one on most systems).
   */
  engineSocket(): string | undefined {
    const url = this.engine.endpoint.url;
    if (!url.startsWith('unix://')) return undefined;
    const path = url.slice('unix://'.length);
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  }

  containerOfPid = (pid: number): string | undefined => this.engine.list().find((c) => c.pid === pid)?.id;

  /** The automatic order: direct, docker-helper, host-helper; the error says what each lacked. */
  async choose(kind?: AccessKind): Promise<AccessKind> {
    return (await this.explain(kind)).kind;
  }

  /** choose(), with the reasons (for the Settings view). */
  async explain(kind?: AccessKind): Promise<Choice> {
    if (kind) return { kind, ...reason(said('access.why-fixed')), tried: [] };
    const tried: Choice['tried'] = [];
    // A remote engine that cannot be reached (a host key, a refused key) is that one line, not a
    // list of backends that all needed it.
    if (isRemote(this.engine.endpoint)) await this.engine.start();
    const d = await directWorks(this.engine);
    const { ok, ...direct } = d;
    if (ok) return { kind: 'direct', ...direct, tried };
    tried.push({ kind: 'direct', ...direct });
    try {
      await this.dockerHelper();
      return { kind: 'docker-helper', ...reason(said('access.why-helper-runs', { image: this.helperImage })), tried };
    } catch (e) {
      tried.push({ kind: 'docker-helper', ...reasonOf(e) });
    }
    if (isRemote(this.engine.endpoint))
      throw new NoAccessError(
        [...tried, { kind: 'host-helper', ...reason(said('access.why-host-remote', { url: this.engine.endpoint.url })) }],
        this.helperImage,
        loadCommand(this.engine.endpoint),
      );
    try {
      const c = await this.hostHelper();
      return { kind: 'host-helper', ...reason(said('access.why-host-helper-runs', { how: c.how })), tried };
    } catch (e) {
      tried.push({ kind: 'host-helper', ...reasonOf(e) });
    }
    throw new NoAccessError(tried, this.engine.state.status === 'connected' ? this.helperImage : undefined);
  }

  async access(kind: AccessKind): Promise<ProbeAccess> {
    switch (kind) {
      case 'direct':
        return new DirectAccess();
      case 'docker-helper':
        await this.dockerHelper();
        return new DockerHelperAccess(() => this.dockerHelper());
      case 'host-helper':
        await this.hostHelper();
        return new HostHelperAccess(() => this.hostHelper(), this.containerOfPid, false, this.engineSocket());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.engine.off('container', this.onContainer);
    const [d, h, sh] = [this.docker, this.host, this.shellHost];
    this.docker = this.host = this.shellHost = null;
    await Promise.allSettled([d?.then((x) => x.stop()), h?.then((x) => x.stop()), sh?.then((x) => x.stop())]);
  }
}

/** Closing the access also stops the helpers it started. */
class OwningAccess implements ProbeAccess {
  constructor(
    private readonly inner: ProbeAccess,
    readonly backends: Backends,
    private readonly owns: boolean,
  ) {}
  get kind() {
    return this.inner.kind;
  }
  readFiles(p: string[]) {
    return this.inner.readFiles(p);
  }
  readLinks(p: string[]) {
    return this.inner.readLinks(p);
  }
  stat(p: string[], f?: boolean) {
    return this.inner.stat(p, f);
  }
  resolve(p: string[]) {
    return this.inner.resolve(p);
  }
  listDir(p: string) {
    return this.inner.listDir(p);
  }
  run(c: Parameters<ProbeAccess['run']>[0]) {
    return this.inner.run(c);
  }
  async close() {
    await this.inner.close();
    if (this.owns) await this.backends.close();
  }
}

/** The backend that serves the probe's reads; see docs/access-and-shells.md. */
export async function createAccess(opts: AccessOptions = {}): Promise<ProbeAccess> {
  if (!opts.engine && !opts.backends) {
    const kind = opts.kind ?? 'direct';
    if (kind === 'direct') return new DirectAccess();
    throw fail('helper.no-engine', { kind });
  }
  const backends = opts.backends ?? new Backends(opts.engine!, opts.helperImage);
  try {
    const kind = await backends.choose(opts.kind);
    return new OwningAccess(await backends.access(kind), backends, !opts.backends);
  } catch (e) {
    // A helper started before the failure would keep the process alive: stop what this call started.
    if (!opts.backends) await backends.close();
    throw e;
  }
}

/** The helpers behind an access made by createAccess, to share them with the shells. */
export function backendsOf(access: ProbeAccess): Backends | null {
  return access instanceof OwningAccess ? access.backends : null;
}
