// PID reuse against the host helper, made real: the container's main process is killed and its
// PID handed to another process (through /proc/sys/kernel/ns_last_pid) at the moment between the
// helper opening the namespace files and verifying the PID. The helper must refuse; swapped
// after its verification, it must still enter the container's namespaces, never the newcomer's.
// Outcomes are read from the kernel: readlink of /proc/*/ns/*, the container's hostname.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { DirectAccess } from '../../electron/core/access/direct.js';
import { findHostReference } from '../../electron/core/probe/host.js';
import { probeRun } from '../../electron/helper/probe.js';
import { HelperShell } from '../../electron/helper/shells.js';
import { describeWithEngine } from '../support/engine.js';
import { waitFor } from '../support/poll.js';
import { IMAGE } from '../support/fixtures.js';
import { containerPid, docker, tryRun } from '../support/sh.js';
import { OWN_LABEL } from '../shell/rig.js';

const NAME = `nsi-pin-${process.pid}`;
const HOSTNAME = 'nsi-pin-x';

/** Every process whose namespace link of this type is `link`, from /proc. */
function processesIn(type: string, link: string): number[] {
  const out: number[] = [];
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      if (readlinkSync(`/proc/${n}/ns/${type}`) === link) out.push(Number(n));
    } catch {
      /* exited */
    }
  }
  return out;
}

describeWithEngine('PID reuse: the host helper enters what it verified, or nothing', () => {
  let hostPid = 2;
  let usurper: ChildProcess | null = null;

  beforeAll(async () => {
    hostPid = (await findHostReference(new DirectAccess())).pid;
  });
  afterEach(() => {
    usurper?.kill('SIGKILL');
    usurper = null;
    tryRun(['docker', 'rm', '-f', NAME]);
  });

  function startContainer(): { pid: number; net: string; uts: string } {
    tryRun(['docker', 'rm', '-f', NAME]);
    docker('run', '-d', '--name', NAME, '--label', OWN_LABEL, '--hostname', HOSTNAME, IMAGE, 'sleep', '1000000');
    const pid = containerPid(NAME);
    return { pid, net: readlinkSync(`/proc/${pid}/ns/net`), uts: readlinkSync(`/proc/${pid}/ns/uts`) };
  }

  /** Kills the container and gives its PID to a process in fresh net and uts namespaces. */
  async function reuse(pid: number): Promise<ChildProcess> {
    docker('kill', NAME);
    await waitFor(`PID ${pid} to be free`, () => !existsSync(`/proc/${pid}`));
    for (let i = 0; i < 200; i++) {
      writeFileSync('/proc/sys/kernel/ns_last_pid', String(pid - 1));
      const p = spawn('unshare', ['--net', '--uts', 'sleep', '1000'], { stdio: 'ignore' });
      if (p.pid === pid) {
        await waitFor('the usurper to enter its namespaces', () => {
          try {
            return readlinkSync(`/proc/${pid}/exe`).endsWith('/sleep');
          } catch {
            return false;
          }
        });
        return (usurper = p);
      }
      p.kill('SIGKILL');
    }
    throw new Error(`could not get PID ${pid} again (other processes kept taking it)`);
  }

  it('a probe command whose PID changes hands between open and verify is refused', async () => {
    const x = startContainer();
    let newcomer = '';
    const run = probeRun({ req: { kind: 'kernelViews', pid: x.pid, cgroup: false }, container: NAME }, hostPid, {
      afterOpen: async () => {
        await reuse(x.pid);
        newcomer = readlinkSync(`/proc/${x.pid}/ns/uts`);
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'gone' });
    expect(newcomer).not.toBe(x.uts);
    // Only the newcomer itself is in its namespaces: nothing of the helper went there.
    expect(processesIn('uts', newcomer)).toEqual([x.pid]);
  });

  it('a shell whose PID changes hands between open and verify is refused; nothing runs in either namespace', async () => {
    const x = startContainer();
    let newcomer = '';
    const ended: unknown[] = [];
    const open = HelperShell.open(
      { container: NAME, namespaces: ['net', 'uts'], command: ['/bin/sleep', '1000'], cols: 80, rows: 24, tty: false },
      hostPid,
      { data: () => undefined, stderr: () => undefined, end: (e) => ended.push(e) },
      {
        afterOpen: async () => {
          await reuse(x.pid);
          newcomer = readlinkSync(`/proc/${x.pid}/ns/net`);
        },
      },
    );
    await expect(open).rejects.toMatchObject({ code: 'gone' });
    expect(processesIn('net', newcomer)).toEqual([x.pid]);
    expect(processesIn('net', x.net)).toEqual([]);
    expect(ended).toEqual([]);
  });

  it('swapped after the verification, the command still runs in the container’s namespaces, not the newcomer’s', async () => {
    const x = startContainer();
    let newcomer = '';
    const r = await probeRun({ req: { kind: 'kernelViews', pid: x.pid, cgroup: false }, container: NAME }, hostPid, {
      afterVerify: async () => {
        await reuse(x.pid);
        newcomer = readlinkSync(`/proc/${x.pid}/ns/uts`);
      },
    });
    expect(newcomer).not.toBe(x.uts);
    expect(r.code, r.stderr).toBe(0);
    // The hostname read is the container's (its uts namespace, held open by the pinned fd).
    expect(r.stdout).toContain(`==> /proc/sys/kernel/hostname <==\n${HOSTNAME}\n`);
    expect(r.stdout).not.toContain(`==> /proc/sys/kernel/hostname <==\n${tryRun(['hostname']).stdout.trim()}\n`);
  });
});
