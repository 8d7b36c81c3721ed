// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/index.js';
import { useComparison } from '../../renderer/src/store/comparison.js';
import { useContainers } from '../../renderer/src/store/containers.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { CompareView } from '../../renderer/src/views/CompareView.js';
import { container, fakeApi } from './fake-api.js';
import { sampleComparison } from './sample-comparison.js';

beforeEach(() => {
  useUi.setState({ a: null, b: null, view: 'compare', locale: 'en' });
  useComparison.getState().clear();
  useContainers.setState({ list: [container('web', { pid: 100 }), container('side', { pid: 200 })] });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

async function show(vsHost = false) {
  setApi(fakeApi({ compare: () => sampleComparison(vsHost) }).client);
  useUi.setState({ a: 'web', b: vsHost ? 'host' : 'side' });
  const r = render(<CompareView />);
  await screen.findByTestId('matrix');
  return r.container;
}

describe('the comparison says what it compares', () => {
  it('an isolated namespace with equal contents is not "no differences"', async () => {
    const root = await show();
    fireEvent.click(root.querySelector('[data-pane="pid"]')!);
    expect(root.querySelector('[data-diff]')!.textContent).toBe('Different namespaces with the same contents');
    expect(screen.queryByText(/no differences/i)).toBeNull();
    fireEvent.click(root.querySelector('[data-pane="net"]')!);
    expect(root.querySelector('[data-diff]')!.textContent).toBe('Same namespace: contents equal');
    fireEvent.click(root.querySelector('[data-pane="time"]')!);
    expect(root.querySelector('[data-diff]')!.textContent).toBe('Contents differ: 1');
  });

  it('keeps the capitals of a namespace description in the note, in both languages', async () => {
    const root = await show();
    useUi.setState({ b: 'side' });
    fireEvent.click(root.querySelector('[data-pane="net"]')!);
    expect(root.querySelector('.note')!.textContent).toContain('Network devices');
    const c = sampleComparison();
    // ipc shared: make the row say so and look at the note.
    c.namespaces.find((n) => n.type === 'ipc')!.shared = true;
    setApi(fakeApi({ compare: () => c }).client);
    useComparison.getState().clear();
    cleanup();
    useUi.setState({ a: 'web', b: 'side', locale: 'vi' });
    const r = render(<CompareView />);
    await screen.findByTestId('matrix');
    fireEvent.click(r.container.querySelector('[data-pane="ipc"]')!);
    expect(r.container.querySelector('.note')!.textContent).toContain('IPC System V, hàng đợi thông điệp POSIX');
  });

  it('shows the PID of each side next to its name', async () => {
    await show();
    expect(screen.getByTestId('pid-a').textContent).toBe('PID 100');
    expect(screen.getByTestId('pid-b').textContent).toBe('PID 200');
  });

  it('against the host: one host column, not two', async () => {
    const root = await show(true);
    const head = [...root.querySelectorAll('[data-testid="matrix"] thead th')].map((th) => th.textContent?.trim());
    expect(head.filter((h) => /host/.test(h ?? ''))).toHaveLength(2); // B = host, and the verdict "A and the host"
    expect(head).not.toContain('Hhost');
    expect(root.querySelectorAll('td[data-side="host"]')).toHaveLength(0);
    expect(screen.getByTestId('pid-h').textContent).toBe('PID 1 (systemd)');
  });

  it("labels Docker's init layer as such, not as an image layer", async () => {
    const root = await show();
    fireEvent.click(root.querySelector('[data-pane="mnt"]')!);
    const init = root.querySelectorAll('[data-layer-init]');
    expect(init).toHaveLength(2);
    expect(init[0]!.textContent).toContain('web-init/diff');
    expect(screen.getAllByText(/Docker's init layer/)).toHaveLength(2);
    // The image layers list no longer holds it.
    const image = [...root.querySelectorAll('[data-layer-shared]')].map((e) => e.textContent);
    expect(image.some((t) => t?.includes('-init'))).toBe(false);
    expect(root.querySelector('table.mounts')).toBeTruthy();
  });
});
