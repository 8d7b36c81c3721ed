import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import type { Container, Endpoint, EngineState } from '../../../../shared/model/index.js';
import { fail, NsInspectError } from '../../errors.js';
import { parseMountinfo, splitOptions } from '../../parse/mountinfo.js';
import { DEFAULT_TIMEOUT_MS, timeoutFromEnv } from '../api.js';
import type { EngineEvents } from '../engine.js';
import type { EngineNetwork } from '../networks.js';
import type { ContainerEngine, EngineInspect } from '../types.js';
import { ContainerdCallError, ContainerdClient, GRPC_DEADLINE_EXCEEDED, GRPC_NOT_FOUND } from './client.js';
import { containerFromContainerd } from './convert.js';
import { containerdEndpoint } from './endpoint.js';
import * as msg from './messages.js';
import { Reconnect } from '../reconnect.js';

export interface ContainerdEngineOptions {
  live?: boolean;
  timeoutMs?: number;
  /** containerd namespaces left out: `moby` beside Docker, whose containers Docker's API tells better. */
  skipNamespaces?: readonly string[];
}

/** Where Docker keeps its containers when it runs on the system's containerd. */
export const DOCKER_NAMESPACE = 'moby';

/** Event topics that change a container or its task; /containers/delete removes it. */
const TOPIC = /^\/(containers|tasks)\/([a-z-]+)$/;

/**
 * containerd as an engine: every namespace's containers (k8s.io holds a Kubernetes node's pods,
 * default nerdctl's), each with its task's PID, from containerd's own gRPC API; kept current
 * from its event stream in live mode.
 */
export class ContainerdEngine extends EventEmitter<EngineEvents> implements ContainerEngine {
  readonly kind = 'containerd';
  readonly endpoint: Endpoint;
  readonly live: boolean;
  readonly timeoutMs: number;
  /** containerd's list is read anew on each call; nothing is kept while it is away. */
  readonly keptWhileAway = false;

  /** containerd leaves networking to CNI: it has no networks to name bridges with. */
  networks(): Promise<EngineNetwork[]> {
    return Promise.resolve([]);
  }
  private readonly skip: ReadonlySet<string>;
  private client: ContainerdClient | null = null;
  private containers = new Map<string, Container>();
  private _state: EngineState;
  private cancelEvents: (() => void) | null = null;
  private stopped = false;
  private readonly link: Reconnect;

  constructor(endpoint?: Endpoint, opts: ContainerdEngineOptions = {}) {
    super();
    this.endpoint = endpoint ?? containerdEndpoint();
    this.live = opts.live ?? true;
    this.link = new Reconnect(
      () => this.connect(),
      () => this.start(),
      this.live,
    );
    this.timeoutMs = opts.timeoutMs ?? timeoutFromEnv() ?? DEFAULT_TIMEOUT_MS;
    this.skip = new Set(opts.skipNamespaces ?? []);
    this._state = { status: 'connecting', endpoint: this.endpoint };
  }

  get state(): EngineState {
    return this._state;
  }

  get docker(): Docker {
    throw fail('containerd.no-docker-api', { url: this.endpoint.url });
  }

  notes(): string[] {
    return [];
  }

  private rpc(): ContainerdClient {
    this.client ??= new ContainerdClient(this.endpoint.url, this.timeoutMs);
    return this.client;
  }

  private call(method: string, req: Buffer, ns: string | null, what: string): Promise<Buffer> {
    return this.rpc()
      .call(method, req, ns, what)
      .catch((e: unknown) => {
        throw this.callError(e, what);
      });
  }

  private callError(e: unknown, what: string): Error {
    if (!(e instanceof ContainerdCallError)) return e as Error;
    if (e.code === GRPC_NOT_FOUND) return e;
    if (e.code === GRPC_DEADLINE_EXCEEDED) return fail('containerd.timeout', { what, seconds: this.timeoutMs / 1000 });
    return fail('containerd.unreachable', { url: this.endpoint.url, detail: e.message });
  }

  start(): Promise<void> {
    if (this._state.status === 'connected') return Promise.resolve();
    return this.link.run();
  }

  private setState(s: EngineState): void {
    this._state = s;
    this.emit('state', s);
  }

