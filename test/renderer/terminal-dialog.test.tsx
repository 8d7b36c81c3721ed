// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsState } from '../../shared/api/settings.js';
import type { ShellSession } from '../../shared/api/shell.js';
import { setApi } from '../../renderer/src/api/index.js';
import { translate } from '../../renderer/src/i18n/index.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useSettings } from '../../renderer/src/store/settings.js';
import { useTerminals } from '../../renderer/src/store/terminals.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { confinementText } from '../../renderer/src/terminal/confinement.js';
import { OpenTerminalDialog } from '../../renderer/src/views/OpenTerminalDialog.js';
import TerminalsView from '../../renderer/src/views/TerminalsView.js';
import { container, fakeApi } from './fake-api.js';

function settingsServedBy(kind: 'direct' | 'host-helper'): SettingsState {
  return {
    settings: { access: kind, helperImage: 'busybox:1.36' },
    status: { state: 'ready', kind, why: 'fixed by the setting', tried: [] },
    store: { kind: 'memory' },
    askpass: [],
  } as SettingsState;
}

function openDialog(): HTMLElement {
  useContainers.setState({
    list: [
      container('web'),
      container('hostnet', {
        modes: { network: 'host', pid: 'private', ipc: 'private', uts: 'private', userns: 'host', cgroupns: 'host' },
      }),
    ],
  });
  useTerminals.setState({ dialogFor: 'web' });
  return render(<OpenTerminalDialog />).container;
}

const note = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid="confinement"]');
const open = (root: HTMLElement) =>
  act(() => {
    fireEvent.click(root.querySelector('[data-action="open-terminal"]')!);
  });

beforeEach(() => {
  useUi.setState({ view: 'compare', locale: 'en' });
  useTerminals.setState({ tabs: [], active: null, dialogFor: null });
  useSettings.setState({ state: settingsServedBy('direct') });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('the terminal dialog says what the shell runs with', () => {
  it('"Like docker exec" and "All of them": confined, no unconfined choice; the shared ones are named', () => {
    const root = openDialog();
    fireEvent.click(root.querySelector('[data-preset="all"]')!);
    expect(note(root)?.dataset.confinement).toBe('container');
    expect(note(root)?.textContent).toContain('Confined like docker exec');
    expect(note(root)?.textContent).toContain('Shared with the host, nothing to enter: cgroup, time, user');
    expect(root.querySelector('[data-action="unconfined"]')).toBeNull();
    fireEvent.click(root.querySelector('[data-preset="exec"]')!);
    expect(note(root)?.dataset.confinement).toBe('container');
    open(root);
    expect(useTerminals.getState().tabs[0]!.spec).not.toHaveProperty('unconfined');
  });

  it('a containerd container: no engine exec, so even the whole container needs the unconfined opt-in', () => {
    useContainers.setState({ list: [container('pod-app', { engine: 'containerd' })] });
    useTerminals.setState({ dialogFor: 'pod-app' });
    const root = render(<OpenTerminalDialog />).container;
    fireEvent.click(root.querySelector('[data-preset="exec"]')!);
    expect(note(root)?.dataset.confinement).toBe('refused');
    fireEvent.click(root.querySelector('[data-action="unconfined"]')!);
    expect(note(root)?.dataset.confinement).toBe('unconfined');
    open(root);
    expect(useTerminals.getState().tabs[0]!.spec).toMatchObject({ container: 'pod-app', unconfined: true });
  });

  it("the container's files with host namespaces: the unconfined box appears, with why; ticked, it is asked for", () => {
    const root = openDialog();
    fireEvent.click(root.querySelector('[data-preset="exec"]')!);
    fireEvent.click(root.querySelector('input[data-ns="net"]')!);
    expect(note(root)?.dataset.confinement).toBe('refused');
    expect(note(root)?.textContent).toMatch(/cannot be confined like the container.*seccomp filter/);
    fireEvent.click(root.querySelector('[data-action="unconfined"]')!);
    expect(note(root)?.dataset.confinement).toBe('unconfined');
    open(root);
    expect(useTerminals.getState().tabs[0]!.spec).toMatchObject({ namespaces: ['cgroup', 'ipc', 'mnt', 'pid', 'uts'], unconfined: true });
  });

  it("a container on the host's network: the exec preset without net is still the whole container", () => {
    const root = openDialog();
    fireEvent.change(root.querySelector('select[name="container"]')!, { target: { value: 'hostnet' } });
    fireEvent.click(root.querySelector('[data-preset="exec"]')!);
    fireEvent.click(root.querySelector('input[data-ns="net"]')!);
    expect(note(root)?.dataset.confinement).toBe('container');
  });

  it('network only: a visible host-root note; through the host helper it says a password will be asked', () => {
    const root = openDialog();
    fireEvent.click(root.querySelector('[data-preset="net-only"]')!);
    expect(note(root)?.dataset.confinement).toBe('host-root');
    expect(note(root)?.textContent).toContain('Root shell on the host, inside the container’s net');
    expect(root.querySelector('[data-testid="asks-password"]')).toBeNull();
    act(() => useSettings.setState({ state: settingsServedBy('host-helper') }));
    expect(root.querySelector('[data-testid="asks-password"]')?.textContent).toMatch(/administrator password/);
  });

  it('docker exec: confined, said so', () => {
    const root = openDialog();
    fireEvent.click(root.querySelectorAll('input[name="kind"]')[1]!);
    expect(note(root)?.dataset.confinement).toBe('container');
  });

  it('in Vietnamese too', () => {
    useUi.setState({ locale: 'vi' });
    const root = openDialog();
    fireEvent.click(root.querySelector('[data-preset="net-only"]')!);
    expect(note(root)?.textContent).toContain('Shell root trên host, trong namespace net của container');
  });
});

describe('an open tab says it too', () => {
  it("the tab's tooltip and status line name the confinement", async () => {
    const session: ShellSession = {
      id: 's1',
      container: { id: 'a'.repeat(64), name: 'web', pid: 100 },
      kind: 'nsenter',
      namespaces: ['mnt', 'pid'],
      notEntered: [{ type: 'time', why: 'shared-with-host' }],
      access: 'direct',
      confinement: 'unconfined',
      missing: ['seccomp', 'cgroup'],
      command: ['/bin/sh'],
    };
    setApi(fakeApi({ shellOpen: async () => session }).client);
    useTerminals.setState({
      tabs: [
        {
          key: 't1',
          spec: { container: 'web', kind: 'nsenter', namespaces: ['mnt', 'pid'], unconfined: true },
          status: 'connecting',
          session: null,
          end: null,
          error: null,
        },
      ],
      active: 't1',
    });
    const t = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate('en', k, p);
    expect(confinementText(t, session)).toBe(
      'UNCONFINED: the container’s programs with the host’s privileges, without its seccomp filter, its cgroups (device rules and limits)',
    );
    const root = render(<TerminalsView visible />).container;
    const tab = root.querySelector<HTMLElement>('[data-tab="t1"]')!;
    await waitFor(() => expect(tab.dataset.confinement).toBe('unconfined'));
    expect(tab.title).toContain('UNCONFINED: ');
    expect(tab.title).toContain('Shared with the host, nothing to enter: time');
    expect(root.querySelector('[data-testid="term-confinement"]')?.textContent).toMatch(/^UNCONFINED: /);
  });
});
