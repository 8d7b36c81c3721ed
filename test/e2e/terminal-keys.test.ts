// The terminal in a browser, from the keyboard (issue 13 §2) and under a flood (issue 12 §3), in
// Debian's Chromium against `nsinspect serve` and the real engine. The terminal's text is read
// through the app's own Select all + Copy; what is expected comes from the shell's own output.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES } from '../support/fixtures.js';
import { AppRun, terminalText, waitForTerminal } from '../support/e2e.js';

describeWithEngine('the terminal in a browser, from the keyboard', () => {
  vi.setConfig({ testTimeout: 120_000 });
  let app: AppRun | undefined;
  let page: Page;
  const pane = () => page.locator('.term-pane:visible');
  const waitForText = (pred: (s: string) => boolean, what: string) => waitForTerminal(page, pred, what, 60);

  beforeAll(async () => {
    app = await AppRun.start({ clipboard: true, shots: 'terminal-keys-' });
    page = app.page;
    await page.goto(app.url);
    await page.getByPlaceholder('Filter by name').fill(FIXTURES.a);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    expect(app?.problems).toEqual([]);
  });

  it('the Open-terminal dialog has the focus when it opens: Escape closes it without a click', async () => {
    await page.locator(`[data-container="${FIXTURES.a}"] [data-action="terminal"]`).click({ timeout: 60_000 });
    const dialog = page.getByTestId('open-terminal');
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
  });

  it('draws with the DOM renderer when WebGL is software (as the page itself reports it)', async () => {
    await page.locator(`[data-container="${FIXTURES.a}"] [data-action="terminal"]`).click();
    const dialog = page.getByTestId('open-terminal');
    await dialog.locator('[data-preset="exec"]').click();
    await dialog.locator('[data-action="open-terminal"]').click();
    await page.locator('.term-pane:visible[data-status="open"]').waitFor({ timeout: 60_000 });
    const gpu = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    });
    const software = !gpu || /swiftshader|llvmpipe|softpipe/i.test(gpu);
    expect(await pane().getAttribute('data-renderer'), gpu).toBe(software ? 'dom' : 'webgl');
    if (software) expect(await pane().locator('.xterm-screen canvas').count()).toBe(0);
  });

  it('the context menu closes on Escape and gives the terminal back its keys', async () => {
    await pane().locator('.term-host').click();
    await pane()
      .locator('.term-host')
      .click({ button: 'right', position: { x: 200, y: 100 } });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.evaluate((m) => m.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached', timeout: 5000 });
    // Typed straight on: the keys reach the shell, with no ESC before them.
    await page.keyboard.type("printf 'fx-%s\\n' 1 2 3 | sed 's/^/got-/'\n");
    const text = await waitForText((s) => s.includes('got-fx-3'), 'the printf output');
    expect(text).toContain("printf 'fx-%s\\n' 1 2 3");
  });

  it('find says which match of how many, counted as the text has them', async () => {
    const text = await terminalText(page);
    const matches = text.split('got-fx-').length - 1;
    expect(matches).toBeGreaterThanOrEqual(3);
    await pane().locator('.term-host').click();
    await page.keyboard.press('Control+Shift+F');
    const field = pane().locator('.findbar input');
    await field.waitFor();
    await field.fill('got-fx-');
    const count = pane().getByTestId('find-count');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^\\d+ of ${matches}$`));
    const first = Number((await count.textContent())!.split(' ')[0]);
    await field.press('Enter');
    await expect.poll(() => count.textContent()).toBe(`${(first % matches) + 1} of ${matches}`);
    await field.press('Escape');
    await pane().locator('.findbar').waitFor({ state: 'detached' });
  });

  it('Ctrl-C during a flood brings the prompt back, and the shell takes the next command', async () => {
    await pane().locator('.term-host').click();
    await page.keyboard.type("yes 'nsinspect flood line 0123456789'\n");
    await page.waitForTimeout(1500);
    await page.keyboard.press('Control+c');
    await page.keyboard.type('echo after-$((6*7))\n');
    await waitForText((s) => s.includes('after-42'), 'the command after the flood');
  });

  it('switching the language twice writes no status line again', async () => {
    await page.keyboard.type('exit 7\n');
    await pane().locator('[data-testid="term-end"]').waitFor({ timeout: 20_000 });
    const endLine = '[process exited with code 7]';
    await waitForText((s) => s.includes(endLine), 'the end line');
    const lang = page.locator('select:has(option[value="vi"])');
    await lang.selectOption('vi');
    await expect.poll(() => pane().getByTestId('term-end').textContent()).toBe('[tiến trình đã thoát với mã 7]');
    await lang.selectOption('en');
    await expect.poll(() => pane().getByTestId('term-end').textContent()).toBe(endLine);
    const text = await terminalText(page);
    expect(text.split(endLine).length - 1).toBe(1);
    expect(text).not.toContain('tiến trình');
  });
});