  private async connect(): Promise<void> {
    try {
      if (this.live) this.follow();
      await this.reload();
      this.link.connected();
      this.setState({
        status: 'connected',
        endpoint: this.endpoint,
        version: '',
        apiVersion: 'containerd v1',
        os: 'linux',
        storageDriver: '',
      });
    } catch (err) {
      const e =
        err instanceof NsInspectError ? err : fail('containerd.unreachable', { url: this.endpoint.url, detail: (err as Error).message });
      this.unreachable(e);
      throw e;
    }
  }

  private unreachable(e: NsInspectError): void {
    this.cancelEvents?.();
    this.cancelEvents = null;
    if (this.stopped) return;
    this.setState({
      status: 'unreachable',
      endpoint: this.endpoint,
      message: e.message,
      hint: e.hint ?? '',
      retryInMs: this.link.nextMs,
    });
    this.link.retryLater();
  }

  /** Every namespace's events, on one stream: each names the container it is about. */
  private follow(): void {
    this.cancelEvents?.();
    this.cancelEvents = this.rpc().stream(
      msg.SERVICE.eventsSubscribe,
      msg.subscribeRequest(['topic~="^/(containers|tasks)/"']),
      (b) => {
        try {
          const ev = msg.decodeEnvelope(b);
          const m = TOPIC.exec(ev.topic);
          if (!m || !ev.containerId || !ev.namespace || this.skip.has(ev.namespace)) return;
          if (m[1] === 'containers' && m[2] === 'delete') this.removed(ev.containerId);
          else void this.refresh(ev.namespace, ev.containerId);
        } catch {
          /* a message we cannot read is skipped, not fatal to the stream */
        }
      },
      (err) => {
        if (this.stopped) return;
        this.unreachable(
          this.callError(
            err ?? new ContainerdCallError(14, 'the event stream', 'event stream closed'),
            'the event stream',
          ) as NsInspectError,
        );
      },
    );
  }

  private removed(id: string): void {
    if (this.containers.delete(id)) this.emit('container', { kind: 'removed', id });
  }

  private async task(ns: string, id: string): Promise<msg.CtrTask | undefined> {
    try {
      return msg.decodeGetTask(await this.call(msg.SERVICE.tasksGet, msg.idRequest(id), ns, `task ${id}`)) ?? undefined;
    } catch (e) {
      if (e instanceof ContainerdCallError && e.code === GRPC_NOT_FOUND) return undefined;
      throw e;
    }
  }

  private async fetchOne(ns: string, id: string): Promise<Container | null> {
    try {
      const [c, t] = await Promise.all([
        this.call(msg.SERVICE.containersGet, msg.idRequest(id), ns, `container ${id}`).then(msg.decodeGetContainer),
        this.task(ns, id),
      ]);
      return c ? containerFromContainerd(ns, c, t) : null;
    } catch (e) {
      if (e instanceof ContainerdCallError && e.code === GRPC_NOT_FOUND) return null;
      throw e;
    }
  }

  private async refresh(ns: string, id: string): Promise<void> {
    const had = this.containers.has(id);
    const c = await this.fetchOne(ns, id).catch(() => undefined);
    if (c === undefined) return;
    if (c === null) return this.removed(id);
    this.containers.set(id, c);
    this.emit('container', { kind: had ? 'changed' : 'added', container: c });
  }

  /** Containers and tasks of every namespace: two calls per namespace, all at once. */
  private async reload(): Promise<void> {
    const namespaces = msg
      .decodeNamespaces(await this.call(msg.SERVICE.namespacesList, msg.emptyRequest(), null, 'the namespace list'))
      .filter((ns) => !this.skip.has(ns));
    const per = await Promise.all(
      namespaces.map(async (ns) => {
        const [cs, ts] = await Promise.all([
          this.call(msg.SERVICE.containersList, msg.emptyRequest(), ns, `the container list of namespace ${ns}`).then(msg.decodeContainers),
          this.call(msg.SERVICE.tasksList, msg.emptyRequest(), ns, `the task list of namespace ${ns}`).then(msg.decodeTasks),
        ]);
        const tasks = new Map(ts.map((t) => [t.containerId, t]));
        return cs.map((c) => containerFromContainerd(ns, c, tasks.get(c.id)));
      }),
    );
    const next = new Map(per.flat().map((c) => [c.id, c]));
    for (const id of this.containers.keys()) if (!next.has(id)) this.emit('container', { kind: 'removed', id });
    for (const [id, c] of next) {
      const had = this.containers.has(id);
      this.containers.set(id, c);
      this.emit('container', { kind: had ? 'changed' : 'added', container: c });
    }
    for (const id of [...this.containers.keys()]) if (!next.has(id)) this.containers.delete(id);
  }

