import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { run, tryRun } from './sh.js';
import { installLockHolder, sleepSync } from './install-lock.js';

const PREFIX = 'nsiap';

export interface SudoUser {
  name: string;
  uid: number;
  gid: number;
  password: string;
  dropIn: string;
  /** argv prefix that runs a program as this user (no shell): setpriv with its uid, gid, no groups. */
  as: string[];
  remove(): void;
}

/** Why the sudo tests cannot run here, or null. */
export function sudoUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: the test creates a user and a sudoers drop-in';
  for (const p of ['/usr/bin/sudo', '/usr/sbin/visudo', '/usr/sbin/useradd', '/usr/sbin/chpasswd', '/usr/bin/setpriv']) {
    if (!existsSync(p)) return `${p} is missing (apt-get install sudo)`;
  }
  if (!existsSync('/etc/sudoers.d')) return '/etc/sudoers.d is missing';
  return null;
}

function processesOf(uid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (statSync(`/proc/${p}`).uid === uid) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

function removeUser(name: string, dropIn: string): void {
  rmSync(dropIn, { force: true });
  const uid = Number(tryRun(['id', '-u', name]).stdout.trim());
  if (uid > 0) for (const p of processesOf(uid)) tryRun(['kill', '-KILL', String(p)]);
  tryRun(['userdel', name]); // also its group and its password (shadow entry)
  tryRun(['groupdel', name]);
}

const dropInOf = (name: string) => `/etc/sudoers.d/nsinspect-test-${name}`;

/** Users (and drop-ins) left by test processes that died without cleaning up. */
export function sweepStaleSudoUsers(): void {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const m = new RegExp(`^(${PREFIX}(\\d+)):`).exec(line);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[2]), 0);
    } catch {
      alive = false;
    }
    if (!alive) removeUser(m[1]!, dropInOf(m[1]!));
  }
}

/**
 * A throwaway user with a random password and a sudoers drop-in (validated with visudo -cf)
 * that lets it run exactly the given commands as root, asking its own password every time
 * (timestamp_timeout=0). remove() takes user, group, password and drop-in away again; it
 * also runs when this process exits, in case a test failed before its afterAll.
 */
export function createSudoUser(commands: string[][]): SudoUser {
  sweepStaleSudoUsers();
  const name = `${PREFIX}${process.pid}`;
  const dropIn = dropInOf(name);
  removeUser(name, dropIn);
  const password = `pw-${randomBytes(12).toString('hex')}`;
  // test/install installs the host helper for real: while it does, this user's client would pick
  // pkexec instead of sudo. Wait for it; if it took its lock meanwhile, back off (it waits for us).
  for (const until = Date.now() + 120_000; installLockHolder() !== null; sleepSync(250)) {
    if (Date.now() > until) throw new Error(`the install-path test (pid ${installLockHolder()}) holds the install lock for too long`);
  }
  run(['useradd', '-M', '-U', '-s', '/usr/sbin/nologin', name]);
  if (installLockHolder() !== null) {
    removeUser(name, dropIn);
    return createSudoUser(commands);
  }
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    removeUser(name, dropIn);
  };
  process.once('exit', remove);
  try {
    run(['chpasswd'], `${name}:${password}\n`);
    for (const c of commands) {
      if (c.some((a) => !/^[A-Za-z0-9_./=+-]+$/.test(a))) throw new Error(`not a plain sudoers command: ${c.join(' ')}`);
    }
    const text =
      `# nsinspect test (pid ${process.pid}): removed when the test ends\n` +
      `Defaults:${name} lecture=never, timestamp_timeout=0, !syslog\n` +
      commands.map((c) => `${name} ALL=(root) ${c.join(' ')}\n`).join('');
    const tmp = `/etc/sudoers.d/.nsinspect-test-${name}.tmp`; // dotted names are ignored by sudo
    writeFileSync(tmp, text, { mode: 0o440 });
    const check = tryRun(['visudo', '-cf', tmp]);
    if (check.code !== 0) {
      rmSync(tmp, { force: true });
      throw new Error(`visudo rejects the drop-in: ${check.stdout}${check.stderr}`);
    }
    run(['mv', tmp, dropIn]);
    const uid = Number(run(['id', '-u', name]).trim());
    const gid = Number(run(['id', '-g', name]).trim());
    return {
      name,
      uid,
      gid,
      password,
      dropIn,
      as: ['/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'],
      remove,
    };
  } catch (e) {
    remove();
    throw e;
  }
}

/** PIDs whose command line contains s (e.g. a helper script's path). */
export function processesWith(s: string): string[] {
  const out: string[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(s)) out.push(`${p}: ${cmd}`);
    } catch {
      /* gone */
    }
  }
  return out;
}
