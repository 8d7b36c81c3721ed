import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHELL_PRESETS, describeConfinement, type ShellSession } from '../../shared/api/shell.js';
import { NS_TYPES, type AccessKind } from '../../shared/model/index.js';
import { NsInspectError } from '../../electron/core/errors.js';
import type { ShellManager } from '../../electron/core/shell/manager.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { containerPid, docker, nsInode, run, tryRun } from '../support/sh.js';
import { Collector, OWN_LABEL, startShellRig, type ShellRig } from './rig.js';

const BACKENDS: AccessKind[] = ['direct', 'docker-helper', 'host-helper'];
const host = (t: string) => nsInode(2, t);

/**
 * A hostile image's shell: /bin/sh and /bin/bash are this script. It tries what the reviewer's
 * trojan did first (a block device node, the way to the host's disk), leaves the node where the
 * host can see it if that worked, marks that it ran, and then behaves like a shell.
 */
const TROJAN = `#!/bin/busybox sh
/bin/busybox mknod /tmp/trojan-dev-$$ b 253 0 2>/dev/null
echo ran > /tmp/trojan-ran-$$
exec /bin/busybox sh "$@"
`;

/** The fields of /proc/PID/status that say what a process is confined by. */
function confinementOf(pid: number): Record<string, string> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim() ?? '?';
  return {
    CapBnd: field('CapBnd'),
    CapEff: field('CapEff'),
    Seccomp: field('Seccomp'),
    NoNewPrivs: field('NoNewPrivs'),
    cgroup: readFileSync(`/proc/${pid}/cgroup`, 'utf8'),
    userns: readlinkSync(`/proc/${pid}/ns/user`),
  };
}

/** The host PID of the process whose innermost PID (NSpid's last) is nspid, in the mount namespace mnt. */
function hostPidOf(nspid: number, mnt: string): number {
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readlinkSync(`/proc/${p}/ns/mnt`) !== mnt) continue;
      const ns = /^NSpid:\s*(.*)$/m
        .exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1]
        ?.trim()
        .split(/\s+/);
      if (ns && Number(ns[ns.length - 1]) === nspid) return Number(p);
    } catch {
      /* exited */
    }
  }
  throw new Error(`no process ${nspid} in ${mnt}`);
}

const isBlockDevice = (path: string) => {
  try {
    return lstatSync(path).isBlockDevice();
  } catch {
    return false;
  }
};

