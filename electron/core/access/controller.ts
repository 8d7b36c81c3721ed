import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AccessSettings, AccessStatus, SettingsState } from '../../../shared/api/settings.js';
import { settingsPatch } from '../../../shared/api/settings-schema.js';
import { describeZodError } from '../../../shared/api/validate.js';
import type { AccessKind } from '../../../shared/model/index.js';
import type { AskpassBroker } from '../api/askpass-broker.js';
import type { ContainerEngine as Engine } from '../engine/types.js';
import { said } from '../../../shared/messages.js';
import type { ApiError } from '../../../shared/api/error.js';
import { toApiError } from '../api/dispatch.js';
import { fail, NsInspectError } from '../errors.js';
import type { ProbeAccess } from './access.js';
import { DirectAccess } from './direct.js';
import { DEFAULT_HELPER_IMAGE } from './docker-helper.js';
import { Backends, NoAccessError, reason, reasonOf } from './select.js';

/** Where settings are kept: Electron's settings.json, or nowhere (serve keeps them in memory). */
export interface SettingsStore {
  readonly path: string;
  load(): unknown;
  save(s: AccessSettings): void;
}

/** What is rebuilt when the backend changes: the shells (ShellManager) and the probe's cache. */
export interface AccessConsumer {
  /** New helpers; `access` is the backend to use when a request names none (undefined: automatic). */
  setBackends(backends: Backends, access: AccessKind | undefined, why: string): void | Promise<void>;
}

export interface ControllerOptions {
  engine: Engine;
  /** Start-up settings (CLI flags); the store's file wins over the defaults, flags win over both. */
  initial?: Partial<AccessSettings>;
  store?: SettingsStore;
  askpass?: AskpassBroker;
  askpassTimeoutMs?: number;
}

export const DEFAULT_SETTINGS: AccessSettings = { access: 'auto', helperImage: DEFAULT_HELPER_IMAGE };

/**
 * The probe's access as one stable object for the service, whose backend the controller can
 * replace: calls wait for the backend being built (which may wait for a password).
 */
class SwitchingAccess implements ProbeAccess {
  current: Promise<ProbeAccess>;
  resolved: ProbeAccess | null = null;
  constructor(initial: Promise<ProbeAccess>) {
    this.current = initial;
  }
  get kind(): AccessKind {
    return this.resolved?.kind ?? 'direct';
  }
  readFiles(p: string[]) {
    return this.current.then((a) => a.readFiles(p));
  }
  readLinks(p: string[]) {
    return this.current.then((a) => a.readLinks(p));
  }
  stat(p: string[], f?: boolean) {
    return this.current.then((a) => a.stat(p, f));
  }
  resolve(p: string[]) {
    return this.current.then((a) => a.resolve(p));
  }
  listDir(p: string) {
    return this.current.then((a) => a.listDir(p));
  }
  run(c: Parameters<ProbeAccess['run']>[0]) {
    return this.current.then((a) => a.run(c));
  }
  async close() {
    await (await this.current).close();
  }
}

export interface AccessControllerEvents {
  state: [SettingsState];
  /** The backend was replaced: caches tied to the old one (the prober's host reference) start over. */
  switched: [];
}

/** A backend's failure for Settings, with its catalogue key when it has one. */
function apiErrorOf(e: unknown): ApiError {
  return e instanceof NsInspectError ? toApiError(e) : { code: 'failed', message: (e as Error)?.message ?? String(e) };
}

/**
 * The access settings of a serving process (Electron main, nsinspect serve) and the backend they
 * select. A change rebuilds the helpers (new Backends), hands them to the shells, swaps the
 * probe's access, then stops the old helpers. Terminals opened through the old backend are
 * ended (see docs/access-and-shells.md, "Settings").
 */
export class AccessController extends EventEmitter<AccessControllerEvents> {
  private settings: AccessSettings;
  private status: AccessStatus = { state: 'starting', kind: null, ...reason(said('access.why-starting')), tried: [] };
  private backendsNow: Backends;
  private readonly switching: SwitchingAccess;
  private readonly consumers = new Set<AccessConsumer>();
  private generation = 0;
  private building: Promise<void> = Promise.resolve();
  /** Waiting for the engine's return to start a new docker-helper (see restartHelper). */
  private awaitEngine: ((s: { status: string }) => void) | null = null;

