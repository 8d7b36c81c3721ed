import { EventEmitter } from 'node:events';
import Docker from 'dockerode';
import { ID64 } from '../../../shared/api/validate.js';
import type { Container, ContainerEvent, Endpoint, EngineState } from '../../../shared/model/index.js';
import { containerFromInspect } from './convert.js';
import { dockerodeOptions, resolveEndpoint } from './endpoint.js';
import { NsInspectError } from '../errors.js';


export interface EngineEvents {
  state: [EngineState];
  container: [ContainerEvent];
}

const CHANGE_ACTIONS = new Set([
  'create', 'start', 'restart', 'die', 'stop', 'kill', 'pause', 'unpause', 'rename', 'update', 'oom',
]);

/**
 * The container engine: the live container list, kept current from the engine's
 * event stream, and reconnection with backoff when the daemon goes away.
 */
export class Engine extends EventEmitter<EngineEvents> {
  readonly endpoint: Endpoint;
  readonly docker: Docker;
  private containers = new Map<string, Container>();
  private _state: EngineState;
  private eventStream: NodeJS.ReadableStream | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = 500;
  private stopped = false;
  private ready: Promise<void> | null = null;

  constructor(endpoint: Endpoint = resolveEndpoint()) {
    super();
    this.endpoint = endpoint;
    this.docker = new Docker(dockerodeOptions(endpoint.url) as Docker.DockerOptions);
    this._state = { status: 'connecting', endpoint };
  }

  get state(): EngineState {
    return this._state;
  }

  /**
   * Resolves once connected and the list is loaded, or rejects with why not.
   * While unreachable, each call tries again at once rather than waiting for the backoff.
   */
  start(): Promise<void> {
    if (this._state.status === 'connected') return Promise.resolve();
    this.ready ??= this.connect().finally(() => {
      this.ready = null;
    });
    return this.ready;
  }

  private setState(s: EngineState): void {
    this._state = s;
    this.emit('state', s);
  }

  private async connect(): Promise<void> {
    try {
      const [version, info] = await Promise.all([this.docker.version(), this.docker.info()]);
      await this.follow();
      await this.reload();
      this.retryMs = 500;
      this.setState({
        status: 'connected',
        endpoint: this.endpoint,
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: `${version.Os}/${version.Arch}`,
        storageDriver: String((info as { Driver?: string }).Driver ?? ''),
      });
    } catch (err) {
      this.unreachable(err);
      throw this.unreachableError(err);
    }
  }

  private unreachableError(err: unknown): NsInspectError {
    const e = err as NodeJS.ErrnoException;
    const why = e?.code === 'EACCES'
      ? `permission denied on ${this.endpoint.url}`
      : e?.code === 'ENOENT' || e?.code === 'ECONNREFUSED'
        ? `no engine is listening at ${this.endpoint.url}`
        : `${this.endpoint.url}: ${e?.message ?? String(err)}`;
    return new NsInspectError('engine', `container engine unreachable: ${why}`, this.hint(e?.code));
  }

  private hint(code: string | undefined): string {
    if (code === 'EACCES') return 'add your user to the "docker" group (then log in again), or run as root';
    return 'start the engine (e.g. `sudo systemctl start docker`), or point DOCKER_HOST at it';
  }

  private unreachable(err: unknown): void {
    this.eventStream = null;
    if (this.stopped) return;
    const e = this.unreachableError(err);
    this.setState({ status: 'unreachable', endpoint: this.endpoint, message: e.message, hint: e.hint ?? '', retryInMs: this.retryMs });
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start().catch(() => undefined);
    }, this.retryMs);
    this.retryTimer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  private async follow(): Promise<void> {
    const stream = (await this.docker.getEvents({ filters: { type: ['container'] } })) as NodeJS.ReadableStream;
    this.eventStream = stream;
    let buf = '';
    stream.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.onEvent(line);
      }
    });
    const lost = (err?: unknown) => {
      if (this.eventStream !== stream) return;
      this.unreachable(err ?? new Error('event stream closed'));
    };
    stream.on('error', lost);
    stream.on('end', () => lost());
    stream.on('close', () => lost());
  }

  private onEvent(line: string): void {
    let ev: { Action?: string; status?: string; id?: string; Actor?: { ID?: string } };
    try {
      ev = JSON.parse(line);
    } catch {
      return;
    }
    const id = ev.Actor?.ID ?? ev.id;
    const action = (ev.Action ?? ev.status ?? '').split(':')[0]!;
    if (!id || !ID64.test(id)) return;
    if (action === 'destroy') {
      if (this.containers.delete(id)) this.emit('container', { kind: 'removed', id });
    } else if (CHANGE_ACTIONS.has(action)) {
      void this.refresh(id);
    }
  }

  private async refresh(id: string): Promise<void> {
    try {
      const c = containerFromInspect(await this.docker.getContainer(id).inspect());
      const had = this.containers.has(id);
      this.containers.set(id, c);
      this.emit('container', { kind: had ? 'changed' : 'added', container: c });
    } catch {
      if (this.containers.delete(id)) this.emit('container', { kind: 'removed', id });
    }
  }

  /** Re-reads the whole list (at connect and reconnect) and reports differences as events. */
  private async reload(): Promise<void> {
    const list = await this.docker.listContainers({ all: true });
    const infos = await Promise.all(
      list.map((c) => this.docker.getContainer(c.Id).inspect().then(
        (i) => containerFromInspect(i, c.Status),
        () => null,
      )),
    );
    const next = new Map<string, Container>();
    for (const c of infos) if (c) next.set(c.id, c);
    for (const id of this.containers.keys()) if (!next.has(id)) this.emit('container', { kind: 'removed', id });
    for (const [id, c] of next) {
      const had = this.containers.has(id);
      this.containers.set(id, c);
      this.emit('container', { kind: had ? 'changed' : 'added', container: c });
    }
    for (const id of [...this.containers.keys()]) if (!next.has(id)) this.containers.delete(id);
  }

  /** The live list (call start() first). */
  list(): Container[] {
    return [...this.containers.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * A container by full ID, unique ID prefix, or name. Asks the engine when the
   * cache does not know it, so a container created a moment ago is found too.
   */
  async resolve(ref: string): Promise<Container> {
    await this.start();
    const byName = [...this.containers.values()].find((c) => c.name === ref || c.id === ref);
    if (byName) return byName;
    const byPrefix = ref.length >= 3 ? [...this.containers.values()].filter((c) => c.id.startsWith(ref)) : [];
    if (byPrefix.length === 1) return byPrefix[0]!;
    if (byPrefix.length > 1) throw new NsInspectError('input', `"${ref}" matches ${byPrefix.length} containers`, 'give more characters of the ID');
    try {
      const c = containerFromInspect(await this.docker.getContainer(ref).inspect());
      this.containers.set(c.id, c);
      return c;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404) throw new NsInspectError('not-found', `no such container: ${ref}`, 'list containers with `nsinspect ls`');
      throw this.unreachableError(err);
    }
  }

  /** The engine's raw inspect data (GraphDriver and the like), fresh. */
  async inspectRaw(id: string): Promise<Docker.ContainerInspectInfo> {
    return this.docker.getContainer(id).inspect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const s = this.eventStream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    this.eventStream = null;
    s?.destroy?.();
  }
}
