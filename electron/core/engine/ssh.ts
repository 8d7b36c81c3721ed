import type { ChildProcess } from 'node:child_process';
import { childProcess, crypto, http } from '../lazy-builtins.js';
import { lstatSync, mkdirSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { fail, type NsInspectError } from '../errors.js';

/**
 * ssh://[user@]host[:port] through the system's ssh client, as the docker CLI does it: each
 * connection is `ssh … host -- docker system dial-stdio`, so ~/.ssh/config (aliases,
 * IdentityFile, ProxyJump), the agent and known_hosts all apply. One OpenSSH master connection
 * per host (ControlMaster, in a private directory) carries every connection as a cheap channel,
 * and an HTTP keep-alive pool over those channels spares most requests even that.
 */

export interface SshTarget {
  host: string;
  port: number | null;
  user: string | null;
  /** For messages: user@host:port as given. */
  label: string;
}

// A host as ssh takes it (a name, an alias, an IPv4 or bracketless IPv6 address); never an option.
const HOST = /^[A-Za-z0-9_.:%-]{1,253}$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function sshTarget(url: string): SshTarget {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(u.username) || null;
  if (!HOST.test(host) || host.startsWith('-')) throw fail('ssh.bad-host', { url, host });
  if (user !== null && !USER.test(user)) throw fail('ssh.bad-user', { url, user });
  if (u.password) throw fail('ssh.password-in-url', { url });
  if (u.pathname && u.pathname !== '/') throw fail('ssh.path-in-url', { url });
  const port = u.port ? Number(u.port) : null;
  return { host, port, user, label: `${user ? `${user}@` : ''}${host}${port ? `:${port}` : ''}` };
}

/** The per-user directory of the master sockets: made 0700 and refused if anyone else could use it. */
export function controlDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = process.getuid?.() ?? 0;
  const dir = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'nsinspect-ssh') : join(tmpdir(), `nsinspect-ssh-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) {
    throw fail('ssh.unsafe-dir', { dir, uid: st.uid, mode: (st.mode & 0o777).toString(8) });
  }
  return dir;
}

/** Channels kept open ahead of need, per host. */
const SPARE_CHANNELS = 2;
/** Channels open at once, per host (below sshd's default MaxSessions of 10). */
const MAX_CHANNELS = 8;

/** How long an idle master connection stays, so that the next command (or CLI run) reuses it. */
const PERSIST_S = 60;

/**
 * The master's socket: one per endpoint URL, named by its hash (not ssh's %C, which needs the
 * resolved config), so that a stale one left by a killed master can be removed before a new one.
 */
export function controlPath(url: string, dir: string): string {
  return join(dir, crypto().createHash('sha256').update(url).digest('hex').slice(0, 24));
}

/** The options every ssh invocation here shares: never a prompt, never a host key taken on trust. */
export function sshBaseArgs(t: SshTarget, controlSocket: string): string[] {
  return [
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=10',
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=2',
    '-o',
    `ControlPath=${controlSocket}`,
    ...(t.port ? ['-p', String(t.port)] : []),
    ...(t.user ? ['-l', t.user] : []),
  ];
}

/** ssh's stderr (and exit code) as one line that says what to do. */
export function sshProblem(t: SshTarget, code: number | null, stderr: string): NsInspectError {
  const text = stderr.trim();
  const last =
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? '';
  const where = `ssh://${t.label}`;
  const sshCmd = `ssh ${t.port ? `-p ${t.port} ` : ''}${t.user ? `${t.user}@` : ''}${t.host}`;
  const p = { where, host: t.host, ssh: sshCmd, detail: last };
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(text))
    return fail('ssh.host-key-changed', { ...p, key: t.port ? `[${t.host}]:${t.port}` : t.host });
  if (/Host key verification failed|host key is known for|No .* host key is known/.test(text)) return fail('ssh.host-key-unknown', p);
  if (/Permission denied \(/.test(text)) return t.user ? fail('ssh.user-key-refused', { ...p, user: t.user }) : fail('ssh.key-refused', p);
  if (/Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable/.test(text))
    return fail('ssh.unreachable', p);
  if (code === 127 || /docker: (command )?not found|docker: No such file/.test(text))
    return fail('ssh.no-docker', { ...p, detail: last || 'exit 127' });
  if (/dial-stdio/.test(text) && /unknown|not a docker command/i.test(text)) return fail('ssh.no-dial-stdio', p);
  if (/permission denied.*docker daemon socket|Got permission denied/i.test(text))
    return t.user ? fail('ssh.docker-denied', { ...p, user: t.user }) : fail('ssh.docker-denied-anon', p);
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(text)) return fail('ssh.no-engine', p);
  if (code !== null) return last ? fail('ssh.failed-exit', { ...p, status: code }) : fail('ssh.failed-exit-silent', { ...p, status: code });
  return last ? fail('ssh.failed', p) : fail('ssh.failed-silent', p);
}

