// Placeholder main process; the locked-down shell is built in the desktop-app issue.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(import.meta.dirname, '../preload/index.cjs') },
  });
  void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
});
