// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/index.js';
import { LOCALES, translate } from '../../renderer/src/i18n/index.js';
import { en } from '../../renderer/src/i18n/en.js';
import { drawn, inodeColor, viewColors } from '../../renderer/src/lib/palette.js';
import { filterContainers, useContainers } from '../../renderer/src/store/containers.js';
import { registerSink, tabLabel, useTerminals } from '../../renderer/src/store/terminals.js';
import { HOST, useUi } from '../../renderer/src/store/ui.js';
import { container, fakeApi } from './fake-api.js';

const engine = {
  status: 'connected',
  endpoint: { url: 'unix:///var/run/docker.sock', source: 'default', reason: '' },
  version: '27',
  apiVersion: '1.47',
  os: 'linux',
  storageDriver: 'overlay2',
} as const;

describe('message catalogue', () => {
  it('has every English key in Vietnamese, with the same parameters', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vi = LOCALES.vi.messages[key];
      expect(vi, key).toBeTruthy();
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(vi), key).toEqual(params(en[key]));
    }
  });
  it('fills parameters', () => {
    expect(translate('en', 'term.exited', { code: 3 })).toBe('[process exited with code 3]');
    expect(translate('vi', 'term.exited', { code: 3 })).toContain('3');
  });

  it('uses the singular form for a count of one', () => {
    expect(translate('en', 'map.procs', { n: 1 })).toBe('1 process');
    expect(translate('en', 'map.procs', { n: 2 })).toBe('2 processes');
    expect(translate('vi', 'map.procs', { n: 1 })).toBe('1 tiến trình');
  });
});

describe('namespace colours', () => {
  it('colours what a view shows twice, one colour each; what it shows once is neutral', () => {
    const colors = viewColors([4026532185, 4026532185, 4026531833, 4026532186, 4026532186], new Set([4026531833]));
    expect(drawn(colors, 4026532185, false).background).not.toBe(drawn(colors, 4026532186, false).background);
    expect(drawn(colors, 4026531833, true).background).toBe('var(--ns-host)');
    expect(drawn(colors, 4026532999, false).background).toBe('var(--ns-own)');
    // Views that draw each namespace once (the host map) claim no likeness.
    expect(inodeColor(4026532185)).toBe(inodeColor(4026532186));
    expect(inodeColor(null)).toBe('var(--ns-none)');
  });
});

