// The app:// scheme's handler: the built renderer through the same serveStatic as `nsinspect
// serve`, with the page's Content-Security-Policy on every answer.
import { serveStatic } from '../core/util/static-files.js';
import { APP_HOST, CONTENT_SECURITY_POLICY } from './window-options.js';

export function appProtocolHandler(rendererDir: string): (req: { url: string }) => Promise<Response> {
  return async (req) => {
    const url = new URL(req.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const answer = await serveStatic(rendererDir, url.pathname);
    return new Response(answer.body, {
      status: answer.status,
      headers: {
        'Content-Type': answer.type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
