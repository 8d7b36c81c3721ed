// The one file server of both faces (app:// and serve): nothing outside the renderer directory,
// however the path is spelled; a malformed escape is a 400, never an exception.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../electron/core/util/static-files.js';

describe('serveStatic', () => {
  let base: string;
  let root: string;
  const SECRET = 'secret-outside-the-root';

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'nsi-static-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>nsinspect</title>');
    writeFileSync(join(root, 'assets/app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets/font.woff2'), 'x');
    // Siblings of the root that a traversal would reach; one shares the root's name as a prefix.
    writeFileSync(join(base, 'secret.txt'), SECRET);
    mkdirSync(join(base, 'renderer-evil'));
    writeFileSync(join(base, 'renderer-evil/x.js'), SECRET);
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets/link.txt'));
    symlinkSync(base, join(root, 'up'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves the page at / and the assets with their types', async () => {
    const page = await serveStatic(root, '/?token=abc');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<title>nsinspect</title>');
    expect(page.type).toBe('text/html; charset=utf-8');
    const js = await serveStatic(root, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.type).toBe('text/javascript; charset=utf-8');
    expect((await serveStatic(root, '/assets/font.woff2')).type).toBe('font/woff2');
    expect((await serveStatic(root, '/assets/%61pp.js')).status).toBe(200);
  });

  const outside: [string, string][] = [
    ['dot-dot', '/../secret.txt'],
    ['dot-dot deeper', '/assets/../../secret.txt'],
    ['encoded dot-dot', '/%2e%2e/secret.txt'],
    ['encoded dot-dot, upper case', '/%2E%2E/%2E%2E/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['encoded backslash', '/..%5csecret.txt'],
    ['NUL', '/index.html%00.png'],
    ['absolute path', '//etc/passwd'],
    ['absolute, encoded', '/%2fetc%2fpasswd'],
    ['a sibling sharing the prefix', '/../renderer-evil/x.js'],
    ['a symlink to a file outside', '/assets/link.txt'],
    ['a symlink to a directory outside', '/up/secret.txt'],
    ['a directory', '/assets'],
    ['missing', '/nope.js'],
  ];
  for (const [what, url] of outside) {
    it(`refuses ${what}: ${url}`, async () => {
      const r = await serveStatic(root, url);
      expect(r.status).toBe(404);
      expect(String(r.body)).not.toContain(SECRET);
    });
  }

  it('answers 400 for a malformed escape or a target that is not a path', async () => {
    for (const url of ['/%E0%A4%A', '/%', '/assets/%zz.js', 'http://[', '*']) {
      const r = await serveStatic(root, url);
      expect(r.status, url).toBe(400);
    }
  });
});
