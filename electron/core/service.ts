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
import type { Engine } from './engine/engine.js';
import { fail } from './errors.js';
import { buildHostMap, containerNamespaces } from './hostmap.js';
import { engineLayers, type EngineLayers } from './probe/mnt.js';
import { ProbeRound, Prober } from './probe/inspect.js';
import { buildTopology } from './topology.js';
import { readUpperLayer } from './upper.js';
import { upperSource } from './upper-source.js';
import { locate } from './where.js';

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

  constructor(
    readonly engine: Engine,
    readonly access: ProbeAccess,
  ) {
    this.prober = new Prober(access);
  }

  /** The access backend behind `access` was replaced: what the prober cached is read again. */
  resetProbe(): void {
    this.prober = new Prober(this.access);
  }

  engineState(): EngineState {
    return this.engine.state;
  }

  onContainers(listener: (e: ContainerEvent) => void): () => void {
    this.engine.on('container', listener);
    return () => this.engine.off('container', listener);
  }

  onEngineState(listener: (s: EngineState) => void): () => void {
    this.engine.on('state', listener);
    return () => this.engine.off('state', listener);
  }

  /** Every container with its details and namespace inodes (what `ls` and the list view show). */
  async listContainers(): Promise<Container[]> {
    await this.engine.details();
    return containerNamespaces(this.access, this.engine.list());
  }

  /** A running container by name or ID, with the engine's layer data. */
  async runningContainer(ref: string): Promise<{ container: Container; layers: EngineLayers | undefined }> {
    checkContainerRef(ref);
    const found = await this.engine.resolveRaw(ref);
    const { container } = found;
    const raw = found.raw ?? (await this.engine.inspectRaw(container.id).catch(() => null));
    const pid = raw?.State?.Running ? raw.State.Pid : null;
    if (!pid) {
      throw fail('container.not-running', { name: container.name, state: raw?.State?.Status ?? container.state });
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
    return this.prober.inspect(target, layers);
  }

  async compare(a: string, b: string, opts: ResolveOptions = {}): Promise<Comparison> {
    const [ta, tb] = await Promise.all([this.resolveTarget(a, opts), this.resolveTarget(b, opts)]);
    const round = new ProbeRound(this.prober);
    const [ia, ib] = await Promise.all([
      this.prober.inspect(ta.target, ta.layers, round),
      this.prober.inspect(tb.target, tb.layers, round),
    ]);
    return compareInspections(ia, ib);
  }

  /** Start, stop, restart or remove: by name or ID, resolved here, never a PID from the caller. */
  async containerAction(ref: string, action: ContainerAction): Promise<ContainerActionResult> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    return containerAction(this.engine.docker, container, action);
  }

  /** Labels, env, ports, mounts and the whole inspect answer, running or not. */
  async containerDetails(ref: string): Promise<ContainerDetails> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    return detailsFromInspect(await this.engine.inspectRaw(container.id));
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
    const host = await this.prober.hostReference();
    // Names and PIDs are all a topology needs: no inspection of every container.
    return buildTopology(this.access, host, await containerNamespaces(this.access, this.engine.list()));
  }

  async where(ref: string, path: string): Promise<FileLocation> {
    if (!path.startsWith('/') || path.includes('\0')) {
      throw fail('path.not-absolute', { path: printable(path) });
    }
    const { container, layers } = await this.runningContainer(ref);
    const host = await this.prober.hostReference();
    return locate(this.access, container, path, layers, host.pid);
  }

  /** The container's own upper layer as `docker diff` lists it; a stopped container's too. */
  async upperLayer(ref: string, limit?: number): Promise<UpperLayer> {
    checkContainerRef(ref);
    const container = await this.engine.resolve(ref);
    const raw = await this.engine.inspectRaw(container.id).catch(() => null);
    return readUpperLayer(this.access, await upperSource(this.access, container, raw), limit);
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.access.close();
  }
}

/** For messages: control characters shown escaped, long input cut. */
export function printable(s: string): string {
  const esc = JSON.stringify(s).slice(1, -1);
  return esc.length > 80 ? `${esc.slice(0, 77)}...` : esc;
}
