import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chownSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { run, tryRun } from '../sh.js';

/**
 * A throwaway login user for the engine rigs, named nsieng<owner pid>, with its own home,
 * subordinate uid/gid ranges (for a rootless engine's user namespace) and XDG_RUNTIME_DIR at
 * /run/user/UID, made here since no login manager runs. remove() takes it all away again,
 * processes first (its own and those running as its subordinate ids); it also runs when this
 * process exits, and rigs of dead owners are swept before a new one is made.
 */
export interface RigUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
  runtimeDir: string;
  /** The first subordinate uid and gid, and how many. */
  sub: { start: number; count: number };
  env: Record<string, string>;
  /** Runs argv as this user (no shell), with its environment plus extra. */
  as(
    argv: string[],
    opts?: { env?: Record<string, string>; input?: string; timeoutMs?: number },
  ): { code: number; stdout: string; stderr: string };
  remove(): void;
}

const PREFIX = 'nsieng';
const SUB_COUNT = 65536;
const SUB_FILES = ['/etc/subuid', '/etc/subgid'];

export function rigUserUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: the rig creates a user';
  for (const p of ['/usr/sbin/useradd', '/usr/sbin/userdel', '/usr/bin/setpriv', '/usr/bin/newuidmap', '/usr/bin/newgidmap']) {
    if (!existsSync(p)) return `${p} is missing (apt-get install passwd util-linux uidmap)`;
  }
  return null;
}

function processesOf(uids: (uid: number) => boolean): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      if (uids(statSync(`/proc/${p}`).uid)) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

function subRange(name: string): { start: number; count: number } | null {
  for (const line of readFileSync('/etc/subuid', 'utf8').split('\n')) {
    const [n, start, count] = line.split(':');
    if (n === name) return { start: Number(start), count: Number(count) };
  }
  return null;
}

function dropSubLines(name: string): void {
  for (const f of SUB_FILES) {
    if (!existsSync(f)) continue;
    const kept = readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith(`${name}:`));
    writeFileSync(f, kept.length ? `${kept.join('\n')}\n` : '');
  }
}

function removeRigUser(name: string): void {
  const uid = Number(tryRun(['id', '-u', name]).stdout.trim());
  const sub = subRange(name);
  if (uid > 0) {
    const ours = (u: number) => u === uid || (sub !== null && u >= sub.start && u < sub.start + sub.count);
    // Twice: a dying engine may fork once more (conmon's cleanup) before it goes.
    for (let i = 0; i < 2; i++) for (const p of processesOf(ours)) tryRun(['kill', '-KILL', String(p)]);
    rmSync(`/run/user/${uid}`, { recursive: true, force: true });
  }
  dropSubLines(name);
  tryRun(['userdel', '-r', '-f', name]); // home, mail spool, group
  tryRun(['groupdel', name]);
}

/** Rig users whose owning process is gone (a run that was killed). */
export function sweepStaleRigUsers(): void {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const m = new RegExp(`^(${PREFIX}(\\d+)):`).exec(line);
    if (m && !existsSync(`/proc/${m[2]}`)) removeRigUser(m[1]!);
  }
}

/** A free subordinate range: above every range already given out. */
function freeSubStart(): number {
  let top = 1_000_000;
  for (const f of SUB_FILES) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const [, start, count] = line.split(':');
      if (start && count) top = Math.max(top, Number(start) + Number(count));
    }
  }
  return top;
}

export function createRigUser(tag = ''): RigUser {
  sweepStaleRigUsers();
  const name = `${PREFIX}${process.pid}${tag}`;
  removeRigUser(name);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    removeRigUser(name);
  };
  process.once('exit', remove);
  try {
    run(['useradd', '-m', '-U', '-s', '/bin/sh', name]);
    const uid = Number(run(['id', '-u', name]).trim());
    const gid = Number(run(['id', '-g', name]).trim());
    const start = freeSubStart();
    for (const f of SUB_FILES) writeFileSync(f, `${name}:${start}:${SUB_COUNT}\n`, { flag: 'a' });
    const home = `/home/${name}`;
    const runtimeDir = `/run/user/${uid}`;
    mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
    chownSync(runtimeDir, uid, gid);
    const env = {
      HOME: home,
      USER: name,
      LOGNAME: name,
      XDG_RUNTIME_DIR: runtimeDir,
      PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    };
    const as: RigUser['as'] = (argv, opts = {}) => {
      const r = spawnSync('/usr/bin/setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--', ...argv], {
        encoding: 'utf8',
        cwd: home,
        env: { ...env, ...opts.env },
        input: opts.input ?? '',
        timeout: opts.timeoutMs ?? 60_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 << 20,
      });
      return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
    };
    return { name, uid, gid, home, runtimeDir, sub: { start, count: SUB_COUNT }, env, as, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
