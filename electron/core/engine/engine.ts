import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import {
  ID64,
  type Container,
  type ContainerEvent,
  type Endpoint,
  type EngineKind,
  type PodRef,
  type EngineState,
} from '../../../shared/model/index.js';
import { EngineApi, EngineHttpError, EngineTimeoutError, timeoutFromEnv } from './api.js';
import { containerFromInspect, containerFromList } from './convert.js';
import { EndpointError, dockerodeOptions, resolveEndpoint, type EndpointChoice } from './endpoint.js';
import { engineNetworks, type EngineNetwork, type EngineNetworkJson } from './networks.js';
import { containerPids, scanCgroups } from './pids.js';
import { sshTransport } from './ssh.js';
import { plainTcpWarning, tlsProblem } from './tls.js';
import { Reconnect } from './reconnect.js';
import { isPodman, loadPods } from './pods.js';
import type { MessageId, MessageParams } from '../../../shared/messages.js';
import { fail, NsInspectError } from '../errors.js';
import type { ContainerEngine } from './types.js';

/** Inspections in flight at once: enough to hide the latency, few enough not to flood the daemon. */
const INSPECT_CONCURRENCY = 16;

export interface EngineEvents {
  state: [EngineState];
  container: [ContainerEvent];
  /** A network was created or removed (bridges come and go on the host). */
  network: [];
}

export interface EngineOptions {
  /**
   * true (the app, serve): follow the event stream, keep every container inspected, reconnect.
   * false (the CLI): one answer and exit; the list call and /proc give the PIDs, and only the
   * containers a command names are inspected.
   */
  live?: boolean;
  /** The deadline of every engine request. */
  timeoutMs?: number;
  /** A client already made for the endpoint (with a request under way, see prefetchList). */
  api?: EngineApi;
  /** --host / --context, when no endpoint is given. */
  choice?: EndpointChoice;
}

const CHANGE_ACTIONS = new Set(['create', 'start', 'restart', 'die', 'stop', 'kill', 'pause', 'unpause', 'rename', 'update', 'oom']);

/** Network events that change a container's interfaces (the container is named in Actor.Attributes). */
const NETWORK_ACTIONS = new Set(['connect', 'disconnect']);

const nodeRequire = createRequire(import.meta.url);
const LIST_PATH = '/containers/json?all=1';

/**
 * The container engine: the container list with each one's PID, kept current from the
 * engine's event stream (live mode) and reconnection with backoff when the daemon goes away.
 */
export class Engine extends EventEmitter<EngineEvents> implements ContainerEngine {
  readonly endpoint: Endpoint;
  readonly live: boolean;
  private readonly api: EngineApi | null;
  /** Why no engine can be reached at all (a bad endpoint): every call fails with it. */
  private readonly endpointError: NsInspectError | null = null;
  private dockerode: Docker | null = null;
  private containers = new Map<string, Container>();
  /** Container ID → its Podman pod (empty for other engines). */
  private pods = new Map<string, PodRef>();
  /** Containers known only from the list call (no hostname, modes but network). */
  private listOnly = new Set<string>();
  /** What the engine did not answer, per container ID. */
  private stuck = new Map<string, string>();
  private _state: EngineState;
  private eventStream: Readable | null = null;
  /** The list has been loaded once: while the engine is away it is kept, marked, not dropped. */
  private loadedOnce = false;
  private stopped = false;
  private readonly link: Reconnect;

  constructor(endpoint?: Endpoint, opts: EngineOptions = {}) {
    super();
    this.live = opts.live ?? true;
    this.link = new Reconnect(
      () => this.connect(),
      () => this.start(),
      this.live,
    );
    let ep = endpoint;
    let error: NsInspectError | null = null;
    if (!ep) {
      try {
        ep = resolveEndpoint(opts.choice ? { choice: opts.choice } : {});
      } catch (e) {
        if (!(e instanceof EndpointError)) throw e;
        ep = e.endpoint;
        error = e;
      }
    }
    this.endpoint = ep;
    let api: EngineApi | null = null;
    if (!error) {
      try {
        api = opts.api ?? new EngineApi(ep, opts.timeoutMs ?? timeoutFromEnv());
      } catch (e) {
        if (!(e instanceof NsInspectError)) throw e;
        error = e;
      }
    }
    this.api = api;
    this.endpointError = error;
    this._state = error
      ? { status: 'unreachable', endpoint: ep, message: error.message, hint: error.hint ?? '', retryInMs: 0, ...messageOf(error) }
      : { status: 'connecting', endpoint: ep };
  }

