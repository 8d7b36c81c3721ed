// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/index.js';
import { cleanLogText, LINE_MAX, LINES_MAX, LogBuffer } from '../../renderer/src/lib/log-text.js';
import { useDetails } from '../../renderer/src/store/details.js';
import { useUi } from '../../renderer/src/store/ui.js';
import { DetailsPanel } from '../../renderer/src/views/DetailsPanel.js';
import type { ContainerDetails } from '../../shared/model/details.js';
import { fakeApi } from './fake-api.js';

const DETAILS: ContainerDetails = {
  container: { id: 'a'.repeat(64), name: 'ux-api' },
  image: 'busybox',
  command: ['sh', '-c', 'sleep 1d'],
  labels: { 'app.tier': 'web' },
  env: [
    { name: 'SECRET_TOKEN', value: 'hunter2' },
    { name: 'PATH', value: '/usr/bin' },
  ],
  ports: [{ port: '80/tcp', host: ['127.0.0.1:8080'] }],
  mounts: [{ type: 'bind', source: '/srv/data', destination: '/data', rw: false }],
  inspect: { Id: 'a'.repeat(64), Name: '/ux-api', Config: { Env: ['SECRET_TOKEN=hunter2'] } },
};

const flush = () => act(() => new Promise((r) => setTimeout(r, 30)));

beforeEach(() => useUi.setState({ locale: 'en' }));
afterEach(() => {
  cleanup();
  setApi(null);
  useDetails.setState({ name: null, tab: 'overview' });
});

describe('log text from a hostile container', () => {
  it('drops escape sequences (colour, title, clear, cursor) and marks other control characters', () => {
    expect(cleanLogText('\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b[2J\x1b[H end\r\n')).toBe('red   end\n');
    expect(cleanLogText('a\x1bPtmux;x\x1b\\b')).toBe('ab');
    expect(cleanLogText('bell\x07 nul\x00 del\x7f')).toBe('bell\ufffd nul\ufffd del\ufffd');
    expect(cleanLogText('tab\tok')).toBe('tab\tok');
  });

  it('cuts a huge line and keeps a bounded number of lines', () => {
    const b = new LogBuffer();
    b.append(`${'x'.repeat(300_000)}\n`);
    expect(b.view()[0]!.length).toBeLessThan(LINE_MAX + 20);
    expect(b.view()[0]).toContain(`(+${300_000 - LINE_MAX})`);
    b.append(Array.from({ length: LINES_MAX + 10 }, (_, i) => `l${i}`).join('\n') + '\n');
    expect(b.view()).toHaveLength(LINES_MAX);
    expect(b.view().at(-1)).toBe(`l${LINES_MAX + 9}`);
    // A line that never ends does not grow without bound either.
    b.append('y'.repeat(100_000));
    b.append('y'.repeat(100_000));
    expect(b.partial.length).toBeLessThanOrEqual(LINE_MAX * 2);
  });
});

describe('the details panel', () => {
  function open(tab?: 'overview' | 'env' | 'inspect' | 'logs') {
    const fake = fakeApi({
      containerDetails: () => DETAILS,
      logsOpen: () => ({ id: 'L1' }),
    });
    setApi(fake.client);
    act(() => useDetails.getState().open('ux-api', tab));
    render(<DetailsPanel />);
    return fake;
  }

  it('shows ports, mounts and labels', async () => {
    open('overview');
    await flush();
    expect(screen.getByTestId('details-ports').textContent).toContain('127.0.0.1:8080');
    expect(screen.getByTestId('details-mounts').textContent).toContain('/srv/data');
    expect(screen.getByTestId('details-labels').textContent).toContain('app.tier');
  });

  it('masks env values until each is revealed', async () => {
    open('env');
    await flush();
    const table = screen.getByTestId('details-env');
    expect(table.textContent).not.toContain('hunter2');
    expect(table.textContent).not.toContain('/usr/bin');
    fireEvent.click(screen.getByRole('button', { name: 'Reveal SECRET_TOKEN' }));
    expect(table.textContent).toContain('hunter2');
    expect(table.textContent).not.toContain('/usr/bin');
    fireEvent.click(screen.getByRole('button', { name: 'Hide SECRET_TOKEN' }));
    expect(table.textContent).not.toContain('hunter2');
  });

  it('shows the inspect JSON pretty, as docker inspect prints it', async () => {
    open('inspect');
    await flush();
    expect(screen.getByTestId('details-json').textContent).toBe(JSON.stringify([DETAILS.inspect], null, 2));
  });

  it('follows the log harmlessly, and stops the follow when the panel closes', async () => {
    const fake = open('logs');
    await flush();
    expect(fake.calls.filter((c) => c.channel === 'logsOpen')).toEqual([{ channel: 'logsOpen', args: ['ux-api', 500] }]);
    act(() => fake.emit('logsData', { id: 'L1', text: '\x1b[31mred\x1b[0m \x1b]0;pwned\x07<b>bold</b>\n' }));
    act(() => fake.emit('logsData', { id: 'other', text: 'not ours\n' }));
    await flush();
    const logs = screen.getByTestId('details-logs');
    expect(logs.textContent).toBe('red <b>bold</b>');
    expect(logs.querySelector('b')).toBeNull();
    act(() => fake.emit('logsEnd', { id: 'L1', end: { reason: 'ended' } }));
    expect(screen.getByTestId('logs-state').textContent).toContain('ended');
    fireEvent.keyDown(window, { key: 'Escape' });
    await flush();
    expect(screen.queryByTestId('details-panel')).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'logsClose')).toEqual([{ channel: 'logsClose', args: ['L1'] }]);
  });
});
