import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * While test/install installs the host helper for real (/usr/lib/nsinspect, the polkit policy),
 * every unprivileged process on the machine sees "the deb is installed": the app's client then
 * starts the helper with pkexec instead of sudo. The tests whose throwaway users drive sudo
 * (createSudoUser in sudo-user.ts) must not run during that window, and the install must not
 * happen while they run. This lock file, owned by a PID, keeps them apart; a lock or a user of a
 * dead owner is ignored.
 */
export const INSTALL_LOCK = '/run/nsinspect-test-install.lock';
/** createSudoUser's users are named PREFIX + the owning PID. */
const SUDO_USER = /^nsiap(\d+):/;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The PID of a live process holding the install lock (not this one), or null. */
export function installLockHolder(): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(INSTALL_LOCK, 'utf8').trim());
  } catch {
    return null;
  }
  if (pid === process.pid) return null;
  return pid > 0 && alive(pid) ? pid : null;
}

/** Live throwaway sudo users (their owner process still runs). */
export function liveSudoUsers(): string[] {
  return readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .filter((l) => {
      const m = SUDO_USER.exec(l);
      return m && alive(Number(m[1]));
    })
    .map((l) => l.split(':')[0]!);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sleeps without an event loop (createSudoUser is synchronous). */
export const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock, then waits until no sudo test's user is alive (they back off when they see
 * the lock after creating their user, so this cannot deadlock). Throws after timeoutMs.
 */
export async function acquireInstallLock(timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(INSTALL_LOCK, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (installLockHolder() === null)
        rmSync(INSTALL_LOCK, { force: true }); // stale
      else if (Date.now() > until) throw new Error(`${INSTALL_LOCK} is held by pid ${installLockHolder()}`, { cause: e });
      else await sleep(250);
    }
  }
  while (liveSudoUsers().length) {
    if (Date.now() > until) {
      releaseInstallLock();
      throw new Error(`sudo tests still running (users ${liveSudoUsers().join(', ')})`);
    }
    await sleep(250);
  }
}

export function releaseInstallLock(): void {
  try {
    if (Number(readFileSync(INSTALL_LOCK, 'utf8').trim()) === process.pid) rmSync(INSTALL_LOCK, { force: true });
  } catch {
    /* not ours, or gone */
  }
}
