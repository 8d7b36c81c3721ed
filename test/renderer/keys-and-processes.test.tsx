// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../shared/model/comparison.js';
import { setApi } from '../../renderer/src/api/index.js';
import { TopBar } from '../../renderer/src/components/TopBar.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { PidPane } from '../../renderer/src/views/compare/PidPane.js';
import { fakeApi } from './fake-api.js';
import { sampleComparison } from './sample-comparison.js';

beforeEach(() => useUi.setState({ locale: 'en', view: 'compare' }));
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('the top tabs and the keyboard', () => {
  it('arrow keys, Home and End move the selection and the focus; only the selected tab is in the Tab order', () => {
    setApi(fakeApi().client);
    const { container: root } = render(<TopBar />);
    const tab = (v: string) => root.querySelector(`[data-nav="${v}"]`) as HTMLButtonElement;
    expect([...root.querySelectorAll('[role="tab"]')].map((b) => b.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    tab('compare').focus();
    fireEvent.keyDown(tab('compare'), { key: 'ArrowRight' });
    expect(useUi.getState().view).toBe('network');
    expect(document.activeElement).toBe(tab('network'));
    fireEvent.keyDown(tab('network'), { key: 'End' });
    expect(useUi.getState().view).toBe('terminals');
    fireEvent.keyDown(tab('terminals'), { key: 'ArrowRight' }); // wraps
    expect(useUi.getState().view).toBe('compare');
    fireEvent.keyDown(tab('compare'), { key: 'ArrowLeft' });
    expect(useUi.getState().view).toBe('terminals');
    fireEvent.keyDown(tab('terminals'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('compare'));
    expect(tab('compare').getAttribute('tabindex')).toBe('0');
  });
});

/** A: init (1) → sh (2) → { sleep (3), worker (4) → sub (5) }. */
function withTree(): Comparison {
  const c = sampleComparison();
  const p = (hostPid: number, ppid: number, nsPid: number, command: string) => ({
    hostPid,
    ppid,
    nsPid,
    nsPids: [hostPid, nsPid],
    uid: 0,
    user: 'root',
    comm: command.split(' ')[0]!,
    command,
    state: 'S',
  });
  (c.a as unknown as { pid: unknown }).pid = {
    processes: [
      p(100, 50, 1, 'init'),
      p(101, 100, 2, 'sh -c run'),
      p(102, 101, 3, 'sleep 1000'),
      p(103, 101, 4, 'worker --x'),
      p(104, 103, 5, 'sub task'),
    ],
  };
  return c;
}

describe('the process list', () => {
  const shown = (root: HTMLElement) =>
    [...root.querySelectorAll('[data-side="a"] tbody tr')].map((r) => Number(r.getAttribute('data-host-pid')));

  it('folds and unfolds a subtree, and says how many it hides', () => {
    const { container: root } = render(<PidPane c={withTree()} names={{ a: 'web', b: 'side' }} shared={false} />);
    expect(shown(root)).toEqual([100, 101, 102, 103, 104]);
    const fold = screen.getByLabelText('Fold the children of sh -c run');
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(fold);
    expect(shown(root)).toEqual([100, 101]);
    expect(root.querySelector('[data-host-pid="101"]')!.textContent).toContain('(3 hidden)');
    fireEvent.click(screen.getByLabelText('Show the children of sh -c run'));
    expect(shown(root)).toEqual([100, 101, 102, 103, 104]);
  });

  it('searches by command, user or PID, keeping each match under its ancestors', () => {
    const { container: root } = render(<PidPane c={withTree()} names={{ a: 'web', b: 'side' }} shared={false} />);
    fireEvent.click(screen.getByLabelText('Fold the children of init'));
    fireEvent.change(screen.getByTestId('pid-search'), { target: { value: 'sub' } });
    // Folds do not hide a match: the path to it is shown.
    expect(shown(root)).toEqual([100, 101, 103, 104]);
    expect(root.querySelector('[data-host-pid="104"]')!.getAttribute('data-match')).toBe('true');
    fireEvent.change(screen.getByTestId('pid-search'), { target: { value: '102' } });
    expect(shown(root)).toEqual([100, 101, 102]);
    fireEvent.change(screen.getByTestId('pid-search'), { target: { value: 'nothing-like-it' } });
    expect(screen.getAllByText(/No process matches/).length).toBeGreaterThan(0);
  });
});
