// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi as vitest } from 'vitest';
import { setApi } from '../../renderer/src/api/index.js';
import { ContainerList } from '../../renderer/src/components/ContainerList.js';
import { TopBar } from '../../renderer/src/components/TopBar.js';
import { vi } from '../../renderer/src/i18n/vi.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useSettings } from '../../renderer/src/store/settings.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { container, fakeApi } from './fake-api.js';

beforeEach(() => useUi.setState({ locale: 'en', a: null, b: null }));
afterEach(() => {
  cleanup();
  setApi(null);
  vitest.useRealTimers();
});

describe('the Vietnamese catalogue reads as one text', () => {
  const values = Object.values(vi);
  it('spells huỷ and xoá one way (the tone on the last vowel)', () => {
    expect(values.filter((v) => /hủy|xóa/i.test(v))).toEqual([]);
    expect(values.some((v) => /huỷ/i.test(v))).toBe(true);
  });
  it('keeps "giao diện" for network interfaces and "ngăn xếp" for the network stack only', () => {
    expect(values.filter((v) => /giao diện/i.test(v) && !/giao diện mạng/i.test(v))).toEqual([]);
    expect(values.filter((v) => /ngăn xếp(?! mạng)/i.test(v))).toEqual([]);
  });
});

describe('the no-engine screen', () => {
  it('gives its hint once, shows commands without backticks, and draws its icon', () => {
    useContainers.setState({
      loaded: true,
      list: [],
      filter: '',
      error: {
        code: 'engine',
        message: 'container engine unreachable: no engine is listening at unix:///var/run/docker.sock',
        hint: 'start the engine (e.g. `sudo systemctl start docker`), or point DOCKER_HOST at it',
      },
    });
    const { container: root } = render(<ContainerList />);
    expect(root.textContent!.match(/systemctl start docker/g)).toHaveLength(1);
    expect(root.textContent).not.toContain('`');
    expect(root.textContent).not.toContain('⏻');
    expect(root.querySelector('.empty svg')).toBeTruthy();
  });
});

describe('the top bar without a link', () => {
  it('greys the engine and access pills instead of leaving them green', () => {
    const api = fakeApi();
    (api.client as { link: () => string }).link = () => 'lost';
    setApi(api.client);
    useContainers.setState({
      engine: {
        status: 'connected',
        endpoint: { url: 'unix:///var/run/docker.sock', source: 'default', reason: '' },
        version: '20.10',
        apiVersion: '1.41',
        os: 'linux',
        storageDriver: 'overlay2',
      },
    });
    useSettings.setState({ state: { status: { state: 'ready', kind: 'direct', why: 'root' } } as never });
    const { container: root } = render(<TopBar />);
    expect(root.querySelector('[data-engine]')!.getAttribute('data-engine')).toBe('unknown');
    expect(root.querySelector('[data-access-state]')!.getAttribute('data-access-state')).toBe('unknown');
    expect(root.querySelector('.dot.ok')).toBeNull();
  });
});

describe('the top bar says why this engine and this backend in the locale', () => {
  it('translates the engine reason and the access why by their keys', () => {
    useUi.setState({ locale: 'vi' });
    setApi(fakeApi().client);
    useContainers.setState({
      engine: {
        status: 'connected',
        endpoint: {
          url: 'unix:///var/run/docker.sock',
          source: 'DOCKER_HOST',
          reason: 'DOCKER_HOST is set',
          reasonSaid: { id: 'endpoint.why-docker-host' },
        },
        version: '20.10',
        apiVersion: '1.41',
        os: 'linux',
        storageDriver: 'overlay2',
      },
    });
    useSettings.setState({
      state: { status: { state: 'ready', kind: 'direct', why: 'running as root', whySaid: { id: 'access.why-root' } } } as never,
    });
    const { container: root } = render(<TopBar />);
    expect(root.querySelector('[data-engine="connected"]')!.getAttribute('title')).toBe(
      'unix:///var/run/docker.sock — biến DOCKER_HOST được đặt',
    );
    expect(root.querySelector('[data-access-state="ready"]')!.getAttribute('title')).toBe('đang chạy bằng root');
  });
});

describe('the list says how long ago, from timestamps', () => {
  it('an exit 15 minutes ago reads so, and a minute later reads 16', () => {
    vitest.useFakeTimers();
    const now = Date.parse('2026-01-01T12:00:00Z');
    vitest.setSystemTime(now);
    setApi(fakeApi().client);
    useContainers.setState({
      loaded: true,
      error: null,
      filter: '',
      hostNs: {},
      list: [
        container('old', {
          state: 'exited',
          pid: null,
          status: 'Exited (137) About a minute ago',
          finishedAt: now - 15 * 60_000,
          exitCode: 137,
        }),
      ],
    });
    const { container: root } = render(<ContainerList />);
    const dot = () => root.querySelector('[data-container="old"] .dot')!.getAttribute('title');
    expect(dot()).toBe('exited (code 137) 15 minutes ago');
    act(() => {
      vitest.advanceTimersByTime(60_000);
    });
    expect(dot()).toBe('exited (code 137) 16 minutes ago');
    act(() => useUi.setState({ locale: 'vi' }));
    expect(dot()).toBe('đã thoát (mã 137) 16 phút trước');
    expect(screen.queryByText(/About a minute/)).toBeNull();
  });
});
