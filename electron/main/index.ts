// The Electron main process: one locked-down window, the typed API over IPC.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell, type WebContents } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonFileStore } from '../core/access/controller.js';
import { AskpassBroker } from '../core/api/askpass-broker.js';
import { hostContexts } from '../core/hosts/contexts.js';
import { HostSet } from '../core/hosts/host-set.js';
import { hostStacks } from '../core/hosts/runtime.js';
import { appProtocolHandler } from './app-protocol.js';
import { guardContents, guardSession, startOrReport } from './guards.js';
import { registerIpc } from './ipc.js';
import { appMenuTemplate } from './menu.js';
import { APP_SCHEME, APP_URL, isAllowedExternal, isAppUrl, restoredBounds, windowOptions, type Bounds } from './window-options.js';

const here = import.meta.dirname;
const rendererDir = resolve(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let hosts: HostSet | null = null;
  const stateFile = () => join(app.getPath('userData'), 'window-state.json');

  const isOurs = (url: string) => isAppUrl(url) || (!!devUrl && url.startsWith(devUrl));

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  const openExternal = (url: string) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
  };

  // Every web contents, now and later: no navigation away, no new windows, no webviews.
  app.on('web-contents-created', (_e, contents: WebContents) => guardContents(contents, isOurs, openExternal));

  const loadBounds = (): Bounds => {
    let saved: unknown = null;
    try {
      saved = JSON.parse(readFileSync(stateFile(), 'utf8'));
    } catch {
      /* first start */
    }
    return restoredBounds(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    );
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
    win = new BrowserWindow(windowOptions(preloadPath, bounds, nativeTheme.shouldUseDarkColors, app.isPackaged));
    if (bounds.maximized) win.maximize();
    win.once('ready-to-show', () => win?.show());
    win.on('close', () => win && saveBounds(win));
    win.on('closed', () => {
      win = null;
    });
    void (devUrl ? win.loadURL(devUrl) : win.loadURL(APP_URL));
  };

  const start = async () => {
    await app.whenReady();
    nativeTheme.themeSource = 'system';
    guardSession(session.defaultSession);

    protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));

    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(openExternal)));

    // The access backend follows the settings (userData/settings.json): automatic by default
    // (direct as root, else a helper). It is built while the window opens, since starting the
    // host helper with sudo asks the window for the password; requests wait for it. When none
    // works, the app still opens and every section says why it could not be read.
    // One stack per engine host: the environment's first, docker contexts opened from the window.
    const askpass = new AskpassBroker();
    hosts = new HostSet(hostStacks({ askpass, store: jsonFileStore(join(app.getPath('userData'), 'settings.json')) }), () =>
      hostContexts(),
    );
    const first = hosts.open(null);
    registerIpc({
      ipc: ipcMain,
      service: first.service,
      shells: first.shells,
      control: { settings: first.settings, askpass },
      hosts,
      isOurs,
      windows: () => (win ? [win] : []),
    });
    createWindow();
  };
  void startOrReport(start, { showErrorBox: (title, text) => dialog.showErrorBox(title, text), quit: () => app.quit() });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // Nobody is left to tell when closing fails; each part is closed whatever the others do.
    const quietly = async (p: Promise<void> | undefined) => p?.catch(() => undefined);
    void quietly(hosts?.closeAll());
  });
}