  /** Podman answers on its Docker-compatible socket: the same API, another engine. */
  get kind(): EngineKind {
    // Also when DOCKER_HOST or a context names Podman's socket: its Server header says Libpod.
    return this.endpoint.source === 'podman' || (this.api !== null && isPodman(this.api)) ? 'podman' : 'docker';
  }

  /** dockerode, for exec and helper containers; loaded on first use (it takes half a second). */
  get docker(): Docker {
    if (!this.dockerode) {
      if (this.endpointError) throw this.endpointError;
      const Dockerode = nodeRequire('dockerode') as typeof Docker;
      this.dockerode = new Dockerode(dockerodeOptions(this.endpoint) as Docker.DockerOptions);
    }
    return this.dockerode;
  }

  get state(): EngineState {
    return this._state;
  }

  /** The request deadline, for messages. */
  get timeoutMs(): number {
    return this.request().timeoutMs;
  }

  private request(): EngineApi {
    if (!this.api) throw this.endpointError!;
    return this.api;
  }

  /** What the engine did not answer (e.g. a container whose inspection hung), for the answer's notes. */
  notes(): string[] {
    const warning = plainTcpWarning(this.endpoint);
    return [...(warning ? [warning] : []), ...this.stuck.values()];
  }

  /**
   * Resolves once connected and the list is loaded, or rejects with why not.
   * While unreachable, each call tries again at once rather than waiting for the backoff.
   */
  start(): Promise<void> {
    if (this._state.status === 'connected') return Promise.resolve();
    if (this.endpointError) return Promise.reject(this.endpointError);
    return this.link.run();
  }

  private setState(s: EngineState): void {
    this._state = s;
    this.emit('state', s);
  }

  private async connect(): Promise<void> {
    const api = this.request();
    try {
      // One-shot use skips /version and /info (10 ms and more each) for a CLI that prints neither:
      // the list call itself shows the engine is there.
      const none = { Version: '', ApiVersion: '', Os: '', Arch: '' };
      const [version, info] = await Promise.all([
        this.live ? api.json<typeof none>('/version', 'its version') : none,
        this.live ? api.json<{ Driver?: string }>('/info', 'its info') : { Driver: '' },
        this.live ? this.follow() : undefined,
      ]);
      await this.reload();
      this.loadedOnce = true;
      this.link.connected();
      this.setState({
        status: 'connected',
        endpoint: this.endpoint,
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: version.Os ? `${version.Os}/${version.Arch}` : '',
        storageDriver: String(info.Driver ?? ''),
      });
    } catch (err) {
      this.unreachable(err);
      throw this.unreachableError(err);
    }
  }

  private unreachableError(err: unknown): NsInspectError {
    if (err instanceof NsInspectError) return err;
    const e = err as NodeJS.ErrnoException;
    const tls =
      e && typeof e === 'object' && (this.endpoint.tls || this.endpoint.url.startsWith('https:')) ? tlsProblem(this.endpoint, e) : null;
    if (tls) return tls;
    const url = this.endpoint.url;
    if (e?.code === 'EACCES') return fail('engine.denied', { url });
    if (e?.code === 'ENOENT' || e?.code === 'ECONNREFUSED') return fail('engine.not-listening', { url });
    return fail('engine.unreachable', { url, detail: e?.message ?? String(err) });
  }

  private unreachable(err: unknown): void {
    this.eventStream?.destroy();
    this.eventStream = null;
    if (this.stopped) return;
    const wasConnected = this._state.status === 'connected';
    const e = this.unreachableError(err);
    this.setState({
      status: 'unreachable',
      endpoint: this.endpoint,
      message: e.message,
      hint: e.hint ?? '',
      retryInMs: this.link.nextMs,
      ...messageOf(e),
    });
    // The containers are still there (a daemon stop or restart keeps them): kept and marked,
    // never reported removed; the reload at reconnect reconciles the list.
    if (wasConnected && this.live) {
      for (const [id, c] of this.containers) {
        const marked = { ...c, engineUnreachable: true as const };
        this.containers.set(id, marked);
        this.emit('container', { kind: 'changed', container: marked });
      }
    }
    this.link.retryLater();
  }