  constructor(private readonly opts: ControllerOptions) {
    super();
    this.settings = { ...DEFAULT_SETTINGS, ...loadSettings(opts.store), ...definedOnly(opts.initial ?? {}) };
    this.backendsNow = this.makeBackends();
    this.switching = new SwitchingAccess(this.build(this.backendsNow, ++this.generation));
  }

  /**
   * The serving docker-helper died (docker rm -f, a daemon restart): Settings says so at once
   * (never "ready" while it is dead), and a new helper is started without waiting for a request.
   */
  private readonly onHelperDead = (_helper: unknown, why: string): void => {
    if (this.status.kind !== 'docker-helper' || this.status.state !== 'ready') return;
    const before = this.status;
    this.status = { ...before, state: 'starting', ...reason(said('access.why-helper-restarting', { detail: why })) };
    this.emitState();
    this.restartHelper(before, why);
  };

  /** Starts the new helper; when the engine is away (a daemon restart), again once it is back. */
  private restartHelper(before: AccessStatus, why: string): void {
    const backends = this.backendsNow;
    const gen = this.generation;
    const current = () => gen === this.generation && backends === this.backendsNow;
    backends.dockerHelper().then(
      () => {
        if (!current()) return;
        this.status = { ...before, state: 'ready', ...reason(said('access.why-helper-restarted', { before: before.why, detail: why })) };
        this.emitState();
      },
      (e: NsInspectError) => {
        if (!current()) return;
        this.status = {
          ...before,
          state: 'failed',
          ...reason(said('access.why-helper-restart-failed', { detail: why })),
          error: { ...apiErrorOf(e), hint: e.hint ?? 'choose another backend in Settings' },
        };
        this.emitState();
        // A daemon going away takes its helper with it, and the new one cannot start until it is
        // back (the failure may come before the engine state says so): tried again on its return.
        if (this.awaitEngine) this.opts.engine.off('state', this.awaitEngine);
        let away = this.opts.engine.state.status !== 'connected';
        const back = (st: { status: string }) => {
          if (st.status !== 'connected') {
            away = true;
            return;
          }
          if (!away) return;
          this.opts.engine.off('state', back);
          this.awaitEngine = null;
          if (current() && this.status.state === 'failed') this.restartHelper(before, why);
        };
        this.awaitEngine = back;
        this.opts.engine.on('state', back);
      },
    );
  }

  /** The probe's access for the service: always this object, whatever backend is behind it. */
  get access(): ProbeAccess {
    return this.switching;
  }

  get backends(): Backends {
    return this.backendsNow;
  }

  /** The fixed backend, or undefined for the automatic choice. */
  get fixedKind(): AccessKind | undefined {
    return this.settings.access === 'auto' ? undefined : this.settings.access;
  }

  attach(consumer: AccessConsumer): void {
    this.consumers.add(consumer);
    void consumer.setBackends(this.backendsNow, this.status.kind ?? this.fixedKind, this.status.why);
  }

  state(): SettingsState {
    return {
      settings: { ...this.settings },
      status: { ...this.status, tried: [...this.status.tried] },
      store: this.opts.store ? { kind: 'file', path: this.opts.store.path } : { kind: 'memory' },
      askpass: this.opts.askpass?.pending() ?? [],
    };
  }

  /** Resolves when the backend being built is ready or has failed. */
  ready(): Promise<void> {
    return this.building;
  }

  /**
   * Applies a change (checked like the API's settingsSet); answers at once with status
   * "starting" when the backend is rebuilt; the `state` event follows as it comes up.
   */
  async update(patch: unknown): Promise<SettingsState> {
    const parsed = settingsPatch.safeParse(patch);
    if (!parsed.success) throw fail('settings.invalid', { detail: describeZodError(parsed.error) });
    const next = { ...this.settings, ...definedOnly(parsed.data) } as AccessSettings;
    // The same settings again: nothing to do, unless the backend failed (then it is a retry).
    if (next.access === this.settings.access && next.helperImage === this.settings.helperImage && this.status.state !== 'failed')
      return this.state();
    this.settings = next;
    try {
      this.opts.store?.save(next);
    } catch (e) {
      throw fail('settings.unsaved', { path: String(this.opts.store?.path), detail: (e as Error).message });
    }
    const old = this.backendsNow;
    const oldAccess = this.switching.current;
    this.backendsNow = this.makeBackends();
    this.status = { state: 'starting', kind: null, ...reason(said('access.why-switching')), tried: [] };
    // The shells move to the new helpers first (ending the sessions of the old), then the probe.
    await Promise.allSettled([...this.consumers].map((c) => c.setBackends(this.backendsNow, this.fixedKind, this.status.why)));
    this.switching.current = this.build(this.backendsNow, ++this.generation);
    this.switching.resolved = null;
    this.emit('switched');
    this.emitState();
    void oldAccess
      .then((a) => a.close())
      .catch(() => undefined)
      .finally(() => old.close());
    return this.state();
  }

