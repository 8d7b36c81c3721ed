import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import type { Container, Endpoint, EngineState } from '../../../shared/model/index.js';
import { fail, NsInspectError } from '../errors.js';
import { because } from './endpoint.js';
import type { EngineEvents } from './engine.js';
import type { EngineNetwork } from './networks.js';
import type { ContainerEngine, EngineInspect } from './types.js';

/**
 * Docker and containerd at once (`--engine all`): one list of both engines' containers, each
 * container resolved by the engine that holds it. An engine that cannot be reached is a note,
 * not a failure, as long as the other answers.
 */
export class MultiEngine extends EventEmitter<EngineEvents> implements ContainerEngine {
  readonly kind = 'all';
  readonly endpoint: Endpoint;
  readonly live: boolean;
  private readonly down = new Map<ContainerEngine, string>();

  /** Every engine's networks; one that does not answer names none. */
  async networks(timeoutMs?: number): Promise<EngineNetwork[]> {
    const each = await Promise.all(this.engines.map((e) => e.networks(timeoutMs).catch(() => [])));
    return each.flat();
  }

  /** Only when every engine is away: one that answers still gives its fresh details. */
  get keptWhileAway(): boolean {
    return this.engines.every((e) => e.keptWhileAway);
  }

  constructor(readonly engines: ContainerEngine[]) {
    super();
    this.live = engines.some((e) => e.live);
    this.endpoint = {
      url: engines.map((e) => e.endpoint.url).join(' + '),
      source: 'option',
      ...because('endpoint.why-all', { engines: engines.map((e) => `${e.kind} ${e.endpoint.url} (${e.endpoint.reason})`).join('; ') }),
    };
    for (const e of engines) {
      e.on('container', (ev) => this.emit('container', ev));
      e.on('state', () => this.emit('state', this.state));
    }
  }

  /** Connected while any engine is; else the first one's state. */
  get state(): EngineState {
    const states = this.engines.map((e) => e.state);
    const up = states.find((s) => s.status === 'connected');
    return up ? { ...up, endpoint: this.endpoint } : { ...states[0]!, endpoint: this.endpoint };
  }

  get timeoutMs(): number {
    return Math.max(...this.engines.map((e) => e.timeoutMs));
  }

  get docker(): Docker {
    const d = this.engines.find((e) => e.kind === 'docker' || e.kind === 'podman');
    if (!d) throw fail('engine.no-docker');
    return d.docker;
  }

  notes(): string[] {
    return [...this.engines.flatMap((e) => e.notes()), ...[...this.down.values()]];
  }

  private async each(f: (e: ContainerEngine) => Promise<void>): Promise<void> {
    const got = await Promise.allSettled(this.engines.map(f));
    got.forEach((r, i) => {
      const e = this.engines[i]!;
      if (r.status === 'fulfilled') this.down.delete(e);
      else this.down.set(e, `${e.kind} at ${e.endpoint.url} left out: ${(r.reason as Error)?.message ?? String(r.reason)}`);
    });
    const failed = got.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === got.length) throw failed[0]!.reason;
  }

  start(): Promise<void> {
    return this.each((e) => e.start());
  }

  details(): Promise<void> {
    return this.each((e) => e.details());
  }

  list(): Container[] {
    return this.engines.flatMap((e) => (this.down.has(e) ? [] : e.list())).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The engine that holds the container: asked in turn; two that both have it is ambiguous. */
  private async owner(ref: string): Promise<{ engine: ContainerEngine; container: Container }> {
    const found: Array<{ engine: ContainerEngine; container: Container }> = [];
    const errors: NsInspectError[] = [];
    for (const engine of this.engines) {
      try {
        found.push({ engine, container: await engine.resolve(ref) });
      } catch (e) {
        if (!(e instanceof NsInspectError)) throw e;
        errors.push(e);
      }
    }
    if (found.length > 1) throw fail('engine.ambiguous', { ref, engines: found.map((f) => f.engine.kind).join(' and ') });
    if (found.length === 1) return found[0]!;
    const notFound = errors.filter((e) => e.code === 'not-found');
    if (notFound.length === errors.length)
      throw fail('engine.no-such-any', { ref, engines: this.engines.map((e) => `${e.kind} ${e.endpoint.url}`).join(' nor ') });
    throw errors.find((e) => e.code !== 'not-found')!;
  }

  async resolve(ref: string): Promise<Container> {
    return (await this.owner(ref)).container;
  }

  async resolveRaw(ref: string): Promise<{ container: Container; raw: EngineInspect | null }> {
    const { engine } = await this.owner(ref);
    return engine.resolveRaw(ref);
  }

  async inspectRaw(id: string): Promise<EngineInspect> {
    const holder = this.engines.find((e) => e.list().some((c) => c.id === id));
    return holder ? holder.inspectRaw(id) : (await this.owner(id)).engine.inspectRaw(id);
  }

  async stop(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.stop()));
  }
}
