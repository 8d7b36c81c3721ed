// The Electron window's security settings, read from the module the main process uses.
import { describe, expect, it } from 'vitest';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternal,
  isAppUrl,
  permissionAllowed,
  restoredBounds,
  windowOptions,
} from '../../electron/main/window-options.js';
import { CSP_DIRECTIVES } from '../../shared/csp.js';

describe('the main window', () => {
  const opts = windowOptions('/app/out/preload/index.cjs');

  it('isolates the page: sandbox, context isolation, no Node, web security', () => {
    const w = opts.webPreferences;
    expect(w.contextIsolation).toBe(true);
    expect(w.sandbox).toBe(true);
    expect(w.nodeIntegration).toBe(false);
    expect(w.nodeIntegrationInWorker).toBe(false);
    expect(w.nodeIntegrationInSubFrames).toBe(false);
    expect(w.webSecurity).toBe(true);
    expect(w.allowRunningInsecureContent).toBe(false);
    expect(w.webviewTag).toBe(false);
    expect(w.experimentalFeatures).toBe(false);
    expect(w.preload).toBe('/app/out/preload/index.cjs');
    expect(w.navigateOnDragDrop).toBe(false);
  });

  it('has no developer tools in a packaged build (the default), and has them in development', () => {
    expect(opts.webPreferences.devTools).toBe(false);
    expect(windowOptions('/p', undefined, false, true).webPreferences.devTools).toBe(false);
    expect(windowOptions('/p', undefined, false, false).webPreferences.devTools).toBe(true);
  });

  it('has a strict Content-Security-Policy', () => {
    const d = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((x) => x.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:/);
    expect(CSP_DIRECTIVES['script-src']).not.toContain('unsafe-inline');
  });

  it('serves the page from its own scheme, and only that page may call the API', () => {
    expect(APP_URL).toBe('app://nsinspect/index.html');
    expect(isAppUrl(APP_URL)).toBe(true);
    for (const u of ['file:///etc/passwd', 'https://nsinspect.example/', 'app://other/index.html', 'not a url'])
      expect(isAppUrl(u), u).toBe(false);
  });

  it('opens only allow-listed https pages externally', () => {
    expect(isAllowedExternal('https://github.com/nsinspect/nsinspect/issues')).toBe(true);
    expect(isAllowedExternal('https://man7.org/linux/man-pages/man7/namespaces.7.html')).toBe(true);
    for (const u of [
      'http://github.com/nsinspect/nsinspect',
      'https://github.com/evil',
      'https://github.com.evil.example/nsinspect/nsinspect',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@github.com/nsinspect/nsinspect',
    ]) {
      expect(isAllowedExternal(u), u).toBe(false);
    }
  });

  it('denies permission requests, except the clipboard for the app itself', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'pointerLock',
      'fullscreen',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'clipboard-read-write-unknown',
    ]) {
      expect(permissionAllowed(p, APP_URL, true), p).toBe(false);
    }
    expect(permissionAllowed('clipboard-sanitized-write', APP_URL, true)).toBe(true);
    expect(permissionAllowed('clipboard-read', APP_URL, true)).toBe(true);
    expect(permissionAllowed('clipboard-read', 'https://evil.example/', true)).toBe(false);
    expect(permissionAllowed('clipboard-read', APP_URL, false)).toBe(false);
  });

  it('restores a sane window size and position only', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoredBounds({ x: 100, y: 50, width: 1200, height: 800, maximized: true }, displays)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: true,
    });
    expect(restoredBounds({ x: 5000, y: 50, width: 1200, height: 800 }, displays)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(restoredBounds({ width: 10, height: 10 }, displays).width).toBeGreaterThan(400);
    expect(restoredBounds('garbage', displays).width).toBeGreaterThan(400);
  });
});
