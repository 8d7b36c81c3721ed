// @vitest-environment happy-dom
// The container list follows the engine's events in the store itself: a docker operation is one
// event applied in place, never a refetch of the whole list (issue 12 §3, "Full refetches").
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/index.js';
import { ContainerList } from '../../renderer/src/components/ContainerList.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import type { Container } from '../../shared/model/container.js';
import { container, fakeApi } from './fake-api.js';

const endpoint = { url: 'unix:///var/run/docker.sock', source: 'default', reason: '' } as const;
const connected = { status: 'connected', endpoint, version: '27', apiVersion: '1.47', os: 'linux', storageDriver: 'overlay2' } as const;

describe('the list store applies container events', () => {
  let api: ReturnType<typeof fakeApi>;
  let served: Container[];
  const listCalls = () => api.calls.filter((c) => c.channel === 'listContainers').length;
  const names = () => useContainers.getState().list.map((c) => c.name);

  beforeEach(() => {
    served = [container('web', { pid: 10, namespaces: { net: 1 } }), container('db', { pid: 20, namespaces: { net: 2 } })];
    api = fakeApi({
      listContainers: () => served,
      engineState: () => connected,
      hostMap: () => ({ namespaces: [], scanned: 0, unreadable: 0, hostPid: 1 }),
    });
    setApi(api.client);
    useContainers.setState({ list: [], loaded: false, error: null, filter: '', hostNs: {}, engine: null });
  });
  afterEach(() => {
    cleanup();
    setApi(null);
  });

  it('create, start, die, pause, rename, destroy: each applied in place, with no list request', async () => {
    const stop = useContainers.getState().start();
    await expect.poll(() => useContainers.getState().loaded).toBe(true);
    expect(listCalls()).toBe(1);

    api.emit('containers', { kind: 'added', container: container('api', { state: 'created', pid: null }) });
    expect(names()).toEqual(['api', 'db', 'web']);
    api.emit('containers', { kind: 'changed', container: container('api', { pid: 30, namespaces: { net: 3 } }) });
    expect(useContainers.getState().list.find((c) => c.name === 'api')).toMatchObject({ state: 'running', namespaces: { net: 3 } });
    api.emit('containers', { kind: 'changed', container: container('web', { state: 'paused', pid: 10 }) });
    // An event that came without inodes (unreadable just then) keeps those of the same PID.
    expect(useContainers.getState().list.find((c) => c.name === 'web')).toMatchObject({ state: 'paused', namespaces: { net: 1 } });
    api.emit('containers', { kind: 'changed', container: container('db', { state: 'exited', pid: null }) });
    expect(useContainers.getState().list.find((c) => c.name === 'db')?.namespaces).toBeUndefined();
    // A rename keeps the ID and moves the row to its sorted place.
    const renamed = { ...container('api', { pid: 30, namespaces: { net: 3 } }), name: 'zz-api' };
    api.emit('containers', { kind: 'changed', container: renamed });
    expect(names()).toEqual(['db', 'web', 'zz-api']);
    api.emit('containers', { kind: 'removed', id: renamed.id });
    expect(names()).toEqual(['db', 'web']);

    // Long after the burst, still the one list request of the start.
    await new Promise((r) => setTimeout(r, 600));
    expect(listCalls()).toBe(1);
    stop();
  });

  it('the engine away: the kept containers marked, not removed; back: one reload reconciles', async () => {
    const stop = useContainers.getState().start();
    await expect.poll(() => useContainers.getState().loaded).toBe(true);
    api.emit('engine', { status: 'unreachable', endpoint, message: 'container engine unreachable', hint: 'start it', retryInMs: 250 });
    for (const c of served) api.emit('containers', { kind: 'changed', container: { ...c, engineUnreachable: true } });
    expect(useContainers.getState().list.map((c) => [c.name, c.engineUnreachable])).toEqual([
      ['db', true],
      ['web', true],
    ]);
    // Back, with db gone meanwhile: the reload at reconnect is the one refetch.
    served = [container('web', { pid: 11, namespaces: { net: 4 } })];
    api.emit('engine', connected);
    await expect.poll(() => names()).toEqual(['web']);
    expect(useContainers.getState().list[0]?.engineUnreachable).toBeUndefined();
    expect(listCalls()).toBe(2);
    stop();
  });

  it('an event that comes while a reload is on its way is not lost to the older answer', async () => {
    let answer!: (l: Container[]) => void;
    api = fakeApi({ listContainers: () => new Promise<Container[]>((r) => (answer = r)), engineState: () => connected });
    setApi(api.client);
    const loading = useContainers.getState().reload();
    await expect.poll(() => typeof answer).toBe('function');
    useContainers.getState().applyEvent({ kind: 'added', container: container('late') });
    answer([container('web')]);
    await loading;
    expect(names()).toEqual(['late', 'web']);
  });

  it('the list shows which containers are kept while the engine is away', () => {
    useContainers.setState({
      loaded: true,
      filter: '',
      error: null,
      list: [container('web', { engineUnreachable: true }), container('db')],
    });
    const { container: root } = render(<ContainerList />);
    expect(root.querySelector('[data-container="web"] [data-testid="engine-away"]')?.textContent).toBe('Engine unreachable');
    expect(root.querySelector('[data-container="db"] [data-testid="engine-away"]')).toBeNull();
  });
});
