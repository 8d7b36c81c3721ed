// @vitest-environment happy-dom
// Issue 13 §2, the terminal and its dialog from the keyboard: the Open-terminal dialog takes the
// focus (Escape closes it), the right-click menu closes on Escape and gives the focus back, the
// find bar counts its matches, and a language switch does not write the status lines again.
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { Terminal } from '@xterm/xterm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellSession } from '../../shared/api/shell.js';
import { setApi } from '../../renderer/src/api/index.js';
import { isSoftwareGpu } from '../../renderer/src/terminal/gpu.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useTerminals } from '../../renderer/src/store/terminals.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { OpenTerminalDialog } from '../../renderer/src/views/OpenTerminalDialog.js';
import TerminalsView from '../../renderer/src/views/TerminalsView.js';
import { container, fakeApi } from './fake-api.js';

const session: ShellSession = {
  id: 's1',
  container: { id: 'a'.repeat(64), name: 'web', pid: 100 },
  kind: 'nsenter',
  namespaces: ['mnt', 'pid'],
  notEntered: [],
  access: 'direct',
  confinement: 'container',
  missing: [],
  command: ['/bin/sh'],
};

/** One open terminal tab on a fake session; returns the pushed-output function. */
async function openTab() {
  const api = fakeApi({ shellOpen: () => session });
  setApi(api.client);
  const stop = useTerminals.getState().start();
  useTerminals.getState().add({ container: 'web', kind: 'nsenter', namespaces: ['mnt', 'pid'] });
  const root = render(<TerminalsView visible />).container;
  await waitFor(() => expect(useTerminals.getState().tabs[0]?.status).toBe('open'));
  const output = async (text: string) => {
    const acks = api.calls.filter((c) => c.channel === 'shellAck').length;
    api.emit('shellData', { id: 's1', data: new TextEncoder().encode(text) });
    // Acked once xterm.js has parsed it.
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'shellAck').length).toBe(acks + 1));
  };
  return { root, api, stop, output };
}

beforeEach(() => {
  useUi.setState({ view: 'terminals', locale: 'en' });
  useTerminals.setState({ tabs: [], active: null, dialogFor: null });
  useContainers.setState({ list: [container('web')] });
});
afterEach(() => {
  cleanup();
  setApi(null);
  vi.restoreAllMocks();
});

describe('the Open-terminal dialog', () => {
  it('takes the focus when it opens, so Escape closes it at once; the focus goes back', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    useTerminals.setState({ dialogFor: 'web' });
    const Host = () => (useTerminals((s) => s.dialogFor) !== null ? <OpenTerminalDialog /> : null);
    const root = render(<Host />).container;
    const dialog = root.querySelector<HTMLElement>('[data-testid="open-terminal"]')!;
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement?.getAttribute('name')).toBe('container');
    act(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    });
    expect(useTerminals.getState().dialogFor).toBeNull();
    expect(root.querySelector('[data-testid="open-terminal"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

describe('the terminal', () => {
  it('its context menu takes the focus, moves with the arrows, closes on Escape and gives the focus back', async () => {
    const { root, stop } = await openTab();
    const textarea = root.querySelector<HTMLTextAreaElement>('.xterm-helper-textarea')!;
    textarea.focus();
    const input = vi.spyOn(useTerminals.getState(), 'input');
    act(() => {
      fireEvent.contextMenu(root.querySelector('.term-host')!, { clientX: 50, clientY: 40 });
    });
    const menu = root.querySelector<HTMLElement>('[role="menu"]')!;
    expect(menu).not.toBeNull();
    // Copy is disabled (nothing selected): the focus is on Paste, the first it can do.
    expect(document.activeElement?.textContent).toContain('Paste');
    act(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    });
    expect(document.activeElement?.textContent).toContain('Select all');
    act(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    });
    expect(root.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(textarea);
    // The Escape closed the menu and did not go to the shell.
    expect(input).not.toHaveBeenCalled();
    stop();
  });

  it('Escape closes the menu even while the terminal kept the focus, and the shell gets no ESC', async () => {
    const { root, api, stop } = await openTab();
    const textarea = root.querySelector<HTMLTextAreaElement>('.xterm-helper-textarea')!;
    act(() => {
      fireEvent.contextMenu(root.querySelector('.term-host')!, { clientX: 50, clientY: 40 });
    });
    textarea.focus();
    act(() => {
      fireEvent.keyDown(textarea, { key: 'Escape', keyCode: 27 });
    });
    expect(root.querySelector('[role="menu"]')).toBeNull();
    expect(api.calls.filter((c) => c.channel === 'shellInput')).toEqual([]);
    stop();
  });

  it('its find bar says which match is shown of how many ("2 of 3"), and when there is none', async () => {
    const { root, output, stop } = await openTab();
    await output('alpha fx-1\r\nbeta fx-2\r\ngamma fx-3\r\n');
    act(() => {
      fireEvent.contextMenu(root.querySelector('.term-host')!, { clientX: 50, clientY: 40 });
    });
    act(() => {
      fireEvent.click([...root.querySelectorAll('[role="menuitem"]')].find((b) => b.textContent?.startsWith('Find'))!);
    });
    const field = root.querySelector<HTMLInputElement>('.findbar input')!;
    expect(document.activeElement).toBe(field);
    const count = () => root.querySelector('[data-testid="find-count"]')?.textContent;
    act(() => {
      fireEvent.change(field, { target: { value: 'fx-' } });
    });
    await waitFor(() => expect(count()).toBe('1 of 3'));
    act(() => {
      fireEvent.keyDown(field, { key: 'Enter' });
    });
    await waitFor(() => expect(count()).toBe('2 of 3'));
    act(() => {
      fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    });
    await waitFor(() => expect(count()).toBe('1 of 3'));
    act(() => {
      fireEvent.change(field, { target: { value: 'no-such-text' } });
    });
    await waitFor(() => expect(count()).toBe('No matches'));
    act(() => {
      useUi.setState({ locale: 'vi' });
    });
    act(() => {
      fireEvent.change(field, { target: { value: 'fx-2' } });
    });
    await waitFor(() => expect(count()).toBe('1 trên 1'));
    act(() => {
      fireEvent.keyDown(field, { key: 'Escape' });
    });
    expect(root.querySelector('.findbar')).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('.xterm-helper-textarea'));
    stop();
  });

  it('a language switch changes the status bar, and writes the end line into the terminal only once', async () => {
    const write = vi.spyOn(Terminal.prototype, 'write');
    const { root, api, stop } = await openTab();
    act(() => {
      api.emit('shellEnd', { id: 's1', end: { reason: 'exited', code: 3, signal: null } });
    });
    const endLines = () => write.mock.calls.filter(([d]) => typeof d === 'string' && /exited with code 3|thoát với mã 3/.test(d));
    await waitFor(() => expect(endLines()).toHaveLength(1));
    for (const locale of ['vi', 'en', 'vi'] as const) {
      act(() => {
        useUi.setState({ locale });
      });
    }
    await waitFor(() => expect(root.querySelector('[data-testid="term-end"]')?.textContent).toBe('[tiến trình đã thoát với mã 3]'));
    expect(endLines()).toHaveLength(1);
    stop();
  });
});

describe('the renderer choice', () => {
  it('takes SwiftShader, llvmpipe and softpipe for what they are: no GPU', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Mesa softpipe',
    ])
      expect(isSoftwareGpu(name), name).toBe(true);
    for (const name of [
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
      'AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6)',
    ])
      expect(isSoftwareGpu(name), name).toBe(false);
  });
});
