// The built renderer as files, for both faces that hand it out: Electron's app:// handler and
// `nsinspect serve`. One path check and one MIME table, so the two cannot drift apart.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export type StaticAnswer =
  | { status: 200; type: string; body: Buffer<ArrayBuffer>; file: string }
  | { status: 400 | 404; type: 'text/plain; charset=utf-8'; body: string };

const bad = (status: 400 | 404, body: string): StaticAnswer => ({ status, type: 'text/plain; charset=utf-8', body });

/**
 * The file under `root` that the request target `url` (a path, still percent-encoded, with an
 * optional query) names; "/" is index.html. Each path segment is decoded on its own, so an
 * encoded "/" or ".." cannot change the walk; the real path (symlinks resolved) must stay under
 * the real root. A malformed %-escape is a 400, never an exception.
 */
export async function serveStatic(root: string, url: string): Promise<StaticAnswer> {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  if (!path.startsWith('/')) return bad(400, 'Bad request.');
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return bad(400, 'Bad request: malformed %-escape in the path.');
    }
    if (seg === '' || seg === '.') continue;
    if (seg === '..' || seg.includes('/') || seg.includes('\\') || seg.includes('\0')) return bad(404, 'Not found.');
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');
  try {
    const realRoot = await realpath(resolve(root));
    const file = await realpath(resolve(realRoot, ...segments));
    if (!file.startsWith(realRoot + sep) || !(await stat(file)).isFile()) return bad(404, 'Not found.');
    return { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file), file };
  } catch {
    return bad(404, 'Not found.');
  }
}
