// What the main process lets a web contents and the session do, driven through their ports.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardContents, guardSession, startOrReport, type ContentsPort, type SessionPort } from '../../electron/main/guards.js';
import { APP_URL, isAppUrl } from '../../electron/main/window-options.js';

const prevented = () => {
  const e = { done: false, preventDefault: () => void (e.done = true) };
  return e;
};

describe('guardContents', () => {
  const ee = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const opened: string[] = [];
  const contents: ContentsPort = {
    on: (event: string, l: (...a: any[]) => void) => ee.on(event, l),
    setWindowOpenHandler: (h) => void (openHandler = h),
  };
  guardContents(contents, isAppUrl, (u) => opened.push(u));

  it('stays on our page: navigation and redirects elsewhere are stopped', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = prevented();
      ee.emit(event, away, 'https://evil.example/');
      expect(away.done, event).toBe(true);
      const home = prevented();
      ee.emit(event, home, APP_URL);
      expect(home.done, event).toBe(false);
    }
    const webview = prevented();
    ee.emit('will-attach-webview', webview);
    expect(webview.done).toBe(true);
  });

  it('opens no window; only allow-listed links go to the system browser', () => {
    expect(openHandler!({ url: 'https://man7.org/linux/man-pages/man7/namespaces.7.html' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://man7.org/linux/man-pages/man7/namespaces.7.html']);
  });
});

describe('guardSession', () => {
  const h: Record<string, (...a: never[]) => unknown> = {};
  const ee = new EventEmitter();
  const ses: SessionPort = {
    setPermissionRequestHandler: (f) => void (h.request = f),
    setPermissionCheckHandler: (f) => void (h.check = f),
    setDevicePermissionHandler: (f) => void (h.device = f),
    on: (event: string, l: (...a: any[]) => void) => ee.on(event, l),
  };
  guardSession(ses);

  it('grants the clipboard to our main frame only, and nothing else to anyone', () => {
    const ask = (permission: string, url: string, isMainFrame: boolean) => {
      let granted: boolean | undefined;
      const request = h.request as Parameters<SessionPort['setPermissionRequestHandler']>[0];
      request(null, permission, (g) => (granted = g), { requestingUrl: url, isMainFrame });
      return granted;
    };
    expect(ask('clipboard-read', APP_URL, true)).toBe(true);
    expect(ask('clipboard-read', APP_URL, false)).toBe(false);
    expect(ask('clipboard-read', 'https://evil.example/', true)).toBe(false);
    expect(ask('media', APP_URL, true)).toBe(false);
    const check = h.check as Parameters<SessionPort['setPermissionCheckHandler']>[0];
    expect(check(null, 'clipboard-sanitized-write', 'app://nsinspect', { isMainFrame: true })).toBe(true);
    expect(check(null, 'geolocation', 'app://nsinspect', { isMainFrame: true })).toBe(false);
    expect((h.device as () => boolean)()).toBe(false);
  });

  it("downloads only the page's own blob: URLs", () => {
    const remote = prevented();
    ee.emit('will-download', remote, { getURL: () => 'https://evil.example/x.sh' });
    expect(remote.done).toBe(true);
    const own = prevented();
    ee.emit('will-download', own, { getURL: () => 'blob:app://nsinspect/1234' });
    expect(own.done).toBe(false);
  });
});

describe('startOrReport', () => {
  it('shows why the start failed, then quits', async () => {
    const seen: string[] = [];
    await startOrReport(
      async () => {
        throw new Error('no display');
      },
      { showErrorBox: (title, text) => seen.push(`${title}: ${text}`), quit: () => seen.push('quit') },
    );
    expect(seen).toEqual(['nsinspect could not start: no display', 'quit']);
  });

  it('does neither when the start succeeds', async () => {
    const seen: string[] = [];
    await startOrReport(async () => undefined, { showErrorBox: () => seen.push('box'), quit: () => seen.push('quit') });
    expect(seen).toEqual([]);
  });
});
