// What every web contents and the session may do, as functions over small ports (Electron's
// objects satisfy them), so that a test can drive them without the Electron binary.
import { isAllowedExternal, permissionAllowed } from './window-options.js';

type Prevent = { preventDefault(): void };

export interface ContentsPort {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: Prevent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: Prevent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** No navigation away from our page, no webviews, no new windows; allow-listed links open in the system browser. */
export function guardContents(contents: ContentsPort, isOurs: (url: string) => boolean, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (e, url) => {
    if (!isOurs(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isOurs(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}

type Details = { requestingUrl?: string; isMainFrame: boolean };

export interface SessionPort {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void, details: Details & { requestingUrl: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string, origin: string, details: Details) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  on(event: 'will-download', listener: (e: Prevent, item: { getURL(): string }) => void): unknown;
}

/** Permissions: only the clipboard, for our page's main frame; downloads: only the page's own blob: URLs (Export JSON). */
export function guardSession(ses: SessionPort): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, details.isMainFrame)),
  );
  ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? origin, details.isMainFrame),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (e, item) => {
    if (!item.getURL().startsWith('blob:')) e.preventDefault();
  });
}

/** A start that fails must not leave the app running with no window: say why, then quit. */
export function startOrReport(
  start: () => Promise<void>,
  ui: { showErrorBox(title: string, text: string): void; quit(): void },
): Promise<void> {
  return start().catch((e: unknown) => {
    ui.showErrorBox('nsinspect could not start', (e as Error)?.message ?? String(e));
    ui.quit();
  });
}
