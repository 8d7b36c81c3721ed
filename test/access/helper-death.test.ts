// A host helper killed mid-session (SIGKILL, as an OOM killer or an impatient admin would): the
// process using it lives on, the next request is served by a new helper (or fails cleanly), its
// terminals end with a reason, and what the dead helper had started dies with it.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { createAccess } from '../../electron/core/access/select.js';
import { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { waitFor } from '../support/poll.js';
import { FIXTURES } from '../support/fixtures.js';
import { containerPid, nsInode } from '../support/sh.js';
import { startShellRig, type ShellRig } from '../shell/rig.js';

/** PIDs whose command line is exactly argv, from /proc. */
function processesRunning(argv: string[]): number[] {
  const want = `${argv.join('\0')}\0`;
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        return readFileSync(`/proc/${n}/cmdline`, 'utf8') === want;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describeWithEngine('a dead host helper never takes the process down', () => {
  let rig: ShellRig;
  beforeAll(async () => {
    rig = await startShellRig();
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('the probe: after the helper is killed, the next inspection starts a new one and agrees with readlink', async () => {
    const svc = new NsInspectService(rig.engine, await createAccess({ kind: 'host-helper', engine: rig.engine, backends: rig.backends }));
    const pa = containerPid(FIXTURES.a);
    const first = await rig.backends.hostHelper();
    expect((await svc.compare(FIXTURES.a, FIXTURES.b)).namespaces.length).toBeGreaterThan(0);
    process.kill(first.pid!, 'SIGKILL');
    // A comparison at the moment of the death: every section is an answer or a clean error, and
    // the process survives (an unhandled rejection would fail this test file).
    const during = await svc.compare(FIXTURES.a, FIXTURES.b);
    expect(during.namespaces.length).toBeGreaterThan(0);
    await waitFor('the client to see the helper die', () => !first.alive);
    const c = await svc.compare(FIXTURES.a, FIXTURES.b);
    const i = await svc.inspect(FIXTURES.a);
    for (const t of NS_TYPES) expect(i.namespaces.find((n) => n.type === t)?.inode, t).toBe(nsInode(pa, t));
    expect(c.namespaces.find((r) => r.type === 'net')?.shared).toBe(false);
    const second = await rig.backends.hostHelper();
    expect(second.pid).not.toBe(first.pid);
    expect(second.alive).toBe(true);
  });

  for (const tty of [true, false]) {
    it(`a terminal (${tty ? 'pty' : 'pipes'}, pid+net): ended with the reason, its program killed with the helper; the next one works`, async () => {
      const argv = ['/bin/sleep', String(4000 + Number(tty))];
      const s = await rig.m.open(
        { container: FIXTURES.a, kind: 'nsenter', namespaces: ['net', 'pid'], command: argv, cols: 80, rows: 24, access: 'host-helper' },
        { tty },
      );
      await waitFor('the program to run', () => processesRunning(argv).length === 1);
      const [prog] = processesRunning(argv);
      // It runs in the container's network namespace (the host's readlink), as asked.
      expect(nsInode(prog!, 'net')).toBe(nsInode(containerPid(FIXTURES.a), 'net'));
      const helper = await rig.backends.hostShellHelper(true);
      process.kill(helper.pid!, 'SIGKILL');
      const end = await rig.col.end(s.id);
      expect(end.reason).toBe('error');
      expect(end.reason === 'error' && end.message).toMatch(/host helper exited \(killed by SIGKILL\).*open it again/);
      // Nothing the dead helper started lives on (no re-parented shell under PID 1).
      await waitFor(`${argv.join(' ')} to die with the helper`, () => processesRunning(argv).length === 0);
      const again = await rig.m.open(
        {
          container: FIXTURES.a,
          kind: 'nsenter',
          namespaces: ['net'],
          command: ['/bin/echo', 'back'],
          cols: 80,
          rows: 24,
          access: 'host-helper',
        },
        { tty },
      );
      await rig.col.waitFor(again.id, (t) => t.includes('back'));
      expect((await rig.col.end(again.id)).reason).toBe('exited');
      expect((await rig.backends.hostShellHelper(true)).pid).not.toBe(helper.pid);
    });
  }
});
