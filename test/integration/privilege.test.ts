import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { NS_TYPES } from '../../shared/model/index.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES } from '../support/fixtures.js';
import { containerPid, nsInode } from '../support/sh.js';

const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;

/** The CLI as an unprivileged user (nobody), the way a workstation user without root runs it. */
function asNobody(...args: string[]) {
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/nonexistent' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeWithEngine('without privilege: every item says what it could not read and why', () => {
  it('direct access as nobody: namespaces and sections carry permission errors with the fix, no crash', () => {
    const pid = containerPid(FIXTURES.a);
    const r = asNobody('inspect', String(pid), '--access', 'direct', '--json');
    expect(r.code, r.stderr).toBe(0);
    const i = JSON.parse(r.stdout);
    expect(i.namespaces.map((n: any) => n.type)).toEqual([...NS_TYPES]);
    for (const n of i.namespaces) {
      expect(n.inode).toBeNull();
      expect(n.sharedWithHost).toBeNull();
      expect(n.error).toMatchObject({ code: 'permission' });
      expect(n.error.hint).toMatch(/root|helper/);
    }
    // PID 1 and 2 are root's: nsinspect's own namespaces stand in for the host's, and it says so.
    expect(i.host.error).toBeUndefined();
    expect(i.host.reason).toMatch(/nsinspect itself .*neither PID 1 nor PID 2 is readable/);
    expect(i.host.namespaces.net).toBe(nsInode(process.pid, 'net'));
    for (const s of ['net', 'pid', 'uts', 'ipc']) {
      expect(i[s].error, s).toMatchObject({ code: 'permission' });
      expect(i[s].error.hint, s).toMatch(/root|helper/);
    }
  });

  it('human output names the failures and the fix', () => {
    const r = asNobody('inspect', String(containerPid(FIXTURES.a)), '--access', 'direct');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^net: .*Permission denied — run as root/m);
    expect(r.stdout).toMatch(/host reference: nsinspect itself/);
  });

  it('with no backend able to serve, one line says what to do', () => {
    const r = asNobody('ls');
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/docker group|root/);
  });
});
