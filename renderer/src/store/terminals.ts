import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/contract';
import type { ShellEnd, ShellOpenRequest, ShellSession } from '../../../shared/api/shell';
import { api, asApiError } from '../api';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { tell } from '../i18n/errors';
import { useUi } from './ui';

export type TabStatus = 'connecting' | 'open' | 'ended' | 'error';

/** What opening asks for; the size comes from the terminal when it is laid out. */
export type OpenSpec = Omit<ShellOpenRequest, 'cols' | 'rows'>;

export interface TermTab {
  key: string;
  spec: OpenSpec;
  status: TabStatus;
  session: ShellSession | null;
  end: ShellEnd | null;
  error: ApiError | null;
}

/** The xterm side of a tab, registered by its pane. */
export interface TermSink {
  write(data: Uint8Array, done: () => void): void;
  /** A status line written into the terminal (dimmed), in the language of the moment. */
  status(key: MessageKey): void;
  size(): { cols: number; rows: number };
}

const sinks = new Map<string, TermSink>();
export function registerSink(key: string, sink: TermSink): () => void {
  sinks.set(key, sink);
  return () => {
    if (sinks.get(key) === sink) sinks.delete(key);
  };
}

export interface TerminalsState {
  tabs: TermTab[];
  active: string | null;
  fontSize: number;
  scrollback: number;
  /** The open dialog, for this container (null: closed). */
  dialogFor: string | null;
  openDialog(container: string | null): void;
  /** Adds a tab; its pane connects once it knows its size. */
  add(spec: OpenSpec): string;
  connect(key: string): Promise<void>;
  reconnect(key: string): void;
  close(key: string): void;
  activate(key: string): void;
  input(key: string, data: string): void;
  resize(key: string, cols: number, rows: number): void;
  setFontSize(n: number): void;
  setScrollback(n: number): void;
  start(): () => void;
}

let counter = 0;
const bySession = new Map<string, string>(); // session id → tab key

function loadNumber(name: string, dflt: number, min: number, max: number): number {
  try {
    const n = Number(localStorage.getItem(name));
    return Number.isFinite(n) && n >= min && n <= max && n !== 0 ? n : dflt;
  } catch {
    return dflt;
  }
}
function saveNumber(name: string, n: number): void {
  try {
    localStorage.setItem(name, String(n));
  } catch {
    /* storage may be off */
  }
}

export const useTerminals = create<TerminalsState>((set, get) => {
  const patch = (key: string, p: Partial<TermTab>) => set({ tabs: get().tabs.map((t) => (t.key === key ? { ...t, ...p } : t)) });
  const tab = (key: string) => get().tabs.find((t) => t.key === key);

  return {
    tabs: [],
    active: null,
    fontSize: loadNumber('nsinspect.term.fontSize', 13, 8, 32),
    scrollback: loadNumber('nsinspect.term.scrollback', 5000, 100, 100000),
    dialogFor: null,
    openDialog: (dialogFor) => set({ dialogFor }),

    add(spec) {
      const key = `t${++counter}`;
      set({
        tabs: [...get().tabs, { key, spec, status: 'connecting', session: null, end: null, error: null }],
        active: key,
        dialogFor: null,
      });
      return key;
    },

    async connect(key) {
      const t = tab(key);
      if (!t) return;
      const size = sinks.get(key)?.size() ?? { cols: 80, rows: 24 };
      patch(key, { status: 'connecting', end: null, error: null, session: null });
      try {
        const session = await api().shellOpen({ ...t.spec, cols: size.cols, rows: size.rows });
        if (!tab(key)) {
          void api()
            .shellClose(session.id)
            .catch(() => undefined);
          return;
        }
        bySession.set(session.id, key);
        patch(key, { status: 'open', session });
      } catch (e) {
        const err = asApiError(e);
        // A root shell on the host: the app says so before polkit or sudo asks for the password.
        if (
          err.code === 'needs-confirmation' &&
          !t.spec.confirmRootShell &&
          typeof window !== 'undefined' &&
          window.confirm(confirmText(err))
        ) {
          patch(key, { spec: { ...t.spec, confirmRootShell: true } });
          return get().connect(key);
        }
        patch(key, { status: 'error', error: err });
      }
    },

    reconnect(key) {
      const t = tab(key);
      if (!t || t.status === 'connecting') return;
      if (t.session && t.status === 'open')
        void api()
          .shellClose(t.session.id)
          .catch(() => undefined);
      if (t.session) bySession.delete(t.session.id);
      sinks.get(key)?.status('term.reconnecting');
      void get().connect(key);
    },

    close(key) {
      const t = tab(key);
      if (!t) return;
      if (t.session) {
        bySession.delete(t.session.id);
        if (t.status === 'open')
          void api()
            .shellClose(t.session.id)
            .catch(() => undefined);
      }
      const tabs = get().tabs.filter((x) => x.key !== key);
      const idx = get().tabs.findIndex((x) => x.key === key);
      const active = get().active === key ? (tabs[Math.min(idx, tabs.length - 1)]?.key ?? null) : get().active;
      set({ tabs, active });
    },

    activate: (active) => set({ active }),

    input(key, data) {
      const t = tab(key);
      if (t?.session && t.status === 'open')
        void api()
          .shellInput(t.session.id, data)
          .catch(() => undefined);
    },

    resize(key, cols, rows) {
      const t = tab(key);
      if (t?.session && t.status === 'open')
        void api()
          .shellResize(t.session.id, cols, rows)
          .catch(() => undefined);
    },

    setFontSize(n) {
      const fontSize = Math.max(8, Math.min(32, Math.round(n)));
      saveNumber('nsinspect.term.fontSize', fontSize);
      set({ fontSize });
    },
    setScrollback(scrollback) {
      saveNumber('nsinspect.term.scrollback', scrollback);
      set({ scrollback });
    },

    start() {
      const offData = api().on('shellData', ({ id, data }) => {
        const key = bySession.get(id);
        const sink = key ? sinks.get(key) : undefined;
        // Ack once xterm has parsed the bytes: the producer pauses past its high watermark.
        if (sink)
          sink.write(
            data,
            () =>
              void api()
                .shellAck(id, data.byteLength)
                .catch(() => undefined),
          );
        else
          void api()
            .shellAck(id, data.byteLength)
            .catch(() => undefined);
      });
      const offEnd = api().on('shellEnd', ({ id, end }) => {
        const key = bySession.get(id);
        if (!key) return;
        bySession.delete(id);
        patch(key, { status: 'ended', end });
      });
      return () => {
        offData();
        offEnd();
      };
    },
  };
});

/** The tab's label: the container and the namespaces entered (once open: those really entered). */
export function tabLabel(spec: OpenSpec, session?: ShellSession | null): string {
  if (session) return `${spec.container} · ${session.kind === 'docker-exec' ? 'exec' : session.namespaces.join(',') || 'host'}`;
  if (spec.kind === 'docker-exec') return `${spec.container} · exec`;
  return `${spec.container} · ${spec.namespaces.length ? spec.namespaces.join(',') : 'host'}`;
}

/** The question before a root shell, in the reader's language. */
function confirmText(err: ApiError): string {
  const locale = useUi.getState().locale;
  return translate(locale, 'term.confirmRoot', { message: tell(locale, err).message });
}
