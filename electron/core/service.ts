import { EventEmitter } from 'node:events';
import {
  checkContainerRef,
  type Comparison,
  type Container,
  type ContainerAction,
  type ContainerActionResult,
  type ContainerDetails,
  type ContainerEvent,
  type EngineState,
  type FileLocation,
  type HostMap,
  type Inspection,
  type Target,
  type Topology,
  type UpperLayer,
} from '../../shared/model/index.js';
import type { ProbeAccess } from './access/access.js';
import { compareInspections } from './compare.js';
import { detailsFromInspect } from './details.js';
import { containerAction } from './engine/actions.js';
import { followLogs, type LogSink } from './engine/logs.js';
import type { ContainerEngine as Engine } from './engine/types.js';
import { fail, notRunning } from './errors.js';
import { buildHostMap, containerNamespaces } from './hostmap.js';
import { ProbeCache } from './probe-cache.js';
import { engineLayers, type EngineLayers } from './probe/mnt.js';
import { ProbeRound, Prober } from './probe/inspect.js';
import { buildTopology, freshInterfaces, networkNames } from './topology.js';
import { readUpperLayer } from './upper.js';
import { upperSource } from './upper-source.js';
import { derivedUsernsMode } from './userns-mode.js';
import { locate } from './where.js';
import { locateStopped, type EngineMount } from './where-stopped.js';

export interface ResolveOptions {
  /** The CLI may name a bare PID; the UI and helpers never may. */
  allowPid?: boolean;
}

/**
 * The namespace engine as every face uses it: the Electron main process, the
 * CLI and the browser-mode server call these methods and nothing below them.
 */
export class NsInspectService {
  prober: Prober;
  /** Shared by every connection (live use): what the probe read, until an event says it changed. */
  readonly cache: ProbeCache;
  private readonly events = new EventEmitter<{ container: [ContainerEvent] }>();
  /** Events waiting for their namespace inodes, and the chain that hands them on in order. */
  private pending: ContainerEvent[] = [];
  private handing: Promise<void> = Promise.resolve();
  private topo: { generation: number; answer: Promise<Topology> } | null = null;

  constructor(
    readonly engine: Engine,
    readonly access: ProbeAccess,
  ) {
    this.prober = new Prober(access);
    this.cache = new ProbeCache(() => this.access);
    engine.on('container', (e) => this.onEngineContainer(e));
    engine.on('network', () => this.cache.changed({ kind: 'network' }));
  }

  /** The access backend behind `access` was replaced: what the prober cached is read again. */
  resetProbe(): void {
    this.prober = new Prober(this.access);
    this.cache.clear();
    this.topo = null;
  }

  /**
   * An engine event: the cache forgets what it touched, and listeners get it with the
   * container's namespace inodes, so a list applies it without a refetch. Events that come
   * together (a reconnect's reload, a compose up) have their inodes read in one batch.
   */
  private onEngineContainer(e: ContainerEvent): void {
    this.cache.changed(e);
    if (this.events.listenerCount('container') === 0) return;
    this.pending.push(e);
    if (this.pending.length > 1) return;
    this.handing = this.handing.then(
      () =>
        new Promise<void>((done) =>
          setImmediate(() => {
            const batch = this.pending;
            this.pending = [];
            void this.withInodes(batch)
              .then((out) => {
                for (const x of out) this.events.emit('container', x);
              })
              // A listener that throws must neither stop the events that follow nor end the process.
              .catch(() => undefined)
              .finally(done);
          }),
        ),
    );
  }

  private async withInodes(batch: ContainerEvent[]): Promise<ContainerEvent[]> {
    const running = batch.flatMap((e) => (e.kind !== 'removed' && e.container.pid !== null ? [e.container] : []));
    const read = await this.cache.namespaces(running).catch(() => running);
    const byId = new Map(read.map((c) => [c.id, c]));
    return batch.map((e) => (e.kind === 'removed' ? e : { kind: e.kind, container: byId.get(e.container.id) ?? e.container }));
  }

  engineState(): EngineState {
    return this.engine.state;
  }

