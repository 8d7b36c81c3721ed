// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpperLayer } from '../../shared/model/upper.js';
import { setApi } from '../../renderer/src/api/index.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { UpperLayerBox } from '../../renderer/src/views/compare/UpperLayerBox.js';
import { fakeApi } from './fake-api.js';

const U = '/var/lib/docker/overlay2/abc/diff';
function layer(extra: Partial<UpperLayer> = {}): UpperLayer {
  return {
    container: { id: 'a'.repeat(64), name: 'web' },
    upperDir: U,
    mergedDir: '/var/lib/docker/overlay2/abc/merged',
    changes: [
      { path: '/etc', kind: 'changed', type: 'dir', hostPath: `${U}/etc` },
      { path: '/etc/group', kind: 'deleted', type: 'whiteout', hostPath: `${U}/etc/group`, lowerPath: '/l/etc/group' },
      { path: '/opt/app', kind: 'changed', type: 'dir', hostPath: `${U}/opt/app`, opaque: true },
      { path: '/opt/app/conf', kind: 'deleted', type: 'opaque', hostPath: `${U}/opt/app` },
      { path: '/added.txt', kind: 'added', type: 'file', hostPath: `${U}/added.txt`, size: 4 },
    ],
    truncated: false,
    limit: 1000,
    notes: [],
    ...extra,
  };
}

beforeEach(() => useUi.setState({ locale: 'en' }));
afterEach(() => {
  cleanup();
  setApi(null);
});

describe('the upper-layer view', () => {
  it('lists the changes with their kind, how overlayfs records a deletion, and the host path', async () => {
    const api = fakeApi({ upperLayer: () => layer() });
    setApi(api.client);
    const { container: root } = render(<UpperLayerBox names={{ a: 'web', b: 'side' }} />);
    fireEvent.click(screen.getByText('Show changes'));
    await screen.findByTestId('upper-counts');
    expect(api.calls.find((c) => c.channel === 'upperLayer')?.args).toEqual(['web']);
    expect(screen.getByTestId('upper-counts').textContent).toBe('1 added · 2 changed · 2 deleted');
    const row = (p: string) => root.querySelector(`tr[data-path="${p}"]`)!;
    expect(row('/etc/group').textContent).toContain('a whiteout marks it');
    expect(row('/opt/app/conf').textContent).toContain('made again (opaque)');
    expect(row('/added.txt').querySelector('[data-testid="upper-host-path"]')!.textContent).toBe(`${U}/added.txt`);
    fireEvent.change(screen.getByPlaceholderText(/Filter by path/), { target: { value: 'D' } });
    await waitFor(() => expect(root.querySelectorAll('tbody tr')).toHaveLength(2));
  });

  it('says when the list is cut, and why deletions may be missing, in Vietnamese', async () => {
    setApi(
      fakeApi({ upperLayer: () => layer({ truncated: true, mergedDir: null, notes: [{ code: 'stopped', message: 'stopped: …' }] }) })
        .client,
    );
    useUi.setState({ locale: 'vi' });
    render(<UpperLayerBox names={{ a: 'web', b: 'host' }} />);
    fireEvent.click(screen.getByText('Xem thay đổi'));
    expect((await screen.findByTestId('upper-truncated')).textContent).toContain('Chỉ liệt kê 5 thay đổi đầu tiên');
    expect(screen.getByText(/Container đang dừng/)).toBeTruthy();
    expect(screen.queryByText(/stopped: …/)).toBeNull();
  });

  it('shows the error with its hint', async () => {
    setApi(
      fakeApi({
        upperLayer: () =>
          Promise.reject(
            Object.assign(new Error('web has no overlay upper layer to read'), { code: 'unsupported', hint: 'docker diff web' }),
          ),
      }).client,
    );
    render(<UpperLayerBox names={{ a: 'web', b: 'side' }} />);
    fireEvent.click(screen.getByText('Show changes'));
    await screen.findByText('web has no overlay upper layer to read');
    expect(screen.getByText('docker diff web')).toBeTruthy();
  });
});
