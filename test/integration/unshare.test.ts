import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isFailed } from '../../shared/model/index.js';
import type { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { nsInode, run } from '../support/sh.js';
import { directService } from '../support/service.js';

/**
 * Namespaces Docker does not make by default — a user namespace with its own id maps, a
 * time namespace with clock offsets — made here with util-linux unshare, the independent tool.
 */
describeWithEngine('user and time namespaces made by unshare(1)', () => {
  let svc: NsInspectService;
  let child: ChildProcess;
  let pid: number;

  beforeAll(async () => {
    svc = directService();
    child = spawn(
      'unshare',
      ['--user', '--map-root-user', '--time', '--boottime', '1000', '--monotonic', '500', '--uts', '--fork', 'sleep', '600'],
      { stdio: 'ignore' },
    );
    // With --fork, the namespaced process is unshare's child.
    for (let i = 0; i < 100 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
      if (kids) pid = Number(kids.split(' ')[0]);
    }
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    if (pid) run(['kill', '-9', String(pid)]);
    await svc.close();
  });

  it('reads the user namespace: own inode, id maps, parent and owner as lsns reports them', async () => {
    const i = await svc.inspect(String(pid), { allowPid: true });
    expect(i.namespaces.find((n) => n.type === 'user')).toMatchObject({ inode: nsInode(pid, 'user'), sharedWithHost: false });
    if (isFailed(i.user)) throw new Error(i.user.error.message);
    const map = readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split(/\s+/).map(Number);
    expect(i.user.uidMap).toEqual([{ inside: map[0], outside: map[1], count: map[2] }]);
    expect(i.user.uidMap[0]!.outside).toBe(0); // --map-root-user as root: 0 inside is 0 outside, one id only
    expect(i.user.uidMap[0]!.count).toBe(1);
    const ref = JSON.parse(run(['lsns', '-J', '-p', String(pid), '-t', 'user', '-o', 'NS,PNS,ONS'])).namespaces[0];
    expect(i.user.parent).toBe(ref.pns);
    expect(i.user.owner).toBe(ref.ons);
    expect(i.user.parent).toBe(nsInode(2, 'user'));
  });

  it('reads the time namespace and its clock offsets', async () => {
    const i = await svc.inspect(String(pid), { allowPid: true });
    expect(i.namespaces.find((n) => n.type === 'time')).toMatchObject({ inode: nsInode(pid, 'time'), sharedWithHost: false });
    if (isFailed(i.time)) throw new Error(i.time.error.message);
    const ref = readFileSync(`/proc/${pid}/timens_offsets`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    expect(i.time.offsets).toEqual(ref.map(([clock, s, ns]) => ({ clock, seconds: Number(s), nanoseconds: Number(ns) })));
    expect(i.time.offsets.find((o) => o.clock === 'boottime')?.seconds).toBe(1000);
  });

  it("compares it with the host: user, time and uts are its own, the rest the host's", async () => {
    const c = await svc.compare(String(pid), 'host', { allowPid: true });
    const own = c.namespaces
      .filter((r) => r.sharedWithHost.a === false)
      .map((r) => r.type)
      .sort();
    expect(own).toEqual(['time', 'user', 'uts']);
  });
});