  private makeBackends(): Backends {
    this.backendsNow?.off('dockerHelperDead', this.onHelperDead);
    const b = new Backends(this.opts.engine, this.settings.helperImage, {
      ...(this.opts.askpass ? { askpass: this.opts.askpass.handler } : {}),
      ...(this.opts.askpassTimeoutMs ? { askpassTimeoutMs: this.opts.askpassTimeoutMs } : {}),
    });
    b.on('dockerHelperDead', this.onHelperDead);
    return b;
  }

  /** Chooses and starts the backend; when none can serve, direct reads stand in (each item says why it failed). */
  private build(backends: Backends, gen: number): Promise<ProbeAccess> {
    const p = (async (): Promise<ProbeAccess> => {
      let access: ProbeAccess;
      try {
        const choice = await backends.explain(this.fixedKind);
        access = await backends.access(choice.kind);
        if (gen !== this.generation) return access;
        this.status = {
          state: 'ready',
          kind: choice.kind,
          why: choice.why,
          ...(choice.whySaid ? { whySaid: choice.whySaid } : {}),
          tried: choice.tried,
        };
        if (!this.fixedKind) for (const c of this.consumers) void c.setBackends(backends, choice.kind, choice.why);
      } catch (e) {
        access = new DirectAccess();
        if (gen !== this.generation) return access;
        const err = e as NsInspectError;
        const tried = e instanceof NoAccessError ? e.tried : this.fixedKind ? [{ kind: this.fixedKind, ...reasonOf(err) }] : [];
        this.status = {
          state: 'failed',
          kind: null,
          ...reason(this.fixedKind ? said('access.why-fixed-failed', { kind: this.fixedKind }) : said('access.why-none')),
          tried,
          error: apiErrorOf(err),
        };
        if (this.fixedKind && !err.hint)
          this.status.error!.hint = 'choose Automatic or another backend in Settings, or fix what the message says';
      }
      if (gen === this.generation) {
        this.switching.resolved = access;
        this.emitState();
      }
      return access;
    })();
    this.building = p.then(() => undefined);
    return p;
  }

  private emitState(): void {
    this.emit('state', this.state());
  }

  /** Stops the helpers (the app is quitting). */
  async close(): Promise<void> {
    if (this.awaitEngine) this.opts.engine.off('state', this.awaitEngine);
    this.opts.askpass?.cancelAll();
    await this.switching.close().catch(() => undefined);
    await this.backendsNow.close();
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The stored settings, each field checked; anything unreadable or invalid is left at its default. */
function loadSettings(store: SettingsStore | undefined): Partial<AccessSettings> {
  if (!store) return {};
  let raw: unknown;
  try {
    raw = store.load();
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<AccessSettings> = {};
  for (const key of ['access', 'helperImage'] as const) {
    const one = settingsPatch.safeParse({ [key]: (raw as Record<string, unknown>)[key] });
    if (one.success && one.data[key] !== undefined) (out as Record<string, unknown>)[key] = one.data[key];
  }
  return out;
}

/** Settings in a JSON file (the desktop app: userData/settings.json), written atomically, mode 0600. */
export function jsonFileStore(path: string): SettingsStore {
  return {
    path,
    load: () => JSON.parse(readFileSync(path, 'utf8')) as unknown,
    save(s) {
      mkdirSync(dirname(path), { recursive: true });
      let current: Record<string, unknown> = {};
      try {
        const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        if (raw && typeof raw === 'object' && !Array.isArray(raw)) current = raw as Record<string, unknown>;
      } catch {
        /* first save */
      }
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ ...current, access: s.access, helperImage: s.helperImage }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}
