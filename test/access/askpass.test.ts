// The askpass relay with the real sudo: a throwaway user starts the host helper through
// `sudo -A`, the prompt comes to the test as the UI's dialog would get it, and the answer goes
// back through the relay's socket. Nothing of sudo is mocked.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/nstype.js';
import { JsonLinesChild } from '../support/json-child.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES } from '../support/fixtures.js';
import { containerPid, docker, nsInode } from '../support/sh.js';
import { createSudoUser, processesWith, sudoUnavailable, type SudoUser } from '../support/sudo-user.js';
import { buildHelper } from '../shell/rig.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./askpass-child.ts', import.meta.url));
const missing = sudoUnavailable();
if (missing && process.env.NSINSPECT_REQUIRE_DOCKER === '1') throw new Error(`the askpass tests need sudo: ${missing}`);

/** The child as the throwaway user; it answers prompts with what is sent to it. */
class Child extends JsonLinesChild {
  answer(a: { password?: string; cancel?: boolean }): void {
    this.send(a);
  }
}

const relayDirsOf = (uid: number) =>
  readdirSync(tmpdir()).filter((d) => d.startsWith('nsinspect-askpass-') && statSync(`${tmpdir()}/${d}`).uid === uid);

describeWithEngine('sudo -A with the askpass relay, as an unprivileged user', () => {
  const d = missing ? describe.skip : describe;
  d(missing ? `(skipped: ${missing})` : 'real sudo', () => {
    let user: SudoUser;
    let helper: ReturnType<typeof buildHelper>;
    let pid: number;
    let cid: string;

    beforeAll(() => {
      helper = buildHelper();
      // The helper's directory is root's (0700): the user cannot read the script, only sudo's root can.
      user = createSudoUser([[process.execPath, helper.script]]);
      pid = containerPid(FIXTURES.a);
      cid = docker('inspect', '-f', '{{.Id}}', FIXTURES.a);
    });
    afterAll(() => {
      user?.remove();
      helper?.cleanup();
      expect(existsSync(user.dropIn)).toBe(false);
    });

    const start = (extraEnv: Record<string, string> = {}) =>
      new Child(
        spawn(
          user.as[0]!,
          [
            ...user.as.slice(1),
            '/usr/bin/env',
            '-i',
            'PATH=/usr/local/bin:/usr/bin:/bin',
            'HOME=/nonexistent',
            `NSINSPECT_HOST_HELPER_SCRIPT=${helper.script}`,
            `TARGET_PID=${pid}`,
            `TARGET_CONTAINER=${cid}`,
            ...Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`),
            process.execPath,
            '--import',
            'tsx',
            CHILD,
          ],
          {
            cwd: ROOT,
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        ),
      );

    it('the right password starts the root helper; its reads agree with readlink; nothing is left', async () => {
      const c = start();
      const launch = await c.waitFor('launch');
      expect(launch.launch).toBe('sudo');
      expect(launch.relay).toBe(true);
      expect(launch.argv).toEqual(['/usr/bin/sudo', '-A', '--', process.execPath, helper.script]);
      const ask = await c.waitFor('askpass');
      expect(String(ask.askpass)).toMatch(/password/i);
      expect(String(ask.askpass)).toContain(user.name);
      // While the prompt waits: the relay's directory is private, its socket too.
      const dirs = relayDirsOf(user.uid);
      expect(dirs).toHaveLength(1);
      expect(statSync(`${tmpdir()}/${dirs[0]}`).mode & 0o777).toBe(0o700);
      c.answer({ password: user.password });
      const started = await c.waitFor('started');
      expect(started.uid).toBe(user.uid);
      const got = (await c.waitFor('links')) as { links: Record<string, string | null>; ifaces: string[] };
      for (const t of NS_TYPES) expect(got.links[t], t).toBe(`${t}:[${nsInode(pid, t)}]`);
      expect(got.ifaces).toContain('eth0');
      await c.waitFor('done');
      expect(await c.exited).toBe(0);
      expect(relayDirsOf(user.uid)).toEqual([]);
      expect(processesWith(helper.script)).toEqual([]);
      expect(JSON.stringify(c.msgs) + c.stderr).not.toContain(user.password);
    });

    it('a wrong password fails cleanly: "wrong password", no helper, no relay left', async () => {
      const c = start();
      await c.waitFor('askpass');
      c.answer({ password: 'not-the-password' });
      const { error } = (await c.waitFor('error')) as { error: { code: string; message: string } };
      expect(error.code).toBe('permission');
      expect(error.message).toMatch(/authentication failed: wrong password/);
      await c.exited;
      expect(c.msgs.some((m) => 'started' in m)).toBe(false);
      expect(processesWith(helper.script)).toEqual([]);
      expect(relayDirsOf(user.uid)).toEqual([]);
    });

    it('cancel fails cleanly: "authentication cancelled", no helper left', async () => {
      const c = start();
      await c.waitFor('askpass');
      c.answer({ cancel: true });
      const { error } = (await c.waitFor('error')) as { error: { code: string; message: string; hint: string } };
      expect(error.message).toMatch(/^authentication cancelled/);
      expect(error.hint).toMatch(/Settings/);
      await c.exited;
      expect(processesWith(helper.script)).toEqual([]);
      expect(relayDirsOf(user.uid)).toEqual([]);
    });

    it('nobody answering times out: "authentication timed out", no helper left', async () => {
      const c = start({ ASKPASS_TIMEOUT_MS: '1500' });
      await c.waitFor('askpass');
      const { error } = (await c.waitFor('error')) as { error: { message: string } };
      expect(error.message).toMatch(/^authentication timed out/);
      await c.exited;
      expect(processesWith(helper.script)).toEqual([]);
    });
  });
});