  /** Container events, each with the container's namespace inodes when it runs. */
  onContainers(listener: (e: ContainerEvent) => void): () => void {
    this.events.on('container', listener);
    return () => this.events.off('container', listener);
  }

  onEngineState(listener: (s: EngineState) => void): () => void {
    this.engine.on('state', listener);
    return () => this.engine.off('state', listener);
  }

  /** Every container with its details and namespace inodes (what `ls` and the list view show). */
  async listContainers(): Promise<Container[]> {
    // The engine away after a first load: the kept list, each marked engineUnreachable.
    if (!this.engine.keptWhileAway) await this.engine.details();
    const [list, host] = await Promise.all([
      this.engine.live ? this.cache.namespaces(this.engine.list()) : containerNamespaces(this.access, this.engine.list()),
      this.prober.hostReference(),
    ]);
    return list.map((c) => derivedUsernsMode(c, host.namespaces.user));
  }

  /** A running container by name or ID, with the engine's layer data. */
  async runningContainer(ref: string): Promise<{ container: Container; layers: EngineLayers | undefined }> {
    checkContainerRef(ref);
    const found = await this.engine.resolveRaw(ref);
    const { container } = found;
    const raw = found.raw ?? (await this.engine.inspectRaw(container.id).catch(() => null));
    const pid = raw?.State?.Running ? raw.State.Pid : null;
    if (!pid) {
      throw notRunning(container, raw?.State?.Status ?? container.state);
    }
    return { container: { ...container, pid }, layers: engineLayers(raw?.GraphDriver) };
  }

  async resolveTarget(ref: string, opts: ResolveOptions = {}): Promise<{ target: Target; layers?: EngineLayers | undefined }> {
    if (ref === 'host') return { target: { kind: 'host', pid: (await this.prober.hostReference()).pid } };
    if (opts.allowPid && /^\d+$/.test(ref)) {
      const pid = Number(ref);
      const [st] = await this.access.stat([`/proc/${pid}`]);
      if (!st?.ok) throw fail('pid.no-such', { pid });
      return { target: { kind: 'pid', pid } };
    }
    const { container, layers } = await this.runningContainer(ref);
    return { target: { kind: 'container', pid: container.pid!, container }, layers };
  }

  async inspect(ref: string, opts: ResolveOptions = {}): Promise<Inspection> {
    const { target, layers } = await this.resolveTarget(ref, opts);
    return this.shared(target, () => this.prober.inspect(target, layers));
  }

  async compare(a: string, b: string, opts: ResolveOptions = {}): Promise<Comparison> {
    const [ta, tb] = await Promise.all([this.resolveTarget(a, opts), this.resolveTarget(b, opts)]);
    const round = new ProbeRound(this.prober);
    const [ia, ib] = await Promise.all([
      this.shared(ta.target, () => this.prober.inspect(ta.target, ta.layers, round)),
      this.shared(tb.target, () => this.prober.inspect(tb.target, tb.layers, round)),
    ]);
    return compareInspections(ia, ib);
  }

  /** Live use: one inspection of a target for every client asking at once (see ProbeCache). */
  private shared(target: Target, make: () => Promise<Inspection>): Promise<Inspection> {
    if (!this.engine.live) return make();
    const id = target.kind === 'container' ? target.container.id : '';
    const key = `${target.kind}:${id}:${target.pid}:${this.prober.access.kind}`;
    return this.cache.inspection(key, id ? [id] : [], make);
  }

