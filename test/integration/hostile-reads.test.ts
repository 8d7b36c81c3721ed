// Hostile containers, each built here from the rig's busybox image, against every backend: the
// probe's reads must stay inside the container's root, take only bounded regular files, and
// never wait on what the container put in their way. Outcomes are checked against the host's
// own files (readFileSync, stat, readdir), `docker inspect` and the container's view
// (`docker exec cat`), never against the code's own output.
//
// Never `docker exec` into the FIFO container: runc itself reads the container's /etc/passwd
// to set up an exec, and would block on the FIFO.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isFailed, type AccessKind, type Inspection, type Section } from '../../shared/model/index.js';
import type { ProbeAccess } from '../../electron/core/access/access.js';
import { actLocal } from '../../electron/core/access/bounded-fs.js';
import { DockerHelperAccess } from '../../electron/core/access/docker-helper.js';
import { HostHelperAccess } from '../../electron/core/access/host-helper/client.js';
import type { Actor } from '../../electron/core/access/inroot.js';
import { Backends, createAccess } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { NsInspectService } from '../../electron/core/service.js';
import { describeWithEngine } from '../support/engine.js';
import { FIXTURES, IMAGE } from '../support/fixtures.js';
import { containerPid, docker, run, tryRun } from '../support/sh.js';
import { buildHelper, OWN_LABEL, sweepOwn } from '../shell/rig.js';

const KINDS: AccessKind[] = ['direct', 'docker-helper', 'host-helper'];
const BIN = new URL('../../bin/nsinspect.js', import.meta.url).pathname;
const ESC_ARG = '\x1b]0;pwned-title\x07\x1b[2J';
const ESC_COMM = '\x1b]0;pwned\x07';

const name = (k: string) => `nsi-hostile-${k}-${process.pid}`;
/** Each container's setup, run as its main process before it sleeps. */
const HOSTILE: Record<string, { flags?: string[]; setup: string; argv0?: string }> = {
  // The container's own /etc/shadow exists: the link must lead to it, not to the host's.
  // Plus `..` past the root (the kernel climbs out of /proc/PID/root) and a link loop.
  link: {
    setup:
      "rm /etc/passwd; printf 'croot:x:0:0:container:/root:/bin/sh\\n' > /etc/shadow; ln -s /etc/shadow /etc/passwd; ln -s ../../../../../../etc/shadow /up; ln -s /loop /loop",
  },
  // No /etc/shadow in the container: the read must fail, not fall through to the host's.
  dangling: { setup: 'rm /etc/passwd; ln -s /etc/shadow /etc/passwd' },
  // A link target whose name has a space, a glob, a newline and a leading dash.
  odd: { setup: `n="$(printf '/etc/a b*\\n-c')"; printf 'oddroot:x:0:0::/:/bin/sh\\n' > "$n"; rm /etc/passwd; ln -s "$n" /etc/passwd` },
  lnk: { setup: "ln -s /root /lnk; printf 'container bashrc\\n' > /root/.bashrc" },
  fifo: { setup: 'rm /etc/passwd; mkfifo /etc/passwd' },
  mq: {
    flags: ['--cap-add', 'SYS_ADMIN', '--security-opt', 'apparmor=unconfined'],
    setup: 'umount /dev/mqueue && rmdir /dev/mqueue && ln -s /root /dev/mqueue && touch /root/container-only',
  },
  big: { setup: "dd if=/dev/zero bs=1024 count=1100 2>/dev/null | tr '\\0' 'x' > /etc/passwd" },
  esc: { setup: `printf '\\033]0;pwned\\007' > /proc/$$/comm`, argv0: ESC_ARG },
};

function cli(...args: string[]) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t };
}

function ok<T>(s: Section<T>): T {
  if (isFailed(s)) throw new Error(`section failed: ${s.error.message}`);
  return s;
}

