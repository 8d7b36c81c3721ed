// The Electron main process's IPC handlers, driven through their port with fakes: the Electron
// binary cannot run here, and the sender checks are what keep a foreign frame away from the API.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, REQUEST_CHANNELS } from '../../shared/api/channels.js';
import { registerIpc, type IpcInvokeEvent, type IpcPort, type IpcSender } from '../../electron/main/ipc.js';
import type { NsInspectService } from '../../electron/core/service.js';
import type { AskpassBroker } from '../../electron/core/api/askpass-broker.js';
import type { Container, HostsState } from '../../shared/model/index.js';
import { fakeHostSet, ID } from '../support/fake-hosts.js';

const OUR_URL = 'app://nsinspect/index.html';

function fakeService() {
  const calls: unknown[][] = [];
  const bus = new EventEmitter();
  const svc = {
    inspect: async (ref: string) => {
      calls.push(['inspect', ref]);
      return { target: ref };
    },
    onContainers: (l: (e: unknown) => void) => (bus.on('c', l), () => bus.off('c', l)),
    onEngineState: (l: (e: unknown) => void) => (bus.on('s', l), () => bus.off('s', l)),
  };
  return { svc: svc as unknown as NsInspectService, calls, bus };
}

function fakeContents(id: number): IpcSender & { mainFrame: { url: string }; sent: unknown[] } {
  const ee = new EventEmitter();
  const sent: unknown[] = [];
  return {
    id,
    mainFrame: { url: OUR_URL },
    sent,
    isDestroyed: () => false,
    send: (channel: string, msg: unknown) => sent.push([channel, msg]),
    once: (event: string, l: () => void) => ee.once(event, l),
  };
}

function setup() {
  const handlers = new Map<string, (e: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const ipc: IpcPort = { handle: (channel, listener) => void handlers.set(channel, listener) };
  const { svc, calls, bus } = fakeService();
  const ours = fakeContents(1);
  registerIpc({ ipc, service: svc, shells: null, isOurs: (u) => u === OUR_URL, windows: () => [{ webContents: ours }] });
  const invoke = (channel: string, e: IpcInvokeEvent, ...args: unknown[]) => handlers.get(`${IPC_PREFIX}${channel}`)!(e, ...args);
  return { handlers, calls, bus, ours, invoke };
}

describe('registerIpc', () => {
  it('handles exactly the contract channels', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(REQUEST_CHANNELS.map((c) => `${IPC_PREFIX}${c}`).sort());
  });

  it('lets a good call from our main frame reach the dispatcher, and pushes events to that window', async () => {
    const { invoke, ours, calls, bus } = setup();
    const answer = await invoke('inspect', { sender: ours, senderFrame: ours.mainFrame }, 'web1');
    expect(answer).toEqual({ ok: true, result: { target: 'web1' } });
    expect(calls).toEqual([['inspect', 'web1']]);
    bus.emit('c', { kind: 'removed', id: 'x' });
    expect(ours.sent).toEqual([[IPC_EVENT_CHANNEL, { event: 'containers', payload: { kind: 'removed', id: 'x' } }]]);
  });

  it('refuses a call from a subframe, another window, or a page that is not ours, before the engine sees it', async () => {
    const { invoke, ours, calls } = setup();
    const stranger = fakeContents(2);
    const refused = [
      { sender: ours, senderFrame: { url: OUR_URL } }, // a frame of our page, but not its main frame
      { sender: ours, senderFrame: null },
      { sender: stranger, senderFrame: stranger.mainFrame }, // a web contents that is not our window
    ];
    for (const e of refused) {
      expect(await invoke('inspect', e, 'web1')).toMatchObject({ ok: false, error: { code: 'permission' } });
    }
    ours.mainFrame.url = 'https://evil.example/';
    expect(await invoke('inspect', { sender: ours, senderFrame: ours.mainFrame }, 'web1')).toMatchObject({
      ok: false,
      error: { code: 'permission' },
    });
    expect(calls).toEqual([]);
  });

  it('refuses a bad argument with the validation error, before the engine sees it', async () => {
    const { invoke, ours, calls } = setup();
    const e = { sender: ours, senderFrame: ours.mainFrame };
    expect(await invoke('inspect', e, '../../etc')).toMatchObject({
      ok: false,
      error: { code: 'input', message: expect.stringMatching(/invalid arguments for inspect/) },
    });
    expect(await invoke('inspect', e)).toMatchObject({ ok: false, error: { code: 'input' } });
    expect(await invoke('inspect', e, 'web1', 'extra')).toMatchObject({ ok: false, error: { code: 'input' } });
    expect(calls).toEqual([]);
  });

  it('with the hosts: the window lists the docker contexts, opens one, and lists both hosts’ containers', async () => {
    const handlers = new Map<string, (e: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    const ipc: IpcPort = { handle: (channel, listener) => void handlers.set(channel, listener) };
    const log: string[] = [];
    const { set } = fakeHostSet(log);
    const first = set.open(null);
    const ours = fakeContents(1);
    const askpass = new EventEmitter() as unknown as AskpassBroker;
    registerIpc({
      ipc,
      service: first.service,
      shells: null,
      control: { settings: first.settings, askpass },
      hosts: set,
      isOurs: (u) => u === OUR_URL,
      windows: () => [{ webContents: ours }],
    });
    const e = { sender: ours, senderFrame: ours.mainFrame };
    const invoke = (channel: string, ...args: unknown[]) => handlers.get(`${IPC_PREFIX}${channel}`)!(e, ...args);
    const listed = (await invoke('hostsList')) as { ok: true; result: HostsState };
    expect(listed.result.canOpen).toBe(true);
    expect(listed.result.contexts.map((c) => c.name)).toEqual(['default', 'staging', 'spare']);
    expect(listed.result.open.map((h) => h.tag.key)).toEqual(['default']);
    expect(await invoke('hostOpen', 'staging')).toMatchObject({ ok: true });
    const list = (await invoke('listContainers')) as { ok: true; result: Container[] };
    expect(list.result.map((c) => c.id)).toEqual([ID, `staging/${ID}`]);
    await invoke('inspect', 'staging/web');
    expect(log).toEqual(['ssh://staging inspect web']);
    await set.closeAll();
  });
});
