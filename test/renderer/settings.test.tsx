// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsState } from '../../shared/api/settings.js';
import { setApi } from '../../renderer/src/api/index.js';
import { useSettings } from '../../renderer/src/store/settings.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { AskpassDialog } from '../../renderer/src/views/AskpassDialog.js';
import { SettingsDialog } from '../../renderer/src/views/SettingsDialog.js';
import { fakeApi } from './fake-api.js';
import { HELPER_CAPS } from '../../electron/core/access/docker-helper.js';

const ID = 'ab'.repeat(16);

function state(extra: Partial<SettingsState> = {}): SettingsState {
  return {
    settings: { access: 'auto', helperImage: 'busybox:1.36' },
    status: { state: 'ready', kind: 'direct', why: 'running as root next to a local engine', tried: [] },
    store: { kind: 'file', path: '/home/u/.config/nsinspect/settings.json' },
    askpass: [],
    ...extra,
  };
}

beforeEach(() => {
  useSettings.setState({ state: null, loadError: null, saveError: null, saving: false, open: false, prompts: [], replyError: null });
  useUi.setState({ locale: 'en' });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('askpass dialog', () => {
  it('shows a prompt from the event (masked), answers with the password, then is gone', async () => {
    const api = fakeApi({ settingsGet: () => state() });
    setApi(api.client);
    const stop = useSettings.getState().start();
    const { container: root } = render(<AskpassDialog />);
    expect(root.querySelector('[data-testid="askpass"]')).toBeNull();
    act(() => api.emit('askpass', { id: ID, prompt: '[sudo] password for ann:' }));
    expect(root.querySelector('[data-testid="askpass-prompt"]')!.textContent).toBe('[sudo] password for ann:');
    const input = root.querySelector<HTMLInputElement>('input[name="password"]')!;
    expect(input.type).toBe('password');
    fireEvent.change(input, { target: { value: 's3cret' } });
    await act(async () => {
      fireEvent.click(root.querySelector('[data-action="askpass-ok"]')!);
    });
    expect(api.calls.filter((c) => c.channel === 'askpassReply')).toEqual([{ channel: 'askpassReply', args: [ID, 's3cret'] }]);
    expect(root.querySelector('[data-testid="askpass"]')).toBeNull();
    expect(JSON.stringify(useSettings.getState())).not.toContain('s3cret');
    stop();
  });

  it('Cancel answers null; a prompt ended elsewhere closes; prompts waiting before the page loaded are shown', async () => {
    const api = fakeApi({ settingsGet: () => state({ askpass: [{ id: ID, prompt: 'Password:' }] }) });
    setApi(api.client);
    const stop = useSettings.getState().start();
    const { container: root } = render(<AskpassDialog />);
    await waitFor(() => expect(root.querySelector('[data-testid="askpass"]')).not.toBeNull());
    await act(async () => {
      fireEvent.click(root.querySelector('[data-action="askpass-cancel"]')!);
    });
    expect(api.calls.find((c) => c.channel === 'askpassReply')!.args).toEqual([ID, null]);
    const other = 'cd'.repeat(16);
    act(() => api.emit('askpass', { id: other, prompt: 'again' }));
    expect(root.querySelector('[data-testid="askpass"]')).not.toBeNull();
    act(() => api.emit('askpassEnd', { id: other, outcome: 'timeout' }));
    expect(root.querySelector('[data-testid="askpass"]')).toBeNull();
    stop();
  });
});

describe('settings dialog', () => {
  it('shows what serves and why; refuses a bad image; applies access and image', async () => {
    const api = fakeApi({
      settingsGet: () => state(),
      settingsSet: () =>
        state({
          settings: { access: 'docker-helper', helperImage: 'ghcr.io/x/nsenter:2' },
          status: { state: 'starting', kind: null, why: 'starting', tried: [] },
        }),
    });
    setApi(api.client);
    const stop = useSettings.getState().start();
    const { container: root } = render(<SettingsDialog />);
    await waitFor(() => expect(root.querySelector('[data-testid="access-status"]')).not.toBeNull());
    expect(root.querySelector('[data-testid="access-status"]')!.getAttribute('data-kind')).toBe('direct');
    expect(root.textContent).toContain('running as root next to a local engine');
    expect(root.textContent).toContain('/home/u/.config/nsinspect/settings.json');
    const apply = root.querySelector<HTMLButtonElement>('[data-action="apply-settings"]')!;
    expect(apply.disabled).toBe(true);
    fireEvent.click(root.querySelector('[data-access="docker-helper"] input')!);
    fireEvent.change(root.querySelector('input[name="helperImage"]')!, { target: { value: 'bad image' } });
    expect(root.querySelector('[data-testid="image-help"]')!.textContent).toMatch(/Not an image reference/);
    expect(apply.disabled).toBe(true);
    fireEvent.change(root.querySelector('input[name="helperImage"]')!, { target: { value: 'ghcr.io/x/nsenter:2' } });
    expect(apply.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(apply);
    });
    expect(api.calls.find((c) => c.channel === 'settingsSet')!.args).toEqual([
      { access: 'docker-helper', helperImage: 'ghcr.io/x/nsenter:2' },
    ]);
    // None found: the combined reason and what to do; Apply becomes "Try again".
    act(() =>
      api.emit(
        'settings',
        state({
          settings: { access: 'docker-helper', helperImage: 'ghcr.io/x/nsenter:2' },
          status: {
            state: 'failed',
            kind: null,
            why: 'x',
            tried: [],
            error: { code: 'permission', message: 'no access backend can read…', hint: 'join the docker group' },
          },
        }),
      ),
    );
    expect(root.querySelector('[data-testid="access-status"]')!.getAttribute('data-state')).toBe('failed');
    expect(root.textContent).toContain('join the docker group');
    expect(apply.textContent).toBe('Try again');
    // This window's own preferences.
    fireEvent.click(root.querySelector('input[name="theme"][value="dark"]')!);
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(root.querySelector('input[name="theme"][value="system"]')!);
    expect(document.documentElement.dataset.theme).toBeUndefined();
    stop();
  });

  it('says why in Vietnamese, by the catalogue key each reason carries', async () => {
    useUi.setState({ locale: 'vi' });
    const api = fakeApi({
      settingsGet: () =>
        state({
          status: {
            state: 'ready',
            kind: 'docker-helper',
            why: 'the engine runs the helper container (busybox:1.36)',
            whySaid: { id: 'access.why-helper-runs', params: { image: 'busybox:1.36' } },
            tried: [
              { kind: 'direct', why: 'not root', whySaid: { id: 'access.why-not-root' } },
              // From an older engine: no key, so its English is all there is.
              { kind: 'host-helper', why: 'something older' },
            ],
          },
        }),
    });
    setApi(api.client);
    const stop = useSettings.getState().start();
    const { container: root } = render(<SettingsDialog />);
    await waitFor(() => expect(root.querySelector('[data-testid="access-status"]')).not.toBeNull());
    const text = root.querySelector('[data-testid="access-status"]')!.textContent!;
    expect(text).toContain('engine chạy container helper (busybox:1.36)');
    expect(text).toContain('không chạy bằng root');
    expect(text).not.toContain('the engine runs');
    expect(text).toContain('something older');
    stop();
  });

  it('says what the helper container runs with, and how to load its image offline', async () => {
    setApi(fakeApi({ settingsGet: () => state() }).client);
    const stop = useSettings.getState().start();
    const { container: root } = render(<SettingsDialog />);
    await waitFor(() => expect(root.querySelector('[data-testid="helper-profile"]')).not.toBeNull());
    const text = root.querySelector('[data-testid="helper-profile"]')!.textContent!;
    // The capabilities the helper container is created with (electron/core/access/docker-helper.ts).
    expect(text).toContain(HELPER_CAPS.join(', '));
    expect(text).toMatch(/pid, user, cgroup namespaces/);
    expect(text).toMatch(/no network and a read-only root filesystem/);
    expect(text).toContain('docker save IMAGE | ssh HOST docker load');
    stop();
  });
});

describe('settings store', () => {
  it('keeps the event that overtook the answer: a backend ready at once does not go back to "starting"', async () => {
    const starting = state({ status: { state: 'starting', kind: null, why: 'starting the chosen backend', tried: [] } });
    const api = fakeApi({
      settingsGet: () => state(),
      settingsSet: () => {
        // The server's event for the settled backend leaves before the answer to the request.
        api.emit('settings', state());
        return starting;
      },
    });
    setApi(api.client);
    const stop = useSettings.getState().start();
    await waitFor(() => expect(useSettings.getState().state?.status.state).toBe('ready'));
    expect(await useSettings.getState().save({ access: 'auto' })).toBe(true);
    expect(useSettings.getState().state?.status).toMatchObject({ state: 'ready', kind: 'direct' });
    expect(useSettings.getState().saving).toBe(false);
    stop();
  });
});
