// The Electron main process: one locked-down window, the typed API over IPC.
import { app, BrowserWindow, dialog, Menu, nativeTheme, protocol, screen, session, shell, type WebContents } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Engine } from '../core/engine/engine.js';
import { AccessController, jsonFileStore } from '../core/access/controller.js';
import { AskpassBroker } from '../core/api/askpass-broker.js';
import { ShellManager } from '../core/shell/manager.js';
import { NsInspectService } from '../core/service.js';
import type { ShellHost } from '../core/shell/host.js';
import { registerIpc } from './ipc.js';
import { appMenuTemplate } from './menu.js';
import {
  APP_HOST,
  APP_SCHEME,
  APP_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternal,
  isAppUrl,
  permissionAllowed,
  restoredBounds,
  windowOptions,
  type Bounds,
} from './window-options.js';

const here = import.meta.dirname;
const rendererDir = resolve(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let service: NsInspectService | null = null;
  let shells: ShellHost | null = null;
  let control: AccessController | null = null;
  const stateFile = () => join(app.getPath('userData'), 'window-state.json');

  const isOurs = (url: string) => isAppUrl(url) || (!!devUrl && url.startsWith(devUrl));

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Every web contents, now and later: no navigation away, no new windows, no webviews.
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isOurs(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isOurs(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const loadBounds = (): Bounds => {
    let saved: unknown = null;
    try {
      saved = JSON.parse(readFileSync(stateFile(), 'utf8'));
    } catch {
      /* first start */
    }
    return restoredBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  };
  const saveBounds = (w: BrowserWindow) => {
    try {
      mkdirSync(app.getPath('userData'), { recursive: true });
      writeFileSync(stateFile(), JSON.stringify({ ...w.getNormalBounds(), maximized: w.isMaximized() }));
    } catch {
      /* not worth failing over */
    }
  };

  const createWindow = () => {
    const bounds = loadBounds();
    win = new BrowserWindow(windowOptions(preloadPath, bounds, nativeTheme.shouldUseDarkColors));
    if (bounds.maximized) win.maximize();
    win.once('ready-to-show', () => win?.show());
    win.on('close', () => win && saveBounds(win));
    win.on('closed', () => {
      win = null;
    });
    void (devUrl ? win.loadURL(devUrl) : win.loadURL(APP_URL));
  };

  app.whenReady().then(async () => {
    nativeTheme.themeSource = 'system';
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(permissionAllowed(permission, details.requestingUrl, details.isMainFrame)),
    );
    ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
      permissionAllowed(permission, details.requestingUrl ?? origin, details.isMainFrame),
    );
    ses.setDevicePermissionHandler(() => false);
    ses.on('will-download', (e, item) => {
      // Only the renderer's own blob: downloads (Export JSON); never anything remote.
      if (!item.getURL().startsWith('blob:')) e.preventDefault();
    });

    protocol.handle(APP_SCHEME, async (req) => {
      const url = new URL(req.url);
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
      const file = resolve(rendererDir, rel);
      if (url.host !== APP_HOST || !file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
      try {
        const body = await readFile(file);
        return new Response(body, {
          headers: {
            'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
            'X-Content-Type-Options': 'nosniff',
          },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });

    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate((url) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
    })));

    // The access backend follows the settings (userData/settings.json): automatic by default
    // (direct as root, else a helper). It is built while the window opens, since starting the
    // host helper with sudo asks the window for the password; requests wait for it. When none
    // works, the app still opens and every section says why it could not be read.
    const engine = new Engine();
    const askpass = new AskpassBroker();
    const controller = new AccessController({ engine, askpass, store: jsonFileStore(join(app.getPath('userData'), 'settings.json')) });
    control = controller;
    const svc = new NsInspectService(engine, controller.access);
    service = svc;
    controller.on('switched', () => svc.resetProbe());
    const manager = new ShellManager({ engine, backends: controller.backends });
    controller.attach(manager);
    shells = manager;
    registerIpc({ service: svc, shells, control: { settings: controller, askpass }, isOurs, windows: () => (win ? [win] : []) });
    createWindow();
  }).catch((e: unknown) => {
    // Without this the app would stay running with no window and no word why.
    dialog.showErrorBox('nsinspect could not start', e instanceof Error ? e.message : String(e));
    app.quit();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // Nobody is left to tell when closing fails; each part is closed whatever the others do.
    const quietly = async (p: Promise<void> | undefined) => p?.catch(() => undefined);
    void quietly(shells?.closeAll());
    void quietly(service?.close()).then(() => quietly(control?.close()));
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