describeWithEngine("shells run the container's programs with the container's restrictions", () => {
  let rig: ShellRig;
  let m: ShellManager;
  let col: Collector;
  const trojan = `nsi-trojan-${process.pid}`;
  let init: number;
  let root: string;

  beforeAll(async () => {
    rig = await startShellRig();
    ({ m, col } = rig);
    tryRun(['docker', 'rm', '-f', trojan]);
    // Without MKNOD and with no_new_privs, so that both are restrictions a shell can be seen to keep.
    docker(
      'run',
      '-d',
      '--name',
      trojan,
      '--label',
      OWN_LABEL,
      '--cap-drop',
      'MKNOD',
      '--security-opt',
      'no-new-privileges',
      IMAGE,
      'sleep',
      '1000000',
    );
    run(
      [
        'docker',
        'exec',
        '-i',
        trojan,
        '/bin/busybox',
        'sh',
        '-c',
        'rm -f /bin/sh /bin/bash && cat > /bin/sh && chmod 755 /bin/sh && cp /bin/sh /bin/bash',
      ],
      TROJAN,
    );
    init = containerPid(trojan);
    root = `/proc/${init}/root`;
    // The restrictions the tests look for are really there.
    const c = confinementOf(init);
    expect(c.Seccomp).toBe('2');
    expect(c.NoNewPrivs).toBe('1');
    expect(c.CapBnd).not.toBe(confinementOf(2).CapBnd);
  });
  afterEach(async () => {
    await m.closeAll();
  });
  afterAll(async () => {
    await rig?.stop();
    tryRun(['docker', 'rm', '-f', trojan]);
  });

  /** The shell's $$, in its own PID namespace (the echoed command line itself is skipped). */
  async function shellPid(s: ShellSession): Promise<number> {
    m.input(s.id, 'echo "pid=$$"\n');
    const answer = (t: string) => /pid=(\d+)/.exec(t.replace(/"pid=\$\$"/g, ''));
    return Number(answer(await col.waitFor(s.id, (t) => answer(t) !== null))![1]);
  }

  /** The trojan's shell, once it runs: its host PID and its PID in the container. */
  async function trojanShell(s: ShellSession): Promise<{ pid: number; nspid: number }> {
    const nspid = await shellPid(s);
    return { pid: hostPidOf(nspid, readlinkSync(`/proc/${init}/ns/mnt`)), nspid };
  }

  const ranMarkers = () => readdirSync(`${root}/tmp`).filter((f) => f.startsWith('trojan-ran-'));

  it('the host helper (the shell-capable one) enforces it itself: a client asking it directly gets no unconfined or whole-container shell', async () => {
    const client = await rig.backends.hostShellHelper(true);
    const before = ranMarkers().length;
    const ask = (extra: Record<string, unknown>) =>
      client.request('shell.open', { container: trojan, cols: 80, rows: 24, tty: false, ...extra }).then(
        () => null,
        (e: unknown) => e as NsInspectError,
      );
    const partial = await ask({ namespaces: ['mnt'] });
    expect(partial?.code).toBe('unsupported');
    expect(partial?.message).toMatch(/cannot be confined like the container: .*seccomp filter/);
    const whole = await ask({ namespaces: [...NS_TYPES] });
    expect(whole?.code).toBe('unsupported');
    expect(whole?.message).toMatch(/opened by the engine's exec, not by the host helper/);
    const sneaky = await ask({ namespaces: ['mnt'], unconfined: 'yes' });
    expect(sneaky?.code).toBe('input');
    expect(ranMarkers().length).toBe(before);
  });

  it('a whole-container shell is a real terminal: its size is the one asked for, and follows a resize', async () => {
    const s = await m.open({
      container: FIXTURES.a,
      kind: 'nsenter',
      namespaces: SHELL_PRESETS.exec.namespaces,
      cols: 100,
      rows: 30,
      access: 'direct',
    });
    expect(s.confinement).toBe('container');
    m.input(s.id, 'stty size\n');
    await col.waitFor(s.id, (t) => t.includes('30 100'));
    m.resize(s.id, 120, 40);
    // The engine applies a resize asynchronously: ask until the new size shows.
    const t0 = Date.now();
    while (!(col.text.get(s.id) ?? '').includes('40 120') && Date.now() - t0 < 10_000) {
      m.input(s.id, 'stty size\n');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(col.text.get(s.id)).toContain('40 120');
  });

  it("the engine's own refusal (a paused container) is an error that says what happened, not an internal one", async () => {
    const paused = `${trojan}-paused`;
    tryRun(['docker', 'rm', '-f', paused]);
    docker('run', '-d', '--name', paused, '--label', OWN_LABEL, IMAGE, 'sleep', '1000000');
    try {
      docker('pause', paused);
      expect(docker('inspect', '-f', '{{.State.Paused}}', paused)).toBe('true');
      const err = await m
        .open({
          container: paused,
          kind: 'nsenter',
          namespaces: SHELL_PRESETS.exec.namespaces,
          command: ['true'],
          cols: 80,
          rows: 24,
          access: 'direct',
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(NsInspectError);
      expect((err as NsInspectError).code).toBe('engine');
      expect((err as NsInspectError).message).toMatch(/paused/);
    } finally {
      tryRun(['docker', 'rm', '-f', paused]);
    }
  });

  for (const access of BACKENDS) {
    describe(access, () => {
      it("the whole container (exec preset): the trojan shell has the init's capabilities, seccomp, no_new_privs and cgroups; mknod fails", async () => {
        const s = await m.open({
          container: trojan,
          kind: 'nsenter',
          namespaces: SHELL_PRESETS.exec.namespaces,
          cols: 80,
          rows: 24,
          access,
        });
        expect(s.confinement).toBe('container');
        expect(s.access).toBe(access);
        expect(s.command).toEqual(['/bin/bash']);
        const { pid, nspid } = await trojanShell(s);
        expect(readFileSync(`${root}/tmp/trojan-ran-${nspid}`, 'utf8')).toBe('ran\n');
        expect(confinementOf(pid)).toEqual(confinementOf(init));
        for (const t of NS_TYPES) expect(readlinkSync(`/proc/${pid}/ns/${t}`), t).toBe(readlinkSync(`/proc/${init}/ns/${t}`));
        expect(isBlockDevice(`${root}/tmp/trojan-dev-${nspid}`), 'the trojan made a block device').toBe(false);
      });

      it("the container's filesystem with host namespaces is refused, saying what would be missing; nothing runs", async () => {
        const before = ranMarkers().length;
        const err = await m.open({ container: trojan, kind: 'nsenter', namespaces: ['mnt'], cols: 80, rows: 24, access }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(NsInspectError);
        const e = err as NsInspectError;
        expect(e.code).toBe('unsupported');
        expect(e.message).toMatch(/cannot be confined like the container/);
        // The docker-helper's own nsenter runs with no_new_privs already: it would not be lost there.
        for (const what of ['seccomp filter', 'capability set', 'cgroups', ...(access === 'docker-helper' ? [] : ['no_new_privs'])])
          expect(e.message).toContain(what);
        expect(e.hint).toMatch(/--unconfined/);
        expect(ranMarkers().length).toBe(before);
      });

      it('opted in (unconfined): it runs, labelled UNCONFINED, and really lacks the restrictions it names', async () => {
        const s = await m.open({ container: trojan, kind: 'nsenter', namespaces: ['mnt'], unconfined: true, cols: 80, rows: 24, access });
        expect(s.confinement).toBe('unconfined');
        expect(s.missing).toEqual(expect.arrayContaining(['seccomp', 'capabilities', 'cgroup']));
        expect(s.missing.includes('no-new-privs')).toBe(access !== 'docker-helper');
        expect(describeConfinement(s)).toMatch(/^UNCONFINED: .*without its seccomp filter/);
        const { pid, nspid } = await trojanShell(s);
        const c = confinementOf(pid);
        const i = confinementOf(init);
        // Each restriction it says it lacks, it lacks; the one it keeps, it keeps.
        expect(c.Seccomp).toBe('0');
        expect(c.NoNewPrivs).toBe(s.missing.includes('no-new-privs') ? '0' : '1');
        expect(c.CapBnd).not.toBe(i.CapBnd);
        expect(c.cgroup).not.toBe(i.cgroup);
        // With the host's root (the docker-helper's nsenter has no CAP_MKNOD), the trojan succeeds:
        // what the refusal above prevents.
        if (access !== 'docker-helper') expect(isBlockDevice(`${root}/tmp/trojan-dev-${nspid}`)).toBe(true);
      });

      it("network only: the host's program as root, labelled so, in the container's network", async () => {
        const pid = containerPid(FIXTURES.a);
        // The host's sh: the host's bash would run root's dotfiles, whose start-up is not this test's.
        const s = await m.open({
          container: FIXTURES.a,
          kind: 'nsenter',
          namespaces: ['net'],
          command: ['sh'],
          cols: 80,
          rows: 24,
          access,
        });
        expect(s.confinement).toBe('host-root');
        expect(describeConfinement(s)).toBe("root shell on the host, inside the container's network");
        // Not in the container's PID namespace: $$ is the host's PID.
        const shell = await shellPid(s);
        expect(readlinkSync(`/proc/${shell}/ns/net`)).toBe(readlinkSync(`/proc/${pid}/ns/net`));
        expect(readlinkSync(`/proc/${shell}/ns/mnt`)).toBe(readlinkSync(`/proc/2/ns/mnt`));
      });

      it('all of them: the whole container, and the ones shared with the host are said, not dropped', async () => {
        const pid = containerPid(FIXTURES.a);
        const s = await m.open({
          container: FIXTURES.a,
          kind: 'nsenter',
          namespaces: SHELL_PRESETS.all.namespaces,
          command: ['true'],
          cols: 80,
          rows: 24,
          access,
        });
        expect(s.confinement).toBe('container');
        const shared = NS_TYPES.filter((t) => nsInode(pid, t) === host(t));
        expect(s.namespaces).toEqual(NS_TYPES.filter((t) => !shared.includes(t)));
        expect(s.notEntered).toEqual(shared.map((type) => ({ type, why: 'shared-with-host' })));
        expect(await col.end(s.id)).toEqual({ reason: 'exited', code: 0, signal: null });
      });
    });
  }
});