/** Rejects when p takes longer than ms: a read that blocks must fail the test, not hang it. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(t));
}

describeWithEngine('reads never leave a hostile container', () => {
  let helper: ReturnType<typeof buildHelper>;
  const pid: Record<string, number> = {};
  const svcs = new Map<AccessKind, NsInspectService>();
  let backends: Backends;

  beforeAll(async () => {
    sweepOwn();
    helper = buildHelper();
    process.env.NSINSPECT_HOST_HELPER_SCRIPT = helper.script;
    for (const [k, h] of Object.entries(HOSTILE)) {
      tryRun(['docker', 'rm', '-f', name(k)]);
      docker(
        'run',
        '-d',
        '--name',
        name(k),
        '--label',
        OWN_LABEL,
        ...(h.flags ?? []),
        IMAGE,
        'sh',
        '-c',
        `${h.setup}; echo ready; sleep 1000000; :`,
        h.argv0 ?? 'sh',
      );
    }
    for (const k of Object.keys(HOSTILE)) {
      for (let i = 0; i < 100 && !docker('logs', name(k)).includes('ready'); i++) run(['sleep', '0.1']);
      expect(docker('logs', name(k)), k).toContain('ready');
      pid[k] = containerPid(name(k));
    }
    const engine = new Engine();
    backends = new Backends(engine, IMAGE);
    for (const kind of KINDS) svcs.set(kind, new NsInspectService(engine, await createAccess({ kind, engine, helperImage: IMAGE })));
    await engine.start();
  });

  afterAll(async () => {
    tryRun(['docker', 'rm', '-f', ...Object.keys(HOSTILE).map(name)]);
    for (const s of svcs.values()) await s.close().catch(() => undefined);
    await backends?.close().catch(() => undefined);
    helper?.cleanup();
  });

  const access = (kind: AccessKind): ProbeAccess => svcs.get(kind)!.access;

  for (const kind of KINDS) {
    it(`${kind}: /etc/passwd -> /etc/shadow yields the container's /etc/shadow, never the host's`, async () => {
      const hostShadow = readFileSync('/etc/shadow', 'utf8');
      const inContainer = docker('exec', name('link'), 'cat', '/etc/passwd');
      const [r] = await access(kind).readFiles([`/proc/${pid.link}/root/etc/passwd`]);
      expect(r?.ok && r.value.trim()).toBe(inContainer);
      expect(r?.ok && r.value).not.toBe(hostShadow);
      const i = await svcs.get(kind)!.inspect(name('link'));
      expect(ok(i.pid).processes.find((p) => p.hostPid === pid.link)?.user).toBe('croot');

      const [up, loop] = await access(kind).readFiles([`/proc/${pid.link}/root/up`, `/proc/${pid.link}/root/loop`]);
      if (kind === 'host-helper') {
        // Its read policy names only passwd and group inside a root.
        expect([up?.ok, loop?.ok]).toEqual([false, false]);
      } else {
        expect(up?.ok && up.value.trim()).toBe(docker('exec', name('link'), 'cat', '/up'));
        expect(tryRun(['docker', 'exec', name('link'), 'cat', '/loop']).code).not.toBe(0);
        expect(!loop?.ok && loop?.error.message).toMatch(/too many levels of symbolic links/);
      }

      const [o] = await access(kind).readFiles([`/proc/${pid.odd}/root/etc/passwd`]);
      expect(o?.ok && o.value).toBe(`${docker('exec', name('odd'), 'cat', '/etc/passwd')}\n`);
      expect(docker('exec', name('odd'), 'readlink', '/etc/passwd')).toBe('/etc/a b*\n-c');

      const [d] = await access(kind).readFiles([`/proc/${pid.dangling}/root/etc/passwd`]);
      expect(d?.ok).toBe(false);
      expect(!d?.ok && d?.error.message).toMatch(/\/etc\/shadow.*does not exist/);
      const j = await svcs.get(kind)!.inspect(name('dangling'));
      // uid 0 named from the host's shadow would read "root".
      expect(ok(j.pid).processes.find((p) => p.hostPid === pid.dangling)?.user).toBe('0');
    });

    it(`${kind}: where /lnk/.bashrc with /lnk -> /root is the container's /root/.bashrc`, async () => {
      const svc = svcs.get(kind)!;
      const upper = docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', name('lnk'));
      const loc = await svc.where(name('lnk'), '/lnk/.bashrc');
      expect(loc.path).toBe('/root/.bashrc');
      expect(loc.exists).toBe(true);
      if (kind !== 'docker-helper') {
        // The helper container has no view of the host's layer directories (see docs).
        expect(loc.layer).toBe('upper');
        expect(loc.hostPath).toBe(`${upper}/root/.bashrc`);
      }
      if (loc.hostPath) {
        expect(statSync(loc.hostPath).ino).not.toBe(statSync('/root/.bashrc').ino);
        expect(readFileSync(loc.hostPath, 'utf8')).toBe('container bashrc\n');
      }
      // The host has /root/.profile, the container does not.
      expect(existsSync('/root/.profile')).toBe(true);
      const prof = await svc.where(name('lnk'), '/lnk/.profile');
      expect(prof.path).toBe('/root/.profile');
      expect(prof.exists).toBe(false);
      expect(prof.layer).not.toBe('upper');
      if (prof.hostPath) expect(prof.hostPath.startsWith('/root/')).toBe(false);
      const [st] = await access(kind).stat([`/proc/${pid.lnk}/root/lnk/.bashrc`]);
      expect(st?.ok && st.value.ino).toBe(Number(docker('exec', name('lnk'), 'stat', '-c', '%i', '/root/.bashrc')));
    });

    it(`${kind}: a FIFO at /etc/passwd is reported, and an inspection of another container meanwhile is not held up`, async () => {
      // The host's own stat (it does not open the file): the container really has a FIFO there.
      expect(run(['stat', '-c', '%F', `/proc/${pid.fifo}/root/etc/passwd`]).trim()).toBe('fifo');
      const svc = svcs.get(kind)!;
      const t0 = Date.now();
      const [f, a] = await within(Promise.all([svc.inspect(name('fifo')), svc.inspect(FIXTURES.a)]), 30_000, 'inspect');
      expect(Date.now() - t0).toBeLessThan(30_000);
      const pidSec = ok(f.pid);
      expect(pidSec.usersError?.message).toMatch(/FIFO/);
      expect(pidSec.processes.find((p) => p.hostPid === pid.fifo)?.user).toBe('0');
      expect(ok(a.pid).processes.length).toBeGreaterThan(0);
      expect(a.elapsedMs).toBeLessThan(20_000);
    });

    it(`${kind}: /dev/mqueue as a link to /root lists the container's /root, not the host's`, async () => {
      const i: Inspection = await svcs.get(kind)!.inspect(name('mq'));
      const ipc = ok(i.ipc);
      expect(ipc.mqueue.map((q) => q.name)).toEqual(docker('exec', name('mq'), 'ls', '-A', '/dev/mqueue/').split('\n').filter(Boolean));
      expect(ipc.mqueue.map((q) => q.name)).toEqual(['container-only']);
      expect(readdirSync('/root')).not.toContain('container-only');
    });

    it(`${kind}: a /etc/passwd over the cap is refused, not read`, async () => {
      // The host's stat of the container's file, through its real /etc directory.
      expect(Number(run(['stat', '-c', '%s', `/proc/${pid.big}/root/etc/passwd`]))).toBeGreaterThan(1 << 20);
      const [r] = await access(kind).readFiles([`/proc/${pid.big}/root/etc/passwd`]);
      expect(!r?.ok && r?.error.message).toMatch(/larger than 1 MiB/);
      const i = await svcs.get(kind)!.inspect(name('big'));
      expect(ok(i.pid).usersError?.message).toMatch(/larger than 1 MiB/);
    });
  }

  it("a directory swapped for a link to /etc while being read never yields the host's /etc/shadow", async () => {
    const racer = name('racer');
    const hostShadow = readFileSync('/etc/shadow', 'utf8');
    // /d flips between a directory holding "shadow" and a link to /etc (the kernel resolves an
    // absolute link under /proc/PID/root from the reader's root: the host's /etc/shadow).
    const loop =
      "mkdir /d; printf 'container\\n' > /d/shadow; echo ready; timeout 60 sh -c 'while :; do mv /d /dd; ln -s /etc /d; rm /d; mv /dd /d; done'; sleep 1000000";
    docker('run', '-d', '--name', racer, '--label', OWN_LABEL, IMAGE, 'sh', '-c', loop);
    try {
      for (let i = 0; i < 100 && !docker('logs', racer).includes('ready'); i++) run(['sleep', '0.1']);
      const p = `/proc/${containerPid(racer)}/root/d/shadow`;
      for (const kind of KINDS) {
        const got = await access(kind).readFiles(Array.from({ length: kind === 'docker-helper' ? 150 : 400 }, () => p));
        const values = got.filter((r) => r.ok).map((r) => (r.ok ? r.value : ''));
        expect(
          values.filter((v) => v !== 'container\n'),
          kind,
        ).toEqual([]);
        expect(values, kind).not.toContain(hostShadow);
        // The race really ran: some reads met the link (no /etc/shadow in the container) or a swap.
        expect(
          got.some((r) => !r.ok),
          kind,
        ).toBe(true);
      }
    } finally {
      tryRun(['docker', 'rm', '-f', racer]);
    }
  });

  it('a walk fooled by a swap (a dir that was a link to /etc meanwhile) is refused when re-opened', async () => {
    // The walk's lookups are path-based: had /d been a link to /etc while /d/shadow was looked
    // up, the walk would carry the host /etc/shadow's inode. Re-opening component by component
    // from descriptors must refuse that, whatever /d is by then.
    const c = name('swap');
    docker(
      'run',
      '-d',
      '--name',
      c,
      '--label',
      OWN_LABEL,
      IMAGE,
      'sh',
      '-c',
      "mkdir /d; printf 'container\\n' > /d/shadow; echo ready; sleep 1000000",
    );
    try {
      for (let i = 0; i < 100 && !docker('logs', c).includes('ready'); i++) run(['sleep', '0.1']);
      const root = `/proc/${containerPid(c)}/root`;
      const st = (p: string) => statSync(p);
      const d = st(`${root}/d`);
      const own = st(`${root}/d/shadow`);
      const host = st('/etc/shadow');
      const hostShadow = readFileSync('/etc/shadow', 'utf8');
      const entry = { type: 'file' as const, size: host.size, mode: host.mode, uid: 0, rdev: 0, dev: host.dev, ino: host.ino };
      const fooled = {
        root,
        inner: '/d/shadow',
        entry,
        steps: [
          { name: 'd', dev: d.dev, ino: d.ino },
          { name: 'shadow', dev: host.dev, ino: host.ino },
        ],
      };
      const honest = {
        ...fooled,
        entry: { ...entry, dev: own.dev, ino: own.ino },
        steps: [fooled.steps[0]!, { name: 'shadow', dev: own.dev, ino: own.ino }],
      };
      const dh = new DockerHelperAccess(await backends.dockerHelper());
      const actors: Array<[string, Actor]> = [
        ['direct', actLocal],
        ['docker-helper', (dh as unknown as { act: Actor }).act],
      ];
      for (const [kind, act] of actors) {
        const [good] = await act([{ r: honest, act: 'read', cap: 1 << 20 }]);
        expect(good?.ok && good.value, kind).toBe('container\n');
        docker('exec', c, 'sh', '-c', 'mv /d /dd; ln -s /etc /d');
        const [asLink] = await act([{ r: fooled, act: 'read', cap: 1 << 20 }]);
        docker('exec', c, 'sh', '-c', 'rm /d; mv /dd /d');
        const [asDir] = await act([{ r: fooled, act: 'read', cap: 1 << 20 }]);
        for (const r of [asLink, asDir]) {
          expect(r?.ok, kind).toBe(false);
          expect(r?.ok && r.value, kind).not.toBe(hostShadow);
        }
      }
    } finally {
      tryRun(['docker', 'rm', '-f', c]);
    }
  });

  it('direct: a host file that is a FIFO is refused at once, whether named directly or through a root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsi-fifo-'));
    try {
      const fifo = join(dir, 'passwd');
      run(['mkfifo', fifo]);
      expect(run(['stat', '-c', '%F', fifo]).trim()).toBe('fifo');
      const t0 = Date.now();
      const got = await within(access('direct').readFiles([fifo, `/proc/${process.pid}/root${fifo}`]), 10_000, 'readFiles');
      expect(Date.now() - t0).toBeLessThan(5_000);
      for (const r of got) expect(!r.ok && r.error.message).toMatch(/regular file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('host-helper: a process root is read only for a container the helper verified itself', async () => {
    const client = await backends.hostHelper();
    const path = `/proc/${pid.link}/root/etc/passwd`;
    const [none] = await new HostHelperAccess(client, () => undefined, false).readFiles([path]);
    expect(!none?.ok && none?.error.message).toMatch(/not a container's main process/);
    const [wrong] = await new HostHelperAccess(client, () => name('lnk'), false).readFiles([path]);
    expect(!wrong?.ok && wrong?.error.code).toBe('gone');
    const [right] = await new HostHelperAccess(client, () => name('link'), false).readFiles([path]);
    expect(right?.ok && right.value.trim()).toBe(docker('exec', name('link'), 'cat', '/etc/passwd'));
  });

  it('CLI: inspect of the FIFO container ends in time; where answers for the container path', () => {
    const r = cli('inspect', name('fifo'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.stdout).toMatch(/user names unknown: .*FIFO/);
    const w = cli('where', name('lnk'), '/lnk/.bashrc');
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toContain(`${docker('inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', name('lnk'))}/root/.bashrc`);
  });

  it('CLI: escape sequences from a command line and a comm are shown escaped; --json keeps them exact', () => {
    const cmdline = readFileSync(`/proc/${pid.esc}/cmdline`, 'utf8');
    expect(cmdline).toContain(ESC_ARG);
    const comm = readFileSync(`/proc/${pid.esc}/comm`, 'utf8').replace(/\n$/, '');
    expect(comm).toBe(ESC_COMM);

    const human = cli('inspect', name('esc'));
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(human.stdout).toContain('\\e]0;pwned-title\\x07\\e[2J');
    const json = JSON.parse(cli('inspect', name('esc'), '--json').stdout) as Inspection;
    const me = ok(json.pid).processes.find((p) => p.hostPid === pid.esc)!;
    expect(me.command).toBe(cmdline.split('\0').filter(Boolean).join(' '));
    expect(me.comm).toBe(comm);

    const map = cli('map');
    expect(map.code, map.stderr).toBe(0);
    expect(map.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(map.stdout).toContain('\\e]0;pwned\\x07');
    const mapJson = JSON.parse(cli('map', '--json').stdout) as { namespaces: Array<{ pid: number; command: string }> };
    expect(mapJson.namespaces.find((n) => n.pid === pid.esc)?.command).toBe(comm);
  });

  it('no descriptor of a hostile file is left open in this process after all of the above', () => {
    const open = readdirSync(`/proc/${process.pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${process.pid}/fd/${fd}`);
      } catch {
        return '';
      }
    });
    expect(open.filter((l) => /\/etc\/(passwd|shadow)|\/dev\/mqueue|\/root/.test(l))).toEqual([]);
  });
});
