// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/index.js';
import { ContainerList } from '../../renderer/src/components/ContainerList.js';
import { useActions } from '../../renderer/src/store/actions.js';
import { useComparison } from '../../renderer/src/store/comparison.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { CompareView } from '../../renderer/src/views/CompareView.js';
import { ConfirmRemoveDialog } from '../../renderer/src/views/ConfirmRemoveDialog.js';
import { container, fakeApi } from './fake-api.js';
import { sampleComparison } from './sample-comparison.js';

function list() {
  return [
    container('web', { pid: 100 }),
    container('old', { state: 'exited', pid: null }),
    container('nap', { state: 'paused', pid: 300 }),
  ];
}

beforeEach(() => {
  useUi.setState({ a: null, b: null, view: 'compare', locale: 'en' });
  useComparison.getState().clear();
  useActions.setState({ busy: {}, failed: null, confirmRemove: null });
  useContainers.setState({ loaded: true, error: null, filter: '', hostNs: {}, list: list() });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

const row = (root: HTMLElement, name: string) => root.querySelector(`[data-container="${name}"]`)!;
const button = (root: HTMLElement, name: string, action: string) =>
  row(root, name).querySelector(`[data-action="${action}"]`) as HTMLButtonElement | null;

describe('container actions in the list', () => {
  it('offers stop for a running or paused container and start for a stopped one, each named for screen readers', async () => {
    const api = fakeApi({ containerAction: (name, action) => ({ name, action, state: 'exited' }) });
    setApi(api.client);
    const { container: root } = render(<ContainerList />);
    expect(button(root, 'web', 'stop')!.getAttribute('aria-label')).toBe('Stop web');
    expect(button(root, 'web', 'start')).toBeNull();
    expect(button(root, 'old', 'start')!.getAttribute('aria-label')).toBe('Start old');
    expect(button(root, 'nap', 'stop')).toBeTruthy();
    // A and B say what they do and to which container.
    expect(row(root, 'web').querySelector('.pick.a')!.getAttribute('aria-label')).toBe('Compare as A: web');
    expect(row(root, 'web').querySelector('.pick.b')!.getAttribute('aria-label')).toBe('Compare as B: web');
    fireEvent.click(button(root, 'web', 'stop')!);
    fireEvent.click(button(root, 'old', 'start')!);
    fireEvent.click(button(root, 'web', 'restart')!); // busy: ignored until stop answers
    await waitFor(() => expect(useActions.getState().busy).toEqual({}));
    expect(api.calls.filter((c) => c.channel === 'containerAction').map((c) => c.args)).toEqual([
      ['web', 'stop'],
      ['old', 'start'],
    ]);
  });

  it('remove asks first; Cancel keeps the container, Remove removes it', async () => {
    const api = fakeApi({ containerAction: (name, action) => ({ name, action, state: 'removed' }) });
    setApi(api.client);
    const { container: root } = render(
      <>
        <ContainerList />
        <ConfirmRemoveDialog />
      </>,
    );
    fireEvent.click(button(root, 'web', 'remove')!);
    const dialog = await screen.findByTestId('confirm-remove');
    expect(dialog.textContent).toContain('Remove web?');
    expect(dialog.textContent).toContain('it will be killed first');
    expect(document.activeElement?.getAttribute('data-action')).toBe('cancel');
    fireEvent.click(dialog.querySelector('[data-action="cancel"]')!);
    expect(screen.queryByTestId('confirm-remove')).toBeNull();
    expect(api.calls.some((c) => c.channel === 'containerAction')).toBe(false);
    fireEvent.click(button(root, 'old', 'remove')!);
    const again = await screen.findByTestId('confirm-remove');
    expect(again.textContent).not.toContain('killed');
    fireEvent.click(again.querySelector('[data-action="confirm-remove"]')!);
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'containerAction').map((c) => c.args)).toEqual([['old', 'remove']]));
  });

  it('says why an action failed, with the hint, in Vietnamese too', async () => {
    setApi(
      fakeApi({
        containerAction: () =>
          Promise.reject(
            Object.assign(new Error('cannot start old: exec: "/no/such": no such file'), { code: 'failed', hint: 'docker logs old' }),
          ),
      }).client,
    );
    useUi.setState({ locale: 'vi' });
    const { container: root } = render(<ContainerList />);
    fireEvent.click(button(root, 'old', 'start')!);
    const box = await screen.findByTestId('action-failure');
    expect(box.textContent).toContain('Không thể khởi động old');
    expect(box.textContent).toContain('docker logs old');
  });
});

describe('a comparison of a stopped container', () => {
  it('is not read twice when the list arrives after it: that is no restart', async () => {
    const api = fakeApi({ compare: () => sampleComparison() });
    setApi(api.client);
    useContainers.setState({ list: [] });
    useUi.setState({ a: 'web', b: 'old' });
    render(<CompareView />);
    await screen.findByTestId('matrix');
    act(() => useContainers.setState({ list: list().map((c) => (c.name === 'old' ? { ...c, state: 'running', pid: 400 } : c)) }));
    await new Promise((r) => setTimeout(r, 50));
    expect(api.calls.filter((c) => c.channel === 'compare')).toHaveLength(1);
    // A restart (a new PID) is: read again.
    act(() => useContainers.setState({ list: list().map((c) => (c.name === 'old' ? { ...c, state: 'running', pid: 401 } : c)) }));
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'compare')).toHaveLength(2));
  });

  it('offers to start it, and reads again once it runs: no stale error', async () => {
    let running = false;
    const api = fakeApi({
      compare: () =>
        running
          ? sampleComparison()
          : Promise.reject(
              Object.assign(new Error('container old is not running (exited)'), {
                code: 'not-running',
                hint: 'start it: docker start old',
              }),
            ),
      containerAction: (name, action) => ({ name, action, state: 'running' }),
    });
    setApi(api.client);
    useUi.setState({ a: 'web', b: 'old' });
    render(<CompareView />);
    const offer = await screen.findByTestId('not-running');
    expect(offer.textContent).toContain('old is not running');
    fireEvent.click(offer.querySelector('[data-action="start"]')!);
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'containerAction' && c.args[1] === 'start')).toBe(true));
    // The engine's event: old runs now, with a PID.
    running = true;
    act(() => useContainers.setState({ list: list().map((c) => (c.name === 'old' ? { ...c, state: 'running', pid: 400 } : c)) }));
    await screen.findByTestId('matrix');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('not-running')).toBeNull();
  });
});
