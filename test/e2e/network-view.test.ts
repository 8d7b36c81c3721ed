// The Network view in Chromium at 1024×640 against `nsinspect serve` and the real engine: a
// crowded bridge starts closed with its count, the search and the sidebar filter narrow the
// picture, a click picks A and B, fit-view stays readable. Checked against `ip -j link` and
// `docker network inspect`, and a screenshot to look at.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { AppRun, OWNER_LABEL, requireBuild } from '../support/e2e.js';
import { describeWithEngine } from '../support/engine.js';
import { IMAGE, LABEL } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

const PREFIX = 'nsi-net-e2e-';
const NET = `${PREFIX}shop`;
const ON_DOCKER0 = Array.from({ length: 14 }, (_, i) => `${PREFIX}${String(i).padStart(2, '0')}`);
const ON_NET = [`${PREFIX}shop-a`, `${PREFIX}shop-b`];

/** The veths on a bridge as the kernel lists them. */
const vethsOn = (bridge: string) =>
  (JSON.parse(run(['ip', '-j', 'link', 'show', 'master', bridge])) as { ifname: string }[]).map((l) => l.ifname);

function cleanUp(): void {
  const ids = tryRun(['docker', 'ps', '-aq', '--filter', `name=^${PREFIX}`])
    .stdout.split('\n')
    .filter(Boolean);
  if (ids.length) tryRun(['docker', 'rm', '-f', ...ids]);
  tryRun(['docker', 'network', 'rm', NET]);
}