/**
 * One `docker system dial-stdio` channel as a socket-like stream, for node:http's agent and the
 * engine's own requests. The few socket methods http calls on a connection are kept here.
 */
export class SshStream extends Duplex {
  private got = 0;
  private stderr = '';

  constructor(
    private readonly child: ChildProcess,
    private readonly target: SshTarget,
    private readonly onFailure: () => void,
  ) {
    super({ allowHalfOpen: false });
    const out = child.stdout!;
    out.on('data', (d: Buffer) => {
      this.got += d.length;
      if (!this.push(d)) out.pause();
    });
    out.on('end', () => this.push(null));
    child.stderr!.on('data', (d: Buffer) => {
      if (this.stderr.length < 8192) this.stderr += d.toString('utf8');
    });
    child.stdin!.on('error', () => undefined); // the exit says why
    child.on('error', (e) => this.destroy(fail('ssh.no-client', { where: `ssh://${target.label}`, detail: e.message })));
    child.on('exit', (code) => {
      // 255: ssh itself failed (the master went away, say): the next channel checks it again.
      if (code === 255) this.onFailure();
      // ssh's own failures and a remote docker that could not start fail a channel that carried
      // nothing; after an answer, the engine closing the stream is its normal end.
      if (code !== 0 && this.got === 0) {
        // Its stderr may still be arriving.
        setImmediate(() => this.destroy(sshProblem(this.target, code, this.stderr)));
      }
    });
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed) return cb();
    stdin.write(chunk, () => cb());
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.child.stdin?.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    cb(err);
  }

  // What node:http and its agent call on a socket.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { ref?: () => void })?.ref?.();
    return this;
  }
  unref(): this {
    // An idle pooled channel must not keep the process alive.
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void })?.unref?.();
    return this;
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
}

export interface SshStats {
  /** Master connections made (full handshakes). */
  masters: number;
  /** dial-stdio channels opened. */
  channels: number;
}

/** The transport of one ssh:// endpoint: its master connection and its channels. */
export class SshTransport {
  readonly target: SshTarget;
  readonly stats: SshStats = { masters: 0, channels: 0 };
  private master: Promise<void> | null = null;
  private agentValue: Agent | null = null;
  private readonly open = new Set<SshStream>();

  constructor(
    readonly url: string,
    private readonly ssh = process.env.NSINSPECT_SSH || 'ssh',
  ) {
    this.target = sshTarget(url);
  }

  private socket(): string {
    return controlPath(this.url, controlDir());
  }

  private base(): string[] {
    return sshBaseArgs(this.target, this.socket());
  }

