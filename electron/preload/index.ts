// Placeholder preload; the typed API bridge is built in the desktop-app issue.
export {};
