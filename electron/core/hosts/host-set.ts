import { EventEmitter } from 'node:events';
import type { EngineContext, HostsState, HostTag, OpenHostInfo } from '../../../shared/model/index.js';
import type { AccessController } from '../access/controller.js';
import { fail } from '../errors.js';
import type { NsInspectService } from '../service.js';
import type { ShellHost } from '../shell/host.js';

/** One engine host's whole stack, as serve builds it for a context: engine, access, service, shells. */
export interface HostRuntime {
  readonly service: NsInspectService;
  readonly shells: ShellHost | null;
  readonly settings: AccessController;
  close(): Promise<void>;
}

/** An open host: its stack, its tag, and whether it is the one serve started with. */
export interface OpenHost extends HostRuntime {
  readonly tag: HostTag;
  readonly primary: boolean;
}

/**
 * Builds a host's stack for a docker context (null: the environment's, as a one-host serve does),
 * or for the local containerd when the listed entry says so.
 */
export type HostFactory = (context: string | null, entry?: EngineContext) => HostRuntime;

export interface HostSetEvents {
  opened: [OpenHost];
  closed: [OpenHost];
  /** A host opened or closed, or an engine's state changed. */
  state: [HostsState];
}

/**
 * The engine hosts serve has open, one service per host, in the order they were opened. The
 * first stays open (its references are the bare ones); the others open and close at run time.
 */
export class HostSet extends EventEmitter<HostSetEvents> {
  private readonly hosts = new Map<string, { host: OpenHost; off: () => void }>();

  constructor(
    private readonly make: HostFactory,
    /** The contexts there are (listContexts) and the name of the one serve runs on without --context. */
    private readonly contexts: () => { contexts: EngineContext[]; current: { name: string } },
  ) {
    super();
  }

  /** The host a reference's key names; null: the first. */
  get(key: string | null): OpenHost {
    const found = key === null ? this.list()[0] : this.hosts.get(key)?.host;
    if (!found) throw fail('host.not-open', { host: key ?? '' });
    return found;
  }

  /** The open host that holds this key, if any. */
  find(key: string): OpenHost | undefined {
    return this.hosts.get(key)?.host;
  }

  list(): OpenHost[] {
    return [...this.hosts.values()].map((h) => h.host);
  }

  /**
   * Opens a context (null: the environment's engine, named after the current context). Opening
   * one that is open gives it back; a name that is no context is refused before any engine.
   */
  open(context: string | null): OpenHost {
    const known = this.contexts();
    const key = context ?? known.current.name;
    const open = this.hosts.get(key);
    if (open) return open.host;
    const entry = context === null ? undefined : known.contexts.find((c) => c.name === context);
    if (context !== null && !entry) throw fail('host.no-context', { host: context });
    const runtime = this.make(context, entry);
    const endpoint = runtime.service.engine.endpoint.url;
    const host: OpenHost = Object.assign(runtime, {
      tag: { key, label: key, endpoint, ...(endpoint.startsWith('unix://') ? { kernel: 'local' as const } : {}) },
      primary: this.hosts.size === 0,
    });
    const onState = () => this.emit('state', this.state());
    const off = runtime.service.onEngineState(onState);
    this.hosts.set(key, { host, off });
    this.emit('opened', host);
    onState();
    return host;
  }

  /** Closes a host opened at run time: the connections drop it first, then its stack is closed. */
  async close(key: string): Promise<void> {
    const entry = this.hosts.get(key);
    if (!entry) return;
    if (entry.host.primary) throw fail('host.first', { host: key });
    this.hosts.delete(key);
    entry.off();
    this.emit('closed', entry.host);
    this.emit('state', this.state());
    await entry.host.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.hosts.values()].reverse();
    this.hosts.clear();
    for (const { host, off } of all) {
      off();
      this.emit('closed', host);
    }
    await Promise.all(all.map(({ host }) => host.close().catch(() => undefined)));
  }

  state(): HostsState {
    return { open: this.list().map(describeHost), contexts: this.contexts().contexts, canOpen: true };
  }
}

export function describeHost(h: { tag: HostTag; primary: boolean; service: NsInspectService }): OpenHostInfo {
  const s = h.service.engineState();
  return { tag: h.tag, primary: h.primary, status: s.status, ...(s.status === 'unreachable' ? { message: s.message } : {}) };
}