describe('stores', () => {
  let api: ReturnType<typeof fakeApi>;
  beforeEach(() => {
    api = fakeApi({
      listContainers: () => [container('web'), container('db', { namespaces: { net: 5 } })],
      engineState: () => engine,
      hostMap: () => ({
        namespaces: [{ type: 'net', inode: 1, nprocs: 1, pid: 1, command: 'init', containers: [], isHost: true }],
        scanned: 1,
        unreadable: 0,
        hostPid: 1,
      }),
    });
    setApi(api.client);
    useContainers.setState({ list: [], loaded: false, error: null, filter: '', hostNs: {} });
  });
  afterEach(() => setApi(null));

  it('loads the list sorted, then follows engine events', async () => {
    const stop = useContainers.getState().start();
    await expect.poll(() => useContainers.getState().loaded).toBe(true);
    expect(useContainers.getState().list.map((c) => c.name)).toEqual(['db', 'web']);
    expect(useContainers.getState().engine?.status).toBe('connected');
    await expect.poll(() => useContainers.getState().hostNs.net).toBe(1);
    api.emit('containers', { kind: 'added', container: container('api') });
    expect(useContainers.getState().list.map((c) => c.name)).toEqual(['api', 'db', 'web']);
    api.emit('containers', { kind: 'changed', container: container('db', { state: 'exited', pid: null }) });
    expect(useContainers.getState().list.find((c) => c.name === 'db')?.state).toBe('exited');
    api.emit('containers', { kind: 'removed', id: container('web').id });
    expect(useContainers.getState().list.map((c) => c.name)).toEqual(['api', 'db']);
    stop();
  });

  it('keeps the cause when the engine is unreachable', async () => {
    setApi(
      fakeApi({
        listContainers: () =>
          Promise.reject(
            Object.assign(new Error('container engine unreachable: permission denied on unix:///var/run/docker.sock'), {
              code: 'engine',
              hint: 'add your user to the "docker" group',
            }),
          ),
        engineState: () => engine,
      }).client,
    );
    await useContainers.getState().reload();
    expect(useContainers.getState().error).toMatchObject({ code: 'engine', hint: 'add your user to the "docker" group' });
  });

  it('filters by name, image, ID prefix, state and PID', () => {
    const list = [container('web', { pid: 42 }), container('db', { image: 'postgres', state: 'exited', pid: null })];
    expect(filterContainers(list, 'WE').map((c) => c.name)).toEqual(['web']);
    expect(filterContainers(list, 'postgres').map((c) => c.name)).toEqual(['db']);
    expect(filterContainers(list, 'exited').map((c) => c.name)).toEqual(['db']);
    expect(filterContainers(list, '42').map((c) => c.name)).toEqual(['web']);
    expect(filterContainers(list, '')).toHaveLength(2);
  });

  it('picks A and B, swaps when a side is picked twice, keeps the host as B', () => {
    useUi.setState({ a: null, b: null });
    useUi.getState().pick('a', 'web');
    useUi.getState().pick('b', 'db');
    expect([useUi.getState().a, useUi.getState().b]).toEqual(['web', 'db']);
    useUi.getState().pick('a', 'db');
    expect([useUi.getState().a, useUi.getState().b]).toEqual(['db', 'web']);
    useUi.getState().pick('b', HOST);
    useUi.getState().swap();
    expect([useUi.getState().a, useUi.getState().b]).toEqual(['db', HOST]);
  });

  it('opens a terminal, routes its bytes, acks them after writing, and reports the end', async () => {
    const session = {
      id: 's1',
      container: { id: 'x', name: 'web', pid: 100 },
      kind: 'nsenter',
      namespaces: ['net'],
      access: 'direct',
      command: ['/bin/sh'],
    };
    api = fakeApi({ shellOpen: () => session });
    setApi(api.client);
    const stop = useTerminals.getState().start();
    const key = useTerminals.getState().add({ container: 'web', kind: 'nsenter', namespaces: ['net'] });
    const written: string[] = [];
    const unregister = registerSink(key, {
      write: (data, done) => {
        written.push(new TextDecoder().decode(data));
        done();
      },
      status: () => undefined,
      size: () => ({ cols: 120, rows: 40 }),
    });
    await useTerminals.getState().connect(key);
    expect(api.calls.find((c) => c.channel === 'shellOpen')?.args[0]).toEqual({
      container: 'web',
      kind: 'nsenter',
      namespaces: ['net'],
      cols: 120,
      rows: 40,
    });
    expect(useTerminals.getState().tabs[0]?.status).toBe('open');
    api.emit('shellData', { id: 's1', data: new TextEncoder().encode('fx-a\r\n') });
    expect(written).toEqual(['fx-a\r\n']);
    await expect.poll(() => api.calls.find((c) => c.channel === 'shellAck')?.args).toEqual(['s1', 6]);
    useTerminals.getState().input(key, 'hostname\r');
    expect(api.calls.find((c) => c.channel === 'shellInput')?.args).toEqual(['s1', 'hostname\r']);
    api.emit('shellEnd', { id: 's1', end: { reason: 'container-stopped' } });
    expect(useTerminals.getState().tabs[0]).toMatchObject({ status: 'ended', end: { reason: 'container-stopped' } });
    expect(tabLabel({ container: 'web', kind: 'nsenter', namespaces: ['net', 'pid'] })).toBe('web · net,pid');
    useTerminals.getState().close(key);
    expect(useTerminals.getState().tabs).toHaveLength(0);
    unregister();
    stop();
  });

  it('says so when terminals are unavailable', async () => {
    api = fakeApi({
      shellOpen: () => Promise.reject(Object.assign(new Error('terminals are not available in this face'), { code: 'unsupported' })),
    });
    setApi(api.client);
    const key = useTerminals.getState().add({ container: 'web', kind: 'nsenter', namespaces: ['net'] });
    await useTerminals.getState().connect(key);
    expect(useTerminals.getState().tabs.find((t) => t.key === key)).toMatchObject({ status: 'error', error: { code: 'unsupported' } });
  });

  it('a root shell on the host: says so and asks before the password; sends it again only when confirmed', async () => {
    const notice = 'this opens a root shell on the host: you will be asked for an administrator password';
    const session = {
      id: 's2',
      container: { id: 'c', name: 'web', pid: 5 },
      kind: 'nsenter' as const,
      namespaces: ['net' as const],
      access: 'host-helper' as const,
      command: ['/bin/sh'],
    };
    api = fakeApi({
      shellOpen: (req: unknown) =>
        (req as { confirmRootShell?: boolean }).confirmRootShell
          ? session
          : Promise.reject(Object.assign(new Error(notice), { code: 'needs-confirmation' })),
    });
    setApi(api.client);
    const asked: string[] = [];
    for (const answer of [false, true]) {
      window.confirm = (m?: string) => {
        asked.push(String(m));
        return answer;
      };
      const key = useTerminals.getState().add({ container: 'web', kind: 'nsenter', namespaces: ['net'], access: 'host-helper' });
      await useTerminals.getState().connect(key);
      const tab = useTerminals.getState().tabs.find((t) => t.key === key);
      if (answer) expect(tab).toMatchObject({ status: 'open', session: { id: 's2' } });
      else expect(tab).toMatchObject({ status: 'error', error: { code: 'needs-confirmation', message: notice } });
      useTerminals.getState().close(key);
    }
    expect(asked.every((m) => m.startsWith(notice))).toBe(true);
    const opens = api.calls
      .filter((c) => c.channel === 'shellOpen')
      .map((c) => (c.args[0] as { confirmRootShell?: boolean }).confirmRootShell);
    expect(opens).toEqual([undefined, undefined, true]);
  });
});