  /** The list already has every detail containerd gives. */
  async details(): Promise<void> {
    await this.start();
  }

  list(): Container[] {
    return [...this.containers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** By name, ID or a unique ID prefix (of at least 3 characters), from a fresh list. */
  async resolve(ref: string): Promise<Container> {
    await this.start();
    const lookup = () => {
      const all = [...this.containers.values()];
      const exact = all.filter((c) => c.id === ref || c.name === ref);
      return exact.length ? exact : ref.length >= 3 ? all.filter((c) => c.id.startsWith(ref)) : [];
    };
    let found = lookup();
    // One-shot use has no events: a container made since the list was read is looked for again.
    if (!found.length && !this.live) {
      await this.reload();
      found = lookup();
    }
    if (found.length > 1) throw fail('containerd.ambiguous', { ref, n: found.length });
    if (!found.length) throw fail('containerd.no-such', { ref, url: this.endpoint.url, reason: this.endpoint.reason });
    return found[0]!;
  }

  async resolveRaw(ref: string): Promise<{ container: Container; raw: EngineInspect | null }> {
    const container = await this.resolve(ref);
    return { container, raw: await this.inspectRaw(container.id) };
  }

  /**
   * The container's task and its snapshot's overlay mounts, in the shape of Docker's inspect data
   * the service reads (State, GraphDriver).
   */
  async inspectRaw(id: string): Promise<EngineInspect> {
    const known = this.containers.get(id) ?? (await this.resolve(id));
    const ns = known.containerd?.namespace ?? 'default';
    const fresh = await this.fetchOne(ns, known.id);
    if (!fresh) throw fail('containerd.removed', { ref: id, url: this.endpoint.url });
    this.containers.set(fresh.id, fresh);
    const snap = fresh.containerd;
    const mounts = snap?.snapshotKey
      ? await this.call(
          msg.SERVICE.snapshotsMounts,
          msg.mountsRequest(snap.snapshotter, snap.snapshotKey),
          ns,
          `the mounts of ${fresh.name}`,
        )
          .then(msg.decodeMounts)
          .catch(() => [])
      : [];
    const running = fresh.state === 'running' || fresh.state === 'paused';
    const gd = graphDriver(snap?.snapshotter ?? '', mounts);
    const merged = running && gd.Data?.UpperDir ? mergedDirOf(gd.Data.UpperDir) : null;
    if (merged) gd.Data = { ...gd.Data, MergedDir: merged };
    return { Id: fresh.id, State: { Running: running, Pid: fresh.pid ?? 0, Status: fresh.status }, GraphDriver: gd };
  }

  /** Every PID of a container's task (Tasks/ListPids), as `ctr tasks ps` lists them. */
  async taskPids(ref: string): Promise<number[]> {
    const c = await this.resolve(ref);
    return msg.decodePids(
      await this.call(msg.SERVICE.tasksListPids, msg.idRequest(c.id), c.containerd?.namespace ?? 'default', `the processes of ${c.name}`),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.link.stop();
    this.cancelEvents?.();
    this.cancelEvents = null;
    this.client?.close();
  }
}

/**
 * Where the shim mounted the container's rootfs on the host (…/io.containerd.runtime.v2.task/NS/ID/rootfs):
 * the overlay mount with this upper directory in our own mount table, which is the host's when we
 * run on it. containerd's API does not say; null when not visible here.
 */
function mergedDirOf(upperDir: string): string | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return null;
  }
  const m = parseMountinfo(text).find((x) => x.fsType === 'overlay' && splitOptions(x.superOptions).get('upperdir') === upperDir);
  return m?.mountPoint ?? null;
}

/** An overlay snapshot's mount as Docker's GraphDriver data: upperdir and lowerdirs. */
function graphDriver(snapshotter: string, mounts: msg.CtrMount[]): NonNullable<EngineInspect['GraphDriver']> {
  const overlay = mounts.find((m) => m.type === 'overlay');
  if (!overlay) return { Name: snapshotter, Data: null };
  const opt = (k: string) => overlay.options.find((o) => o.startsWith(`${k}=`))?.slice(k.length + 1);
  const data: Record<string, string> = {};
  for (const [key, name] of [
    ['UpperDir', 'upperdir'],
    ['LowerDir', 'lowerdir'],
    ['WorkDir', 'workdir'],
  ] as const) {
    const v = opt(name);
    if (v) data[key] = v;
  }
  return { Name: snapshotter, Data: data };
}
