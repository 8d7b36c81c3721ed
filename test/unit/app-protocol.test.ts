// The desktop app's app:// handler: the renderer's files with the CSP, nothing else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../electron/main/app-protocol.js';

describe('the app:// handler', () => {
  const base = mkdtempSync(join(tmpdir(), 'nsi-app-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>nsinspect</title>');
  writeFileSync(join(root, 'assets/app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const handle = appProtocolHandler(root);

  it('serves the page and its assets with the Content-Security-Policy', async () => {
    const page = await handle(new Request('app://nsinspect/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>nsinspect</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handle(new Request('app://nsinspect/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers another host, a path out of the renderer and a bad escape without a file', async () => {
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    // The handler gets URLs as Chromium hands them over; a raw string stands in for one not normalised.
    const out = await handle({ url: 'app://nsinspect/%2e%2e/secret.txt' });
    expect(out.status).toBe(404);
    expect(await out.text()).not.toContain('secret');
    expect((await handle({ url: 'app://nsinspect/%E0%A4%A' })).status).toBe(400);
  });
});