  private runSsh(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = childProcess().spawn(this.ssh, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', (e) => resolve({ code: 255, stderr: `cannot run ssh: ${e.message}` }));
      // 'exit', not 'close': a backgrounded master could hold stderr.
      child.on('exit', (code) => setImmediate(() => resolve({ code, stderr })));
    });
  }

  /**
   * The master connection: reused when one runs (`ssh -O check`), else made once (`ssh -fN -M`,
   * which returns after authentication), so concurrent channels never each pay a handshake.
   */
  ensureMaster(): Promise<void> {
    this.master ??= (async () => {
      const base = this.base();
      const check = await this.runSsh([...base, '-O', 'check', '--', this.target.host]);
      if (check.code === 0) return;
      // A socket left by a master that was killed would make the new one run without multiplexing.
      rmSync(this.socket(), { force: true });
      this.stats.masters++;
      const made = await this.runSsh([
        ...base,
        '-o',
        'ControlMaster=yes',
        '-o',
        `ControlPersist=${PERSIST_S}`,
        '-f',
        '-N',
        '--',
        this.target.host,
      ]);
      if (made.code !== 0) throw sshProblem(this.target, made.code, made.stderr);
    })();
    this.master.catch(() => (this.master = null));
    return this.master;
  }

  /** A new channel to the remote engine (holding a slot, see take); fails with the reason in one line. */
  private dial(): SshStream {
    this.stats.channels++;
    // ControlMaster=no: a master that went away since is replaced by ensureMaster, not by each channel.
    const child = childProcess().spawn(
      this.ssh,
      [...this.base(), '-o', 'ControlMaster=no', '--', this.target.host, 'docker', 'system', 'dial-stdio'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const s = new SshStream(child, this.target, () => (this.master = null));
    this.open.add(s);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    this.exits.add(exited);
    void exited.then(() => this.exits.delete(exited));
    s.once('close', () => {
      this.open.delete(s);
      this.release();
    });
    return s;
  }

  /**
   * Channels open at once are bounded: sshd allows ten sessions per connection by default
   * (MaxSessions), and a burst of execs must queue rather than be refused or fall back to a
   * handshake each.
   */
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly exits = new Set<Promise<void>>();

  private take(): Promise<void> {
    if (this.active < MAX_CHANNELS) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((r) => this.waiting.push(r));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** A channel once the master is up and a slot is free: for the agent. */
  async connect(): Promise<SshStream> {
    await this.ensureMaster();
    const spare = this.spares.shift();
    if (spare) {
      spare.ref();
      this.topUp();
      return spare;
    }
    await this.take();
    const s = this.dial();
    this.topUp();
    return s;
  }

  /**
   * Channels opened ahead of need: a new one costs a remote `docker` start (tens of ms), and every
   * exec (the helper's probes, shells) takes one for itself, since its connection is hijacked.
   */
  private readonly spares: SshStream[] = [];
  private topUp(): void {
    while (this.spares.length < SPARE_CHANNELS && this.active < MAX_CHANNELS - 1 && !this.waiting.length) {
      this.active++;
      const s = this.dial();
      s.unref();
      const drop = () => {
        const i = this.spares.indexOf(s);
        if (i >= 0) this.spares.splice(i, 1);
      };
      s.once('close', drop);
      s.once('error', drop);
      this.spares.push(s);
    }
  }

  /** The keep-alive pool of channels that node:http (dockerode, the engine's requests) uses. */
  agent(): Agent {
    if (this.agentValue) return this.agentValue;
    const agent = new (http().Agent)({ keepAlive: true, maxSockets: MAX_CHANNELS, maxFreeSockets: 4 });
    (agent as unknown as { createConnection: unknown }).createConnection = (_opts: unknown, cb: (e: Error | null, s?: Duplex) => void) => {
      this.connect().then(
        (s) => cb(null, s),
        (e: Error) => cb(e),
      );
    };
    this.agentValue = agent;
    return agent;
  }

  /** Ends every channel and waits (briefly) for their ssh processes, so none is left unreaped. */
  async closeAndWait(ms = 2000): Promise<void> {
    this.close();
    // A timer that holds the process: the channels are unref'd, and the caller (the CLI) must
    // still get to its exit code.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.exits]), new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** Ends every channel (the master persists for the next command, as ControlPersist says). */
  close(): void {
    if (process.env.NSINSPECT_DEBUG) process.stderr.write(`nsinspect: ssh://${this.target.label}: ${JSON.stringify(this.stats)}\n`);
    this.agentValue?.destroy();
    this.agentValue = null;
    this.spares.length = 0;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  /** Stops the master connection too (tests, and the user's "disconnect"). */
  async exit(): Promise<void> {
    this.close();
    this.master = null;
    await this.runSsh([...this.base(), '-O', 'exit', '--', this.target.host]);
  }
}

const transports = new Map<string, SshTransport>();

/** One transport per ssh:// URL in this process, shared by the engine's requests and dockerode. */
export function sshTransport(url: string): SshTransport {
  let t = transports.get(url);
  if (!t) transports.set(url, (t = new SshTransport(url)));
  return t;
}
