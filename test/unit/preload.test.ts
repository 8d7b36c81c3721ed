// The preload, run against a mocked `electron` module (the binary cannot be downloaded here):
// what it puts in the page, and that an API error keeps its code and hint through the bridge.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, IPC_EVENT_CHANNEL, IPC_PREFIX, REQUEST_CHANNELS } from '../../shared/api/channels.js';
import type { NsInspectApi } from '../../shared/api/contract.js';
import { createElectronClient } from '../../renderer/src/api/electron.js';
import { ApiFailure } from '../../renderer/src/api/types.js';

const electron = vi.hoisted(() => {
  const exposed: [string, unknown][] = [];
  const invoked: unknown[][] = [];
  const onIpc = new Map<string, (e: unknown, msg: unknown) => void>();
  let answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, result: null });
  return {
    exposed,
    invoked,
    onIpc,
    answerWith: (f: typeof answer) => (answer = f),
    module: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.push([key, value]) },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          invoked.push([channel, ...args]);
          return answer(channel, args);
        },
        on: (channel: string, l: (e: unknown, msg: unknown) => void) => void onIpc.set(channel, l),
      },
    },
  };
});
vi.mock('electron', () => electron.module);

/** What the page gets: contextBridge copies functions and keeps only an Error's message. */
function acrossTheBridge(api: Record<string, unknown>): NsInspectApi {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(api)) {
    copy[k] = (...args: unknown[]) => {
      const r = (v as (...a: unknown[]) => unknown)(...args);
      return r instanceof Promise ? r.catch((e: Error) => Promise.reject(new Error(e.message))) : r;
    };
  }
  return copy as unknown as NsInspectApi;
}

describe('the preload', () => {
  let bridge: Record<string, unknown>;
  beforeAll(async () => {
    await import('../../electron/preload/index.js');
    expect(electron.exposed).toHaveLength(1);
    const [key, value] = electron.exposed[0]!;
    expect(key).toBe('nsinspect');
    bridge = value as Record<string, unknown>;
  });

  it('exposes one function per contract channel, plus on(), and nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual([...REQUEST_CHANNELS, 'on'].sort());
    for (const v of Object.values(bridge)) expect(typeof v).toBe('function');
  });

  it('sends each call on its prefixed IPC channel with its arguments', async () => {
    electron.answerWith(() => ({ ok: true, result: { fine: true } }));
    for (const c of REQUEST_CHANNELS) {
      electron.invoked.length = 0;
      await expect((bridge[c] as (...a: unknown[]) => Promise<unknown>)('x', 1)).resolves.toEqual({ fine: true });
      expect(electron.invoked).toEqual([[`${IPC_PREFIX}${c}`, 'x', 1]]);
    }
  });

  it('hands an API error to the renderer with its code, message and hint', async () => {
    electron.answerWith(() => ({ ok: false, error: { code: 'permission', message: 'no access', hint: 'run as root' } }));
    const client = createElectronClient(acrossTheBridge(bridge));
    const err = await client.inspect('web1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({ code: 'permission', message: 'no access', hint: 'run as root' });
  });

  it('delivers only known events, and stops on unsubscribe', () => {
    const on = bridge.on as (e: string, l: (p: unknown) => void) => () => void;
    expect(() => on('nope', () => undefined)).toThrow(/unknown event/);
    const got: unknown[] = [];
    const offs = EVENT_CHANNELS.map((ev) => on(ev, (p) => got.push([ev, p])));
    const deliver = electron.onIpc.get(IPC_EVENT_CHANNEL)!;
    for (const ev of EVENT_CHANNELS) deliver({}, { event: ev, payload: 1 });
    expect(got).toEqual(EVENT_CHANNELS.map((ev) => [ev, 1]));
    offs.forEach((off) => off());
    deliver({}, { event: 'engine', payload: 2 });
    expect(got).toHaveLength(EVENT_CHANNELS.length);
  });
});
