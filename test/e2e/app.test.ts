// The real UI end to end: `nsinspect serve` on the real engine, driven in Debian's Chromium.
// Every assertion checks the page against an independent source (readlink, docker inspect, ip).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { AppRun, OWNER_LABEL, SHOTS, waitForTerminal } from '../support/e2e.js';
import { describeWithEngine } from '../support/engine.js';
import { FILE_IN_A, FIXTURES, IMAGE, LABEL, PREFIX } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

const STOP_ME = `${PREFIX}e2e-stop`;

/** The host reference the engine uses: PID 1 when its links are readable, else PID 2. */
function hostInode(type: string): number {
  const pid = tryRun(['readlink', '/proc/1/ns/net']).code === 0 ? 1 : 2;
  return nsInode(pid, type);
}

describeWithEngine('the app in a browser, against nsinspect serve and the real engine', () => {
  vi.setConfig({ testTimeout: 150_000 });
  let app: AppRun | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: string[] = [];
  const shot = (name: string) => app!.shot(name);

  beforeAll(async () => {
    app = await AppRun.start({ clipboard: true, shots: 'e2e-' });
    ({ context, page, problems } = app);
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
  }, 60_000);

  // A dialog or menu left open by a failed step must not block the next one.
  beforeEach(async () => {
    if (page && (await page.locator('.backdrop').count())) await page.keyboard.press('Escape');
  });

  // What the user would have seen when a step failed.
  afterEach(async ({ task }) => {
    await app?.shotIfFailed(task);
  });

  afterAll(async () => {
    await app?.stop();
    tryRun(['docker', 'rm', '-f', STOP_ME]);
  });

  // The socket's refusals (no token, forged Origin) are in token.test.ts.
  it('serves the page without the token, and sets no cookie', async () => {
    const res = await fetch(app!.url.replace(/\?token=.*/, ''));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists the fixture containers, live', async () => {
    await page.goto(app!.url);
    // The token left the address bar, went into this tab's sessionStorage, and into no cookie.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('nsinspect.token'))).toBe(new URL(app!.url).searchParams.get('token'));
    expect(await context.cookies()).toEqual([]);
    for (const name of Object.values(FIXTURES)) {
      await page.locator(`[data-container="${name}"]`).waitFor({ timeout: 60_000 });
    }
    await page.getByPlaceholder('Filter by name').fill(PREFIX);
    const a = page.locator(`[data-container="${FIXTURES.a}"]`);
    await expect.poll(() => a.textContent()).toContain(`PID ${containerPid(FIXTURES.a)}`);
    expect(await page.locator(`[data-container="${FIXTURES.stopped}"]`).getAttribute('data-state')).toBe('created');
    // A container started now appears without a reload (engine events).
    docker('run', '-d', '--name', STOP_ME, '--label', LABEL, '--label', OWNER_LABEL, '--hostname', 'stop-me', IMAGE, 'sleep', '1000000');
    await page.locator(`[data-container="${STOP_ME}"][data-state="running"]`).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(600);
    await shot('01-containers');
  });

  it('compares two containers: shared and isolated as readlink says', async () => {
    const pa = containerPid(FIXTURES.a);
    const pb = containerPid(FIXTURES.b);
    await page.locator(`[data-container="${FIXTURES.a}"] .pick.a`).click();
    await page.locator(`[data-container="${FIXTURES.b}"] .pick.b`).click();
    // The table is drawn first from the list's inodes (data-preview), then replaced by the
    // comparison: read the final one, not an element about to be detached.
    const matrix = page.locator('[data-testid="matrix"]:not([data-preview])');
    await matrix.waitFor({ timeout: 60_000 });
    const colours: Array<{ type: string; shared: boolean; a: string; b: string }> = [];
    for (const type of NS_TYPES) {
      const row = matrix.locator(`tr[data-ns="${type}"]`);
      const ia = nsInode(pa, type);
      const ib = nsInode(pb, type);
      expect(Number(await row.locator('td[data-side="a"] [data-inode]').getAttribute('data-inode')), type).toBe(ia);
      expect(Number(await row.locator('td[data-side="b"] [data-inode]').getAttribute('data-inode')), type).toBe(ib);
      expect(Number(await row.locator('td[data-side="host"] [data-inode]').getAttribute('data-inode')), type).toBe(hostInode(type));
      expect(await row.getAttribute('data-shared'), type).toBe(String(ia === ib));
      const bg = (side: string) =>
        row.locator(`td[data-side="${side}"] [data-inode]`).evaluate((el) => getComputedStyle(el).backgroundColor);
      colours.push({ type, shared: ia === ib, a: await bg('a'), b: await bg('b') });
    }
    // Same namespace, same colour. A colour is only given to a namespace seen twice in the view, so
    // two different namespaces may look alike only in the one plain colour of those seen once.
    const sharedColours = new Set(colours.filter((c) => c.shared).map((c) => c.a));
    for (const c of colours) {
      if (c.shared) expect(c.a, c.type).toBe(c.b);
      else if (c.a === c.b) expect(sharedColours.has(c.a), `${c.type}: ${c.a}`).toBe(false);
    }
    // The tutorial's numbers: own ipc, mnt, net, pid, uts; the host's user namespace.
    for (const type of ['ipc', 'mnt', 'net', 'pid', 'uts'])
      expect(await matrix.locator(`tr[data-ns="${type}"]`).getAttribute('data-shared')).toBe('false');
    expect(await matrix.locator('tr[data-ns="user"]').getAttribute('data-shared')).toBe('true');
    // Net pane: each eth0 with its address and the host end of its veth pair on docker0.
    const ipA = docker('inspect', '-f', '{{.NetworkSettings.IPAddress}}', FIXTURES.a);
    await expect.poll(() => page.getByTestId('pane-net').textContent()).toContain(ipA);
    await shot('02-compare');
    // The pid pane pairs the host PID with PID 1 inside.
    await page.locator('[data-pane="pid"]').click();
    const row = page.locator(`[data-side="a"] tr[data-host-pid="${pa}"]`);
    expect(await row.locator('td').first().textContent()).toBe('1');
    // uts: the hostnames docker inspect reports.
    await page.locator('[data-pane="uts"]').click();
    expect(await page.getByTestId('hostname-a').textContent()).toBe(docker('inspect', '-f', '{{.Config.Hostname}}', FIXTURES.a));
  });

  it('finds where a file of the container lives on the host (the upper layer)', async () => {
    await page.locator('[data-pane="mnt"]').click();
    const where = page.getByTestId('where');
    await where.locator('input').fill(FILE_IN_A);
    await where.locator('select').selectOption(FIXTURES.a);
    await where.locator('button[type=submit]').click();
    const result = page.getByTestId('where-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-layer')).toBe('upper');
    const upper = docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', FIXTURES.a);
    expect((await page.getByTestId('host-path').textContent())?.trim()).toContain(`${upper}${FILE_IN_A}`);
    expect(run(['cat', `${upper}${FILE_IN_A}`]).trim()).toBe('tutorial');
    await where.scrollIntoViewIfNeeded();
    await page.locator('[data-testid="layers"]').first().scrollIntoViewIfNeeded();
    await shot('03-compare-mnt');
  });

  it('shows a container sharing a network namespace as shared', async () => {
    await page.locator(`[data-container="${FIXTURES.netShare}"] .pick.b`).click();
    const matrix = page.getByTestId('matrix');
    await expect.poll(() => matrix.locator('[data-side="b"]').first().textContent(), { timeout: 60_000 }).toBeTruthy();
    await expect.poll(() => page.locator('[data-side="b"].side-label').textContent()).toContain(FIXTURES.netShare);
    await expect.poll(() => matrix.locator('tr[data-ns="net"]').getAttribute('data-shared'), { timeout: 60_000 }).toBe('true');
    expect(nsInode(containerPid(FIXTURES.netShare), 'net')).toBe(nsInode(containerPid(FIXTURES.a), 'net'));
    expect(await matrix.locator('tr[data-ns="mnt"]').getAttribute('data-shared')).toBe('false');
  });

  it('draws the network picture: bridge, veth pairs, namespaces (shared ones together)', async () => {
    await page.locator(`[data-container="${FIXTURES.b}"] .pick.b`).click();
    await page.locator('[data-nav="network"]').click();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    const netA = nsInode(containerPid(FIXTURES.a), 'net');
    const box = page.locator(`[data-node="netns:${netA}"]`);
    await box.waitFor({ timeout: 20_000 });
    expect(await box.locator(`[data-container="${FIXTURES.a}"]`).count()).toBe(1);
    expect(await box.locator(`[data-container="${FIXTURES.netShare}"]`).count()).toBe(1);
    // The host end of a's eth0: the host interface whose ifindex is eth0's iflink.
    const iflink = docker('exec', FIXTURES.a, 'cat', '/sys/class/net/eth0/iflink');
    const line = run(['ip', '-o', 'link', 'show'])
      .split('\n')
      .find((l) => l.startsWith(`${iflink}: `))!;
    const veth = /^\d+: ([^:@]+)/.exec(line)![1]!;
    expect(line).toContain('master docker0');
    await page.locator(`[data-node="veth:${veth}"]`).waitFor();
    await page.locator('[data-node="bridge:docker0"]').waitFor();
    await page.locator('[data-action="focus"]').click();
    await page.locator(`[data-node="netns:${nsInode(containerPid(FIXTURES.b), 'net')}"]`).waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeLessThan(8);
    await page.waitForTimeout(800);
    await shot('04-network');
  });

  it('maps every namespace of the host, with the sharing groups', async () => {
    await page.locator('[data-nav="hostmap"]').click();
    const groups = page.getByTestId('groups');
    await groups.waitFor({ timeout: 60_000 });
    await page.locator(`[data-group="${[FIXTURES.a, FIXTURES.netShare].sort().join(',')}"]`).waitFor();
    await page.locator(`[data-group="${[FIXTURES.ipcJoin, FIXTURES.ipcOwner].sort().join(',')}"]`).waitFor();
    await shot('05-hostmap');
  });

  it('opens a terminal in the chosen namespaces: hostname and the net namespace are the container’s', async () => {
    await page.locator(`[data-container="${FIXTURES.a}"] [data-action="terminal"]`).click();
    const dialog = page.getByTestId('open-terminal');
    await dialog.waitFor();
    await dialog.locator('[data-preset="exec"]').click();
    await dialog.locator('[data-action="open-terminal"]').click();
    await page.locator('.term-pane[data-status="open"]').waitFor({ timeout: 60_000 });
    await page.locator('.term-pane:visible .term-host').click();
    await page.keyboard.type('hostname; readlink /proc/self/ns/net\n');
    const pid = containerPid(FIXTURES.a);
    const hostname = docker('inspect', '-f', '{{.Config.Hostname}}', FIXTURES.a);
    const net = `net:[${nsInode(pid, 'net')}]`;
    const text = await waitForTerminal(page, (s) => s.includes(net), net);
    expect(text.split('\n').map((l) => l.trim())).toContain(hostname);
    expect(await page.locator('.tab[aria-selected="true"]').textContent()).toContain(FIXTURES.a);
    await page.keyboard.type('ls /\n');
    await page.waitForTimeout(500);
    await shot('06-terminal');
  });

  it('keeps the session across views and says when the container stops', async () => {
    await page.locator('[data-nav="compare"]').click();
    await page.locator('[data-nav="terminals"]').click();
    expect(await page.locator('.term-pane[data-status="open"]').count()).toBe(1);
    // A second tab, in the container that is about to stop, entering only its network namespace.
    await page.locator('[data-action="new-terminal"]').click();
    const dialog = page.getByTestId('open-terminal');
    await dialog.locator('select[name="container"]').selectOption(STOP_ME);
    await dialog.locator('[data-preset="net-only"]').click();
    // The host's sh: a host bash would run root's own dotfiles, which are not the app's to test.
    await dialog.locator('select[name="shell"]').selectOption('/bin/sh');
    await dialog.locator('[data-action="open-terminal"]').click();
    await page.locator('.term-pane:visible[data-status="open"]').waitFor({ timeout: 60_000 });
    await page.locator('.term-pane:visible .term-host').click();
    await page.keyboard.type('readlink /proc/self/ns/net /proc/self/ns/mnt\n');
    const pid = containerPid(STOP_ME);
    // Only the network namespace is the container's; the mount namespace stays the host's.
    await waitForTerminal(
      page,
      (s) => s.includes(`net:[${nsInode(pid, 'net')}]`) && s.includes(`mnt:[${hostInode('mnt')}]`),
      'its net and the host mnt',
    );
    docker('stop', '-t', '1', STOP_ME);
    const pane = page.locator('.term-pane:visible');
    await expect.poll(() => pane.getAttribute('data-end'), { timeout: 60_000 }).toBe('container-stopped');
    expect(await pane.getByTestId('term-end').textContent()).toContain('container stopped');
    await page.locator('[data-action="reconnect"]').waitFor();
    await page.waitForTimeout(300);
    await shot('07-terminal-stopped');
  });

  it('speaks Vietnamese', async () => {
    await page.locator('[data-nav="compare"]').click();
    await page.getByLabel('Language').selectOption('vi');
    await page.getByText('So sánh').first().waitFor();
    await page.getByTestId('matrix').waitFor();
    await shot('08-compare-vi');
    await page.getByLabel('Ngôn ngữ').selectOption('en');
  });

  it('follows the OS dark theme', async () => {
    const dark = await app!.browser!.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    try {
      const p = await dark.newPage();
      p.on('pageerror', (e) => problems.push(`page error (dark): ${e.message}`));
      await p.goto(app!.url);
      await p.locator(`[data-container="${FIXTURES.a}"] .pick.a`).click({ timeout: 60_000 });
      await p.locator(`[data-container="${FIXTURES.netShare}"] .pick.b`).click();
      await p.getByTestId('matrix').waitFor({ timeout: 60_000 });
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).not.toBe('rgb(245, 246, 248)');
      await p.getByPlaceholder('Filter by name').fill(PREFIX);
      await p.waitForTimeout(300);
      await p.screenshot({ path: `${SHOTS}/e2e-09-compare-dark.png` });
    } finally {
      await dark.close();
    }
  });

  it('ran without page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