  /** Start, stop, restart or remove: by name or ID, resolved here, never a PID from the caller. */
  async containerAction(ref: string, action: ContainerAction): Promise<ContainerActionResult> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    if (container.engine === 'containerd')
      throw container.pod
        ? fail('containerd.pod-actions', { name: container.name, action })
        : fail('containerd.no-actions', { name: container.name, action, namespace: container.containerd?.namespace ?? 'default' });
    return containerAction(this.engine.docker, container, action);
  }

  /** Labels, env, ports, mounts and the whole inspect answer, running or not. */
  async containerDetails(ref: string): Promise<ContainerDetails> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    const raw = (await this.engine.inspectRaw(container.id)) as Parameters<typeof detailsFromInspect>[0];
    return detailsFromInspect(raw, container.name);
  }

  /** Follows a container's log (the last `tail` lines, then live); returns the stop function. */
  async followLogs(ref: string, tail: number, sink: LogSink): Promise<() => void> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    try {
      return await followLogs(this.engine.docker, container.id, tail, sink);
    } catch (e) {
      throw fail('logs.failed', { name: container.name, detail: (e as Error).message.split('\n')[0] ?? '' });
    }
  }

  async hostMap(): Promise<HostMap> {
    await this.engine.start();
    const host = await this.prober.hostReference();
    return buildHostMap(this.access, host, this.engine.list());
  }

  async topology(): Promise<Topology> {
    await this.engine.start();
    // Names and PIDs are all a topology needs: no inspection of every container.
    if (!this.engine.live) {
      // The bridges' network names come from the engine, asked meanwhile; the picture does not wait long for them.
      const networks = networkNames(this.engine);
      const host = await this.prober.hostReference();
      return buildTopology(freshInterfaces(this.access), host, await containerNamespaces(this.access, this.engine.list()), await networks);
    }
    // Live: built from the cache, once per change for every client; during a burst of events,
    // once it has gone quiet.
    await settle(() => this.cache.lastChange);
    const generation = this.cache.generation;
    if (this.topo?.generation !== generation) {
      const answer = this.liveTopology();
      this.topo = { generation, answer };
      answer.catch(() => this.topo?.answer === answer && (this.topo = null));
    }
    return this.topo.answer;
  }

  private async liveTopology(): Promise<Topology> {
    const networks = networkNames(this.engine);
    const host = await this.prober.hostReference();
    const source = {
      host: (pid: number) => this.cache.hostInterfaces(pid),
      netns: (i: number, pid: number) => this.cache.interfaces(i, pid),
    };
    return buildTopology(source, host, await this.cache.namespaces(this.engine.list()), await networks);
  }

  async where(ref: string, path: string): Promise<FileLocation> {
    if (!path.startsWith('/') || path.includes('\0')) {
      throw fail('path.not-absolute', { path: printable(path) });
    }
    checkContainerRef(ref);
    const found = await this.engine.resolveRaw(ref);
    const raw = found.raw ?? (await this.engine.inspectRaw(found.container.id).catch(() => null));
    const pid = raw?.State?.Running ? raw.State.Pid : null;
    const layers = engineLayers(raw?.GraphDriver);
    // A stopped container's layers are still on disk: the engine's data says where.
    if (!pid) return locateStopped(this.access, found.container, path, layers, (raw?.Mounts ?? []) as EngineMount[]);
    const host = await this.prober.hostReference();
    return locate(this.access, { ...found.container, pid }, path, layers, host.pid);
  }

  /** The container's own upper layer as `docker diff` lists it; a stopped container's too. */
  async upperLayer(ref: string, limit?: number): Promise<UpperLayer> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    const raw = await this.engine.inspectRaw(container.id).catch(() => null);
    return readUpperLayer(this.access, await upperSource(this.access, container, raw), limit);
  }

  async close(): Promise<void> {
    // The helper container is removed through the engine: the engine's connections close last
    // (over ssh, a closed transport could not carry the removal).
    await this.access.close();
    await this.engine.stop();
  }
}

/** Quiet for this long ends a burst of events. */
const SETTLE_QUIET_MS = 100;
/** A burst that never ends is answered anyway after this long. */
const SETTLE_MAX_MS = 1000;

/** Waits until no change has come for SETTLE_QUIET_MS (at most SETTLE_MAX_MS). */
async function settle(lastChange: () => number): Promise<void> {
  const until = Date.now() + SETTLE_MAX_MS;
  for (;;) {
    const quietFor = Date.now() - lastChange();
    if (quietFor >= SETTLE_QUIET_MS || Date.now() >= until) return;
    await new Promise((r) => setTimeout(r, Math.min(SETTLE_QUIET_MS - quietFor, until - Date.now())));
  }
}

/** For messages: control characters shown escaped, long input cut. */
export function printable(s: string): string {
  const esc = JSON.stringify(s).slice(1, -1);
  return esc.length > 80 ? `${esc.slice(0, 77)}...` : esc;
}