describeWithEngine('the Network view at 1024×640, in a browser', () => {
  vi.setConfig({ testTimeout: 120_000 });
  let app: AppRun | undefined;
  let page: Page;
  let problems: string[] = [];
  const shot = (name: string) => app!.shot(name);
  const zoom = async () => {
    const t = await page.locator('.react-flow__viewport').evaluate((e) => getComputedStyle(e).transform);
    return Number(/matrix\(([^,]+)/.exec(t)?.[1] ?? 1);
  };

  beforeAll(async () => {
    requireBuild();
    cleanUp();
    const labels = ['--label', LABEL, '--label', OWNER_LABEL];
    docker('network', 'create', ...labels, NET);
    for (const name of ON_DOCKER0) docker('run', '-d', '--name', name, ...labels, IMAGE, 'sleep', '1000000');
    for (const name of ON_NET) docker('run', '-d', '--name', name, '--network', NET, ...labels, IMAGE, 'sleep', '1000000');
    app = await AppRun.start({ viewport: { width: 1024, height: 640 }, shots: 'network-' });
    ({ page, problems } = app);
    await page.goto(app.url);
    // The list draws only the rows in view: the container is found through the filter, which is
    // then cleared so that the picture shows every namespace.
    const filter = page.getByPlaceholder('Filter by name');
    await filter.fill(ON_NET[1]!);
    await page.locator(`[data-container="${ON_NET[1]}"]`).first().waitFor({ timeout: 60_000 });
    await filter.fill('');
    await page.locator('[data-nav="network"]').click();
    await page.locator('[data-node="bridge:docker0"]').waitFor({ timeout: 60_000 });
  }, 150_000);

  afterEach(async ({ task }) => {
    await app?.shotIfFailed(task);
  });

  afterAll(async () => {
    await app?.stop();
    cleanUp();
  });

  it('a crowded docker0 starts closed with its veth count; the named network’s bridge is named', async () => {
    const docker0 = page.locator('[data-node="bridge:docker0"]');
    expect(await docker0.getAttribute('data-expanded')).toBe('false');
    // Other runs on this machine add and remove containers: the count is compared with the kernel's as it settles.
    await expect
      .poll(
        async () => {
          const text = await docker0.locator('[data-action="toggle-bridge"]').innerText();
          return Number(/(\d+) veths/.exec(text)?.[1]) - vethsOn('docker0').length;
        },
        { timeout: 60_000 },
      )
      .toBe(0);
    expect(await docker0.locator('[data-network="bridge"]').count()).toBe(1);
    const bridge = `br-${docker('network', 'inspect', '-f', '{{.Id}}', NET).slice(0, 12)}`;
    const shop = page.locator(`[data-node="bridge:${bridge}"]`);
    await shop.waitFor();
    expect(await shop.locator(`[data-network="${NET}"]`).count()).toBe(1);
    // Its two containers are drawn (it is small, so open), each behind the veth the kernel puts on that bridge.
    for (const name of ON_NET) {
      const box = page.locator(`[data-node="netns:${nsInode(containerPid(name), 'net')}"]`);
      await box.waitFor();
      expect(await box.locator(`[data-container="${name}"]`).count()).toBe(1);
    }
    for (const veth of vethsOn(bridge)) await page.locator(`[data-node="veth:${veth}"]`).waitFor();
    // The whole picture fits at a readable zoom.
    expect(await zoom()).toBeGreaterThanOrEqual(0.7);
    await page.waitForTimeout(300);
    await shot('01-closed');
  });

  it('opening docker0 shows its veths at a readable zoom; fit-view brings the picture back', async () => {
    await page.locator('[data-node="bridge:docker0"] [data-action="toggle-bridge"]').click();
    await page.locator(`[data-node="netns:${nsInode(containerPid(ON_DOCKER0[0]!), 'net')}"]`).waitFor();
    expect(await zoom()).toBeGreaterThanOrEqual(0.7);
    await page.waitForTimeout(300);
    await shot('02-open');
    const before = await page.locator('.react-flow__viewport').evaluate((e) => getComputedStyle(e).transform);
    // Pan away by dragging the background, then fit.
    // From a point of the background itself: with other runs' containers on the machine a node
    // can sit anywhere, and dragging a node does not pan.
    const box = (await page.locator('.react-flow__pane').boundingBox())!;
    const start = await page.evaluate((b) => {
      for (const fx of [0.95, 0.05, 0.5, 0.75, 0.25])
        for (const fy of [0.95, 0.05, 0.5, 0.75, 0.25]) {
          const x = b.x + b.width * fx;
          const y = b.y + b.height * fy;
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      return null;
    }, box);
    expect(start, 'no empty background to drag').not.toBeNull();
    await page.mouse.move(start!.x, start!.y);
    await page.mouse.down();
    await page.mouse.move(
      start!.x + (start!.x > box.x + box.width / 2 ? -150 : 150),
      start!.y + (start!.y > box.y + box.height / 2 ? -100 : 100),
      {
        steps: 5,
      },
    );
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__viewport').evaluate((e) => getComputedStyle(e).transform)).not.toBe(before);
    const panned = await page.locator('.react-flow__viewport').evaluate((e) => getComputedStyle(e).transform);
    await page.locator('[data-action="fit"]').click();
    // Back where fitting put it (unless another run's containers changed the picture meanwhile), and readable.
    await expect.poll(() => page.locator('.react-flow__viewport').evaluate((e) => getComputedStyle(e).transform)).not.toBe(panned);
    expect(await zoom()).toBeGreaterThanOrEqual(0.7);
    await page.locator('[data-node="bridge:docker0"] [data-action="toggle-bridge"]').click();
  });

  it('the search finds one container among many; a click picks it as A, another as B', async () => {
    const target = ON_DOCKER0[7]!;
    await page.getByTestId('network-search').fill(target);
    const box = page.locator(`[data-node="netns:${nsInode(containerPid(target), 'net')}"]`);
    await box.waitFor();
    await expect.poll(() => page.locator('.react-flow__node-netns').count()).toBe(1);
    // The search opens docker0 on the one veth that leads there: the kernel's peer of the container's eth0.
    const iflink = docker('exec', target, 'cat', '/sys/class/net/eth0/iflink');
    const veth = (JSON.parse(run(['ip', '-j', 'link', 'show'])) as { ifindex: number; ifname: string }[]).find(
      (l) => String(l.ifindex) === iflink,
    )!.ifname;
    await page.locator(`[data-node="veth:${veth}"]`).waitFor();
    await box.locator(`[data-container="${target}"] .pick.a`).click();
    // The store's A is the list's A: the sidebar row shows it picked (found through the filter, as
    // the list draws only the rows in view).
    const filter = page.getByPlaceholder('Filter by name');
    await filter.fill(target);
    await expect.poll(() => page.locator(`.crow[data-container="${target}"] .pick.a`).getAttribute('aria-pressed')).toBe('true');
    expect(await box.locator(`[data-container="${target}"] .pick.a`).getAttribute('aria-pressed')).toBe('true');
    await filter.fill('');
    await page.waitForTimeout(300);
    await shot('03-search-pick');
    await page.getByTestId('network-search').fill(ON_NET[0]!);
    await page.locator(`[data-node="netns:${nsInode(containerPid(ON_NET[0]!), 'net')}"] .pick.b`).click();
    await filter.fill(ON_NET[0]!);
    await expect.poll(() => page.locator(`.crow[data-container="${ON_NET[0]}"] .pick.b`).getAttribute('aria-pressed')).toBe('true');
    await filter.fill('');
    await page.getByTestId('network-search').fill('');
  });

  it('the sidebar filter applies to the picture', async () => {
    await page.getByPlaceholder('Filter by name').fill(`${PREFIX}shop`);
    await expect.poll(() => page.locator('.react-flow__node-netns').count()).toBe(2);
    expect(await page.locator('[data-node="bridge:docker0"]').count()).toBe(0);
    expect(await zoom()).toBeGreaterThanOrEqual(0.7);
    await page.waitForTimeout(300);
    await shot('04-filtered');
    await page.getByPlaceholder('Filter by name').fill('');
    expect(problems).toEqual([]);
  });
});
