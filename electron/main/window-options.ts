// The window's security settings as plain data, with no Electron import, so that
// a test can read exactly what the main process uses.
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';

export { CONTENT_SECURITY_POLICY };

/** The renderer is served from this privileged custom scheme, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nsinspect';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1360, height: 860 };

/**
 * BrowserWindow options (a subset of Electron's BrowserWindowConstructorOptions). `packaged`
 * (app.isPackaged) turns the developer tools off: in an installed app they would hand whoever
 * sits at the window a console inside the page that holds the privileged API.
 */
export function windowOptions(preload: string, bounds: Bounds = DEFAULT_BOUNDS, dark = false, packaged = true) {
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'nsinspect',
    backgroundColor: dark ? '#16181d' : '#f7f8fa',
    autoHideMenuBar: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !packaged,
    },
  } as const;
}

/** External links the app may open, in the system browser; nothing else leaves the window. */
export const EXTERNAL_ALLOWLIST: readonly string[] = [
  'https://github.com/nsinspect/nsinspect',
  'https://docs.docker.com/',
  'https://man7.org/linux/man-pages/',
];

export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return EXTERNAL_ALLOWLIST.some((prefix) => {
    const p = new URL(prefix);
    return url.origin === p.origin && url.pathname.startsWith(p.pathname);
  });
}

/** Permissions the renderer may get: only writing and reading the clipboard (terminal copy/paste). */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write', 'clipboard-read'];

export function permissionAllowed(permission: string, requestingUrl: string, isMainFrame: boolean): boolean {
  return isMainFrame && ALLOWED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl);
}

/** The renderer's own pages, and nothing else, may talk to the main process. */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Window geometry to restore: only if it is sane (a size, and on some display). */
export function restoredBounds(saved: unknown, displays: { x: number; y: number; width: number; height: number }[]): Bounds {
  const b = saved as Partial<Bounds> | null;
  if (!b || typeof b.width !== 'number' || typeof b.height !== 'number' || b.width < 400 || b.height < 300) return DEFAULT_BOUNDS;
  const out: Bounds = { width: Math.round(b.width), height: Math.round(b.height), maximized: b.maximized === true };
  if (typeof b.x === 'number' && typeof b.y === 'number') {
    const visible = displays.some((d) => b.x! + 100 > d.x && b.x! < d.x + d.width - 100 && b.y! >= d.y - 20 && b.y! < d.y + d.height - 100);
    if (visible) Object.assign(out, { x: Math.round(b.x), y: Math.round(b.y) });
  }
  return out;
}
