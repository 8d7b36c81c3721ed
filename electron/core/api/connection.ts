import type { EventChannel, EventTypes } from '../../../shared/api/contract.js';
import type { ShellEnd } from '../../../shared/api/shell.js';
import { fail } from '../errors.js';
import type { NsInspectService } from '../service.js';
import type { ShellHost } from '../shell/host.js';
import { createDispatcher, type Control, type Dispatch } from './dispatch.js';
import { LogFollows } from './log-follows.js';

export type Emit = <E extends EventChannel>(event: E, payload: EventTypes[E]) => void;

/** One renderer (an Electron window, a browser tab) talking to the engine. */
export interface Connection {
  /** Validates and serves one request; terminal requests only for this connection's own sessions. */
  call(channel: string, args: unknown): Promise<unknown>;
  /** Stops the events and closes this connection's terminals. */
  close(): Promise<void>;
}

const SESSION_CHANNELS = new Set(['shellInput', 'shellResize', 'shellAck', 'shellClose']);
/** Output that arrives for a session before its open() has resolved, kept for that moment only. */
const EARLY_LIMIT = 256 * 1024;

/**
 * Wraps the dispatcher for one client: pushes engine and container events to
 * it, forwards only the output of terminals it opened, refuses to touch
 * anybody else's session, and closes its sessions when it goes away. Both the
 * Electron main process and the browser-mode server serve through this.
 */
export function openConnection(
  service: NsInspectService,
  shells: ShellHost | null,
  emit: Emit,
  opts: { control?: Control; dispatch?: Dispatch } = {},
): Connection {
  const control = opts.control;
  // Log follows are this connection's own: their text goes to it only, and they stop with it.
  const logs = new LogFollows(service, {
    data: (id, text) => emit('logsData', { id, text }),
    end: (id, end) => emit('logsEnd', { id, end }),
  });
  const dispatch = opts.dispatch ?? createDispatcher(service, shells, control, logs);
  const owned = new Set<string>();
  let opening = 0;
  let closed = false;
  const early = new Map<string, { data: Uint8Array[]; end: ShellEnd | null; bytes: number }>();

  const offContainers = service.onContainers((e) => emit('containers', e));
  const offEngine = service.onEngineState((s) => emit('engine', s));
  // Settings and password prompts go to every renderer; the first answer to a prompt wins.
  const onSettings = (s: EventTypes['settings']) => emit('settings', s);
  const onAsk = (p: EventTypes['askpass']) => emit('askpass', p);
  const onAskEnd = (p: EventTypes['askpassEnd']) => emit('askpassEnd', p);
  control?.settings.on('state', onSettings);
  control?.askpass.on('ask', onAsk);
  control?.askpass.on('end', onAskEnd);

  const onData = (id: string, data: Uint8Array) => {
    if (owned.has(id)) emit('shellData', { id, data });
    else if (opening > 0) {
      const e = early.get(id) ?? { data: [], end: null, bytes: 0 };
      if (e.bytes + data.byteLength <= EARLY_LIMIT) {
        e.data.push(data);
        e.bytes += data.byteLength;
      }
      early.set(id, e);
    }
  };
  const onEnd = (id: string, end: ShellEnd) => {
    if (owned.has(id)) {
      owned.delete(id);
      emit('shellEnd', { id, end });
    } else if (opening > 0) {
      const e = early.get(id) ?? { data: [], end: null, bytes: 0 };
      e.end = end;
      early.set(id, e);
    }
  };
  shells?.on('data', onData);
  shells?.on('end', onEnd);

  return {
    async call(channel, args) {
      if (closed) throw fail('connection.closed');
      if (SESSION_CHANNELS.has(channel) && Array.isArray(args) && typeof args[0] === 'string' && !owned.has(args[0])) {
        if (channel === 'shellAck' || channel === 'shellClose') return undefined; // a session that just ended
        throw fail('shell.no-session');
      }
      if (channel !== 'shellOpen') return dispatch(channel, args);
      opening++;
      try {
        const session = (await dispatch(channel, args)) as { id: string };
        const buffered = early.get(session.id);
        early.delete(session.id);
        if (closed) {
          await shells?.close(session.id).catch(() => undefined);
          throw fail('connection.closed');
        }
        owned.add(session.id);
        // Hand the early output over after the answer, so the client knows the session first.
        if (buffered) {
          setTimeout(() => {
            for (const d of buffered.data) emit('shellData', { id: session.id, data: d });
            if (buffered.end) onEnd(session.id, buffered.end);
          }, 0);
        }
        return session;
      } finally {
        if (--opening === 0) early.clear();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      offContainers();
      offEngine();
      logs.closeAll();
      control?.settings.off('state', onSettings);
      control?.askpass.off('ask', onAsk);
      control?.askpass.off('end', onAskEnd);
      shells?.off('data', onData);
      shells?.off('end', onEnd);
      const ids = [...owned];
      owned.clear();
      await Promise.all(ids.map((id) => shells?.close(id).catch(() => undefined)));
    },
  };
}
