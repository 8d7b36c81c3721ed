import type { MenuItemConstructorOptions } from 'electron';

/** The standard roles, and a Help menu that only opens allow-listed pages in the system browser. */
export function appMenuTemplate(openExternal: (url: string) => void): MenuItemConstructorOptions[] {
  return [
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'nsinspect on GitHub', click: () => openExternal('https://github.com/nsinspect/nsinspect') },
        { label: 'namespaces(7)', click: () => openExternal('https://man7.org/linux/man-pages/man7/namespaces.7.html') },
        { type: 'separator' },
        { role: 'about' },
      ],
    },
  ];
}
