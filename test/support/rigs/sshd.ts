import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { run, tryRun } from '../sh.js';

/**
 * An SSH "remote host" on this machine: Debian's sshd on a free loopback port with its own
 * config and a host key made here, a remote user (nsirem1-PID, in the docker group) whose key is
 * made here, and a local user (nsirem0-PID) whose real home holds ~/.ssh (key, known_hosts, config)
 * and ~/.docker/contexts, since OpenSSH takes the home from passwd, not $HOME. The CLI runs as
 * nsirem0-PID through the context; everything is removed by stop(), also at exit.
 */

// Named after this process, so that runs side by side each have their own; .ci/run removes the
// users of processes that are gone.
export const REMOTE_USER = `nsirem1-${process.pid}`;
export const LOCAL_USER = `nsirem0-${process.pid}`;
export const CONTEXT = 'nsi-rem-ssh';
export const ALIAS = 'nsi-rem-alias';

export interface SshRig {
  dir: string;
  port: number;
  url: string;
  /** The local user's home, uid and gid. */
  home: string;
  uid: number;
  gid: number;
  /** argv prefix that runs a program as the local user, with its HOME. */
  as: string[];
  /** The sshd's own process. */
  sshd: ChildProcess;
  /** Where the local user's ssh master sockets are (nsinspect's control directory for that user). */
  controlDir: string;
  /** The line the local user's known_hosts holds for the rig. */
  knownHostsLine: string;
  /** What sshd logged (for failure messages). */
  log(): string;
  stop(): void;
}

/** Why the rig cannot run here, or null. */
export function sshRigUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: the rig starts sshd and creates users';
  for (const p of ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/sbin/useradd', '/usr/bin/setpriv'])
    if (!existsSync(p)) return `${p} is missing (apt-get install openssh-server openssh-client)`;
  if (tryRun(['getent', 'group', 'docker']).code !== 0) return 'there is no docker group';
  return null;
}

export async function freePort(lo = 22000, hi = 22999): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = lo + Math.floor(Math.random() * (hi - lo));
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free loopback port');
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

export function removeUser(name: string): void {
  const uid = Number(tryRun(['id', '-u', name]).stdout.trim());
  if (uid > 0) for (const p of processesOf(uid)) tryRun(['kill', '-KILL', String(p)]);
  tryRun(['userdel', name]);
  tryRun(['groupdel', name]);
}

/** The processes of the local user's ssh master connections (nsinspect starts them with ControlMaster=yes). */
export function masterPids(uid: number, controlSocket = ''): number[] {
  return processesOf(uid).filter((p) => {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      return /ControlMaster=yes|\[mux\]/.test(cmd) && cmd.includes(controlSocket);
    } catch {
      return false;
    }
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

export async function startSshRig(): Promise<SshRig> {
  const dir = `/tmp/nsi-rem-${process.pid}`;
  const cleanup: Array<() => void> = [];
  const stop = () => {
    for (const f of cleanup.splice(0).reverse()) {
      try {
        f();
      } catch {
        /* the rest still runs */
      }
    }
  };
  process.once('exit', stop);
  try {
    removeUser(REMOTE_USER);
    removeUser(LOCAL_USER);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { mode: 0o755 });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const home0 = join(dir, 'home0');
    const home1 = join(dir, 'home1');
    cleanup.push(() => removeUser(REMOTE_USER));
    cleanup.push(() => removeUser(LOCAL_USER));
    run(['useradd', '-m', '-d', home1, '-s', '/bin/sh', '-G', 'docker', REMOTE_USER]);
    run(['useradd', '-m', '-d', home0, '-s', '/bin/sh', LOCAL_USER]);
    // '*': no password, but not a locked account (sshd without PAM refuses locked ones).
    run(['usermod', '-p', '*', REMOTE_USER]);
    const uid = Number(run(['id', '-u', LOCAL_USER]).trim());
    const gid = Number(run(['id', '-g', LOCAL_USER]).trim());
    const controlDir = `/tmp/nsinspect-ssh-${uid}`;
    cleanup.push(() => rmSync(controlDir, { recursive: true, force: true }));

    // The host key, and the remote user's authorised key: both made by the test.
    run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'nsi-rem-host', '-f', join(dir, 'hostkey')]);
    const ssh0 = join(home0, '.ssh');
    mkdirSync(ssh0, { mode: 0o700 });
    run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'nsi-rem-client', '-f', join(ssh0, 'id_ed25519')]);
    mkdirSync(join(dir, 'authorized_keys'), { mode: 0o755 });
    writeFileSync(join(dir, 'authorized_keys', REMOTE_USER), readFileSync(join(ssh0, 'id_ed25519.pub')), { mode: 0o644 });

    const port = await freePort();
    const hostPub = readFileSync(join(dir, 'hostkey.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
    const knownHostsLine = `[127.0.0.1]:${port} ${hostPub}`;
    writeFileSync(join(ssh0, 'known_hosts'), `${knownHostsLine}\n`, { mode: 0o600 });
    // An alias, as users write them: the endpoint ssh://nsi-rem-alias reaches the rig through it.
    writeFileSync(
      join(ssh0, 'config'),
      `Host ${ALIAS}\n  HostName 127.0.0.1\n  Port ${port}\n  User ${REMOTE_USER}\n  IdentityFile ~/.ssh/id_ed25519\n`,
      { mode: 0o600 },
    );
    const url = `ssh://${REMOTE_USER}@127.0.0.1:${port}`;
    writeContext(join(home0, '.docker'), CONTEXT, url);
    run(['chown', '-R', `${uid}:${gid}`, home0]);

    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'hostkey')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'UsePAM no',
        // The rig lives under /tmp (mode 1777), which StrictModes would refuse.
        'StrictModes no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        `AuthorizedKeysFile ${join(dir, 'authorized_keys', '%u')}`,
        `AllowUsers ${REMOTE_USER}`,
        'PermitRootLogin no',
        'X11Forwarding no',
        'AllowTcpForwarding no',
        'AllowAgentForwarding no',
        'MaxSessions 32',
        'MaxStartups 50',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    run(['/usr/sbin/sshd', '-t', '-f', config]);
    // Its log goes to a file: a pipe that the test stops reading while it waits for a CLI run
    // (spawnSync) fills up, and sshd then blocks on its next log line.
    const logFile = join(dir, 'sshd.log');
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', logFile], { stdio: 'ignore' });
    const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    cleanup.push(() => {
      if (sshd.exitCode === null) sshd.kill('SIGTERM');
    });
    await waitForPort(port, 5000).catch((e: Error) => {
      throw new Error(`${e.message}\n${log()}`);
    });
    const as = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', 'env', `HOME=${home0}`, `USER=${LOCAL_USER}`];
    return { dir, port, url, home: home0, uid, gid, as, sshd, controlDir, knownHostsLine, log, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

/** A context as `docker context create NAME --docker host=URL` writes it (meta.json under sha256(NAME)). */
export function writeContext(configDir: string, name: string, host: string, extra: Record<string, unknown> = {}): string {
  const id = createHash('sha256').update(name).digest('hex');
  const metaDir = join(configDir, 'contexts', 'meta', id);
  mkdirSync(metaDir, { recursive: true });
  writeFileSync(
    join(metaDir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: 'nsinspect test rig' },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false, ...extra } },
    }),
  );
  return id;
}
