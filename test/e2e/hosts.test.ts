// Issue 11 §3, end to end: `nsinspect serve` with two hosts (this machine's engine and the ssh
// rig's context, which reaches the same engine through sshd on loopback as another user),
// driven in Debian's Chromium. One container of each host is compared: every row must say
// "different hosts", and the inodes shown must be the kernel's (readlink /proc/PID/ns/*).
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { launchChromium } from '../support/chromium.js';
import { IMAGE, LABEL, LABEL_KEY } from '../support/fixtures.js';
import { describeRig } from '../support/rigs/describe-rig.js';
import { CONTEXT, LOCAL_USER, sshRigUnavailable, startSshRig, type SshRig } from '../support/rigs/sshd.js';
import { startServe, stopServe } from '../support/serve.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}test-results`;
const A = `nsi-hosts-a-${process.pid}`;
const B = `nsi-hosts-b-${process.pid}`;
const OWNER = `${LABEL_KEY}.owner=${process.pid}`;

vi.setConfig({ testTimeout: 240_000 });

describeRig(sshRigUnavailable(), 'ssh rig')('two hosts in one window (serve --context default --context the ssh rig)', () => {
  let rig: SshRig | undefined;
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;
  let browser: Browser | undefined;
  let page: Page;

  /** The helper containers this serve started (on the one engine both hosts reach), to remove if it could not. */
  const helpersOf = (pid: number) =>
    tryRun(['docker', 'ps', '-aq', '--filter', 'label=io.nsinspect.helper=1', '--filter', `label=io.nsinspect.helper.owner`])
      .stdout.split('\n')
      .filter(Boolean)
      .filter((id) => docker('inspect', '-f', '{{index .Config.Labels "io.nsinspect.helper.owner"}}', id).endsWith(`:${pid}`));

  beforeAll(async () => {
    for (const f of ['out/renderer/index.html', 'out/cli/nsinspect.cjs']) {
      if (!existsSync(`${ROOT}${f}`)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
    }
    mkdirSync(SHOTS, { recursive: true });
    rig = await startSshRig();
    for (const n of [A, B]) tryRun(['docker', 'rm', '-f', n]);
    docker('run', '-d', '--name', A, '--hostname', 'nsi-hosts-a', '--label', LABEL, '--label', OWNER, IMAGE, 'sleep', '1000000');
    docker('run', '-d', '--name', B, '--hostname', 'nsi-hosts-b', '--label', LABEL, '--label', OWNER, IMAGE, 'sleep', '1000000');
    // serve runs as the rig's local user, whose ~/.ssh and ~/.docker the rig prepared; in the
    // docker group, so that "default" (the local socket) is open to it too.
    const dockerGid = run(['getent', 'group', 'docker']).split(':')[2]!;
    const as = ['setpriv', `--reuid=${rig.uid}`, `--regid=${rig.gid}`, `--groups=${dockerGid}`, '--'];
    serve = await startServe(
      as,
      ['--context', 'default', '--context', CONTEXT, '--helper-image', IMAGE],
      [`HOME=${rig.home}`, `USER=${LOCAL_USER}`, 'NSINSPECT_ENGINE_TIMEOUT_MS=30000'],
    );
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
    page = await context.newPage();
    await page.goto(serve.url);
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    if (page) await page.screenshot({ path: `${SHOTS}/e2e-hosts-failed.png` }).catch(() => undefined);
    // What serve and sshd said: an unreachable rig host says why there.
    console.error(`serve:\n${serve?.log().slice(-4000)}\nsshd:\n${rig?.log().slice(-2000)}`);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    const pid = serve?.child.pid;
    await stopServe(serve?.child);
    if (pid) for (const id of helpersOf(pid)) tryRun(['docker', 'rm', '-f', id]);
    tryRun(['docker', 'rm', '-f', A, B]);
    rig?.stop();
  }, 60_000);

  const row = (host: string, name: string) => page.locator(`.crow[data-host="${host}"][data-container="${name}"]`);

  it('lists both hosts, each container with its host; a host chip shows only its containers in one click', async () => {
    // The list is windowed: the filter brings this test's containers into view.
    await page.getByPlaceholder('Filter by name').fill('nsi-hosts-');
    await row('default', A).waitFor({ timeout: 90_000 });
    // The rig's context reaches the same engine: A is listed on both hosts, with its host said.
    await row(CONTEXT, A).waitFor({ timeout: 90_000 });
    expect(await row(CONTEXT, A).locator('.tag.host').textContent()).toBe(CONTEXT);
    await page.locator(`.host-bar [data-host="${CONTEXT}"]`).click();
    await expect.poll(() => page.locator('.crow[data-host="default"]').count()).toBe(0);
    expect(await row(CONTEXT, B).count()).toBe(1);
    await page.locator(`.host-bar [data-host="${CONTEXT}"]`).click();
    await row('default', A).waitFor();
  });

  it('compares A on this host with B on the rig: "different hosts" in every row, inodes as readlink gives them', async () => {
    await row('default', A).locator('.pick.a').click();
    await row(CONTEXT, B).locator('.pick.b').click();
    const matrix = page.locator('[data-testid="matrix"]:not([data-preview])');
    await matrix.waitFor({ timeout: 120_000 });
    const pa = containerPid(A);
    const pb = containerPid(B);
    for (const type of NS_TYPES) {
      const tr = matrix.locator(`tr[data-ns="${type}"]`);
      expect(await tr.locator('.verdict').textContent(), type).toBe('different hosts');
      expect(await tr.locator('[data-side="a"]').textContent(), `${type} of A`).toContain(String(nsInode(pa, type)));
      expect(await tr.locator('[data-side="b"]').textContent(), `${type} of B`).toContain(String(nsInode(pb, type)));
    }
    // Both are on this machine's initial user namespace: equal numbers, still not "shared".
    expect(nsInode(pa, 'user')).toBe(nsInode(pb, 'user'));
    expect(await page.getByTestId('different-hosts').textContent()).toContain(`A is on default, B on ${CONTEXT}`);
    // The contents are still compared: the two hostnames differ.
    await page.locator('[data-pane="uts"]').click();
    await expect.poll(() => page.getByTestId('pane-uts').textContent()).toContain('nsi-hosts-b');
    expect(await page.getByTestId('pane-uts').textContent()).toContain('nsi-hosts-a');
    await page.screenshot({ path: `${SHOTS}/e2e-hosts-compare.png` });
  });

  it('Settings lists both hosts with endpoint and state; closing the rig host drops its containers, opening it brings them back', async () => {
    await page.locator('[data-action="settings"]').click();
    const hosts = page.getByTestId('settings-hosts');
    await hosts.waitFor();
    const line = (key: string) => hosts.locator(`tr[data-host="${key}"]`);
    expect(await line('default').locator('td').nth(1).textContent()).toBe('unix:///var/run/docker.sock');
    expect(await line(CONTEXT).locator('td').nth(1).textContent()).toBe(rig!.url);
    await expect.poll(() => line(CONTEXT).getAttribute('data-status')).toBe('connected');
    await line(CONTEXT).locator('[data-action="close-host"]').click();
    await expect.poll(() => line(CONTEXT).count()).toBe(0);
    await expect.poll(() => page.locator(`.crow[data-host="${CONTEXT}"]`).count()).toBe(0);
    await hosts.getByTestId('host-picker').selectOption(CONTEXT);
    await expect.poll(() => line(CONTEXT).count()).toBe(1);
    await page.keyboard.press('Escape');
    await row(CONTEXT, B).waitFor({ timeout: 90_000 });
  });
});