  private async follow(): Promise<void> {
    const filters = encodeURIComponent(JSON.stringify({ type: ['container', 'network'] }));
    const stream = await this.request().stream(`/events?filters=${filters}`, 'the event stream');
    if (this.stopped) {
      stream.destroy();
      return;
    }
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
    let ev: { Type?: string; Action?: string; status?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
    try {
      ev = JSON.parse(line);
    } catch {
      return;
    }
    const action = (ev.Action ?? ev.status ?? '').split(':')[0]!;
    if (ev.Type === 'network') {
      // docker network connect/disconnect: the container's interfaces changed, no container event says so.
      const cid = ev.Actor?.Attributes?.container;
      if (cid && ID64.test(cid) && NETWORK_ACTIONS.has(action) && this.containers.has(cid)) void this.refresh(cid);
      else if (action === 'create' || action === 'destroy') this.emit('network');
      return;
    }
    const id = ev.Actor?.ID ?? ev.id;
    if (!id || !ID64.test(id)) return;
    if (action === 'destroy') {
      this.stuck.delete(id);
      if (this.containers.delete(id)) this.emit('container', { kind: 'removed', id });
    } else if (CHANGE_ACTIONS.has(action)) {
      void this.refresh(id);
    }
  }

  /** Inspects one container into the list; only "no such container" removes it. */
  private async refresh(id: string): Promise<void> {
    const had = this.containers.get(id);
    try {
      const raw = await this.inspectRaw(id);
      // A container that just joined a pod: Podman's own list says which.
      if (!this.pods.has(id) && isPodman(this.request())) this.pods = await loadPods(this.request());
      const fresh = this.withPod(containerFromInspect(raw));
      // Answered during a daemon's shutdown, after the event stream was lost: still kept as away.
      const c: Container = this._state.status !== 'unreachable' || !this.loadedOnce ? fresh : { ...fresh, engineUnreachable: true };
      this.containers.set(id, c);
      this.listOnly.delete(id);
      this.emit('container', { kind: had ? 'changed' : 'added', container: c });
    } catch (err) {
      if ((err as EngineHttpError).statusCode === 404) {
        this.stuck.delete(id);
        if (this.containers.delete(id)) this.emit('container', { kind: 'removed', id });
      }
    }
  }

  /** Inspects the given containers, a bounded number at a time; what does not answer is noted, not fatal. */
  private async inspectMany(ids: string[], status: Map<string, string>): Promise<Map<string, Container>> {
    const out = new Map<string, Container>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          out.set(id, containerFromInspect(await this.inspectRaw(id), status.get(id)));
        } catch {
          /* noted by inspectRaw when it hung; a container removed meanwhile is simply gone */
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, ids.length) }, worker));
    return out;
  }

  /** Whether this engine's container processes are on this host, where /proc shows them. */
  private local(): boolean {
    return this.endpoint.url.startsWith('unix:') && this.endpoint.source !== 'docker-desktop';
  }

  /** Re-reads the whole list (at connect and reconnect) and reports differences as events. */
  private async reload(): Promise<void> {
    // /proc is read while the engine prepares the list, so the two overlap. The scan blocks the
    // event loop, so it starts once the request is written, not merely queued on the socket.
    let sent!: () => void;
    const written = new Promise<void>((r) => (sent = r));
    const api = this.request();
    const listed = api.json<Docker.ContainerInfo[]>(LIST_PATH, 'the container list', api.timeoutMs, sent);
    await Promise.race([written, listed]);
    const scan = this.local() ? scanCgroups() : [];
    const list = await listed;
    this.pods = await loadPods(api);
    const running = list.filter((c) => c.State === 'running' || c.State === 'paused');
    const pids = containerPids(new Set(running.map((c) => c.Id)), scan);
    const next = new Map<string, Container>(list.map((c) => [c.Id, containerFromList(c, pids.get(c.Id) ?? null)]));
    // Live: every container's details, as the app shows them. One-shot: only what /proc could
    // not tell (the PID of a container whose processes are not visible here).
    const need = this.live ? list : running.filter((c) => !pids.has(c.Id));
    const detailed = await this.inspectMany(
      need.map((c) => c.Id),
      new Map(list.map((c) => [c.Id, c.Status])),
    );
    const listOnly = new Set<string>();
    for (const id of next.keys()) {
      const d = detailed.get(id);
      if (d) next.set(id, d);
      else listOnly.add(id);
    }
    for (const id of this.stuck.keys()) if (!next.has(id)) this.stuck.delete(id);
    for (const id of this.containers.keys()) if (!next.has(id)) this.emit('container', { kind: 'removed', id });
    for (const [id, found] of next) {
      const had = this.containers.has(id);
      const c = this.withPod(found);
      this.containers.set(id, c);
      this.emit('container', { kind: had ? 'changed' : 'added', container: c });
    }
    for (const id of [...this.containers.keys()]) if (!next.has(id)) this.containers.delete(id);
    this.listOnly = listOnly;
  }

  private withPod(c: Container): Container {
    const pod = this.pods.get(c.id);
    return pod ? { ...c, pod } : c;
  }

  /** Fills in the details of containers known only from the list (for `ls`, which prints them). */
  async details(): Promise<void> {
    await this.start();
    const ids = [...this.listOnly].filter((id) => this.containers.has(id) && !this.stuck.has(id));
    const status = new Map(ids.map((id) => [id, this.containers.get(id)!.status]));
    for (const [id, c] of await this.inspectMany(ids, status)) {
      // /proc's answer stands where the engine has none (it reports 0 for a paused container on some engines).
      this.containers.set(id, this.withPod({ ...c, pid: c.pid ?? this.containers.get(id)?.pid ?? null }));
      this.listOnly.delete(id);
    }
  }

  /**
   * Whether the list can be answered from what is kept while the engine is away (live use, loaded
   * once): the containers are still there, marked engineUnreachable, until the engine is back.
   */
  get keptWhileAway(): boolean {
    return this.live && this.loadedOnce && this._state.status !== 'connected' && !this.stopped;
  }

  /** The live list (call start() first). */
  list(): Container[] {
    // Code-unit order: names are ASCII, and localeCompare's first call loads ICU's collator (~20 ms).
    return [...this.containers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * A container by full ID, unique ID prefix, or name, with the engine's inspect data. Asks the
   * engine (one inspection, which resolves names and prefixes itself) unless the live list knows it.
   */
  async resolveRaw(ref: string): Promise<{ container: Container; raw: Docker.ContainerInspectInfo | null }> {
    if (this.live) {
      await this.start();
      const byName = [...this.containers.values()].find((c) => c.name === ref || c.id === ref);
      const byPrefix = byName ? [byName] : ref.length >= 3 ? [...this.containers.values()].filter((c) => c.id.startsWith(ref)) : [];
      if (byPrefix.length > 1) throw fail('container.ambiguous', { ref, n: byPrefix.length });
      if (byPrefix.length === 1) return { container: byPrefix[0]!, raw: null };
    }
    let raw: Docker.ContainerInspectInfo;
    try {
      raw = await this.inspectRaw(ref);
    } catch (err) {
      const e = err as EngineHttpError;
      if (e.statusCode === 404) {
        throw fail('container.no-such', { ref, endpoint: `${this.endpoint.url}, ${this.endpoint.reason}` });
      }
      if (e.statusCode) throw fail('container.bad-ref', { ref, detail: e.message });
      throw this.unreachableError(err);
    }
    const c = this.withPod(containerFromInspect(raw));
    // Kept also in one-shot use: the host helper maps PIDs back to containers through list().
    this.containers.set(c.id, c);
    this.listOnly.delete(c.id);
    return { container: c, raw };
  }

  async resolve(ref: string): Promise<Container> {
    return (await this.resolveRaw(ref)).container;
  }

  /** The engine's raw inspect data (GraphDriver and the like), fresh; a hang is noted and fails after the deadline. */
  async inspectRaw(id: string): Promise<Docker.ContainerInspectInfo> {
    const known = this.containers.get(id);
    const what = known ? `container ${known.name} (${id.slice(0, 12)})` : `container ${id}`;
    try {
      const info = await this.request().json<Docker.ContainerInspectInfo>(`/containers/${encodeURIComponent(id)}/json`, what);
      this.stuck.delete(info.Id);
      return info;
    } catch (err) {
      if (err instanceof EngineTimeoutError) {
        this.stuck.set(known?.id ?? id, err.message);
        throw fail('container.wedged', { ref: known ? `${known.name} (${id.slice(0, 12)})` : id, seconds: err.ms / 1000 });
      }
      throw err;
    }
  }

  /** The engine's networks (names of the host bridges), within the given deadline. */
  async networks(timeoutMs = this.request().timeoutMs): Promise<EngineNetwork[]> {
    return engineNetworks(await this.request().json<EngineNetworkJson[]>('/networks', 'the network list', timeoutMs));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.link.stop();
    const s = this.eventStream;
    this.eventStream = null;
    s?.destroy();
    this.api?.close();
    // The pooled ssh channels end with the engine; the master persists for the next command.
    if (this.endpoint.url.startsWith('ssh:')) await sshTransport(this.endpoint.url).closeAndWait();
  }
}

/** The catalogued id and parameters of an error, for a state the UI translates. */
function messageOf(e: NsInspectError): { id?: MessageId; params?: MessageParams } {
  return e.id ? { id: e.id, params: e.params ?? {} } : {};
}
