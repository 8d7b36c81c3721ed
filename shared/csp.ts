/**
 * The Content-Security-Policy of the renderer, one policy for both faces: the
 * Electron window (sent as a header by the app:// protocol handler) and the
 * browser mode (sent by `nsinspect serve`). Scripts only from the app itself,
 * no eval, no plugins, no frames, no forms, no remote anything.
 * style-src allows inline styles: xterm.js and React Flow set them at runtime.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'none'",
  'object-src': "'none'",
  'frame-src': "'none'",
  'child-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
