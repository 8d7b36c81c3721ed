import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import type { NsType } from '../../shared/model/index.js';
import type { NotEntered, Restriction, ShellConfinement, ShellEnd } from '../../shared/api/shell.js';
import { DirectAccess } from '../core/access/direct.js';
import { fail } from '../core/errors.js';
import { killTree } from '../core/shell/proctree.js';
import { checkArgv, checkCwd, checkNamespaces, shellEnv } from '../core/shell/plan.js';
import { accessReader, planShell } from '../core/shell/planner.js';
import { dieWithParent } from './children.js';
import { resolveContainer, stillValid, type VerifiedContainer } from './containers.js';
import { pin, type PinHooks } from './pin.js';
import { FIXED_ENV, hostProgram } from './programs.js';

export { FIXED_ENV, hostProgram };

export interface ShellOpenArgs {
  container: unknown;
  /** The client's engine socket (checked by checkEngineSocket); absent: the system engine. */
  engine?: unknown;
  namespaces: unknown;
  command?: unknown;
  cwd?: unknown;
  user?: unknown;
  cols: unknown;
  rows: unknown;
  tty?: unknown;
  pid?: unknown;
  unconfined?: unknown;
}

export interface ShellCallbacks {
  data(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  end(end: ShellEnd): void;
}

function size(v: unknown, what: string): number {
  if (!Number.isInteger(v) || (v as number) < 2 || (v as number) > 1000) throw fail('shell.bad-size', { what });
  return v as number;
}

/**
 * nsenter forks when it enters a PID namespace, and its child would outlive a killed helper (it
 * has no death signal of its own, and without a terminal no hangup reaches it). With the host's
 * filesystem (no mnt) the host's setpriv gives the program one too; inside a container's
 * filesystem there is no setpriv of ours to run.
 */
function innerDeathSignal(enter: readonly NsType[], argv: string[]): string[] {
  return enter.includes('pid') && !enter.includes('mnt') ? dieWithParent(argv) : argv;
}

/**
 * One shell: nsenter into the verified container's namespaces, inside a pseudo-terminal made by
 * util-linux `script` (the helper is one plain JavaScript file and has no native pty module).
 * `script` runs a fixed sh line; every argument travels in an environment variable, so no
 * caller data is ever parsed by a shell.
 */
export class HelperShell {
  private child!: ChildProcess;
  private pts: string | null = null;
  private closing = false;
  readonly info: {
    id: string;
    name: string;
    pid: number;
    namespaces: NsType[];
    notEntered: NotEntered[];
    confinement: ShellConfinement;
    missing: Restriction[];
    command: string[];
  };

  private constructor(
    private readonly c: VerifiedContainer,
    plan: Pick<HelperShell['info'], 'namespaces' | 'notEntered' | 'confinement' | 'missing' | 'command'>,
  ) {
    this.info = { id: c.id, name: c.name, pid: c.pid, ...plan };
  }

  static async open(args: ShellOpenArgs, hostPid: number, cb: ShellCallbacks, hooks: PinHooks = {}): Promise<HelperShell> {
    const asked = checkNamespaces(args.namespaces);
    const command = args.command === undefined ? [] : checkArgv(args.command);
    const cwd = checkCwd(args.cwd);
    const cols = size(args.cols, 'cols');
    const rows = size(args.rows, 'rows');
    if (args.user !== undefined && typeof args.user !== 'string') throw fail('wire.user-not-string');
    const c = await resolveContainer(args.container, args.engine);
    if (args.pid !== undefined && args.pid !== c.pid) {
      throw fail('shell.pid-moved', { pid: String(args.pid), name: c.name, now: c.pid });
    }
    if (args.unconfined !== undefined && typeof args.unconfined !== 'boolean') throw fail('shell.bad-unconfined');
    // Planned here again, as the client would: the helper does not take the client's word for it.
    const plan = await planShell(
      {
        pid: c.pid,
        hostPid,
        hostRoot: '',
        namespaces: asked,
        command,
        ...(args.user ? { user: args.user as string } : {}),
        unconfined: args.unconfined === true,
      },
      accessReader(new DirectAccess()),
    );
    // A whole container is run by the engine's exec, confined like docker exec; a root helper
    // running the container's programs with the host's privileges is what that avoids.
    if (plan.route === 'engine') throw fail('helper.whole-container');
    const { user, enter } = plan;
    const env = shellEnv(user?.home ?? '/root');
    const shell = new HelperShell(c, {
      namespaces: enter,
      notEntered: plan.notEntered,
      confinement: plan.confinement,
      missing: plan.missing,
      command: plan.program,
    });
    // Namespaces (and the root, for a cwd inside it) opened first, the PID verified after.
    const pinned = await pin(c, c.pid, enter, cwd ? { cwd } : {}, hooks);
    try {
      const nsenter = [
        hostProgram('nsenter'),
        ...pinned.options,
        ...(user ? ['-S', String(user.uid), '-G', String(user.gid)] : []),
        '--',
        ...innerDeathSignal(enter, plan.program),
      ];
      if (args.tty === false) shell.spawnPipes(nsenter, env, pinned.stdio, cb);
      else shell.spawnPty(nsenter, env, cols, rows, pinned.stdio, cb);
    } finally {
      pinned.close();
    }
    // Checked again once nsenter runs: if the PID changed hands in between, the session is ended.
    if (!stillValid(c)) {
      await shell.close();
      throw fail('shell.pid-reused', { pid: c.pid });
    }
    return shell;
  }

  private spawnPipes(argv: string[], env: Record<string, string>, extra: number[], cb: ShellCallbacks): void {
    const full = dieWithParent(argv);
    this.child = spawn(full[0]!, full.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe', ...extra] });
    this.child.stdout!.on('data', (d: Buffer) => cb.data(d));
    this.child.stderr!.on('data', (d: Buffer) => cb.stderr(d));
    this.watch(cb);
  }

  private spawnPty(argv: string[], env: Record<string, string>, cols: number, rows: number, extra: number[], cb: ShellCallbacks): void {
    const vars: Record<string, string> = { NSI_R: String(rows), NSI_C: String(cols), NSI_PATH: env.PATH!, NSI_HOME: env.HOME! };
    argv.forEach((a, i) => (vars[`NSI_${i}`] = a));
    // Only variable names here, generated from the argument count; the values are never parsed.
    const line = `stty rows "$NSI_R" cols "$NSI_C" 2>/dev/null; exec env -i TERM=xterm-256color LANG=C.UTF-8 "PATH=$NSI_PATH" "HOME=$NSI_HOME" ${argv.map((_, i) => `"$NSI_${i}"`).join(' ')}`;
    // The pinned descriptors pass through script and sh to nsenter (neither closes inherited fds).
    const full = dieWithParent([hostProgram('script'), '-q', '-f', '-e', '-E', 'always', '-c', line, '/dev/null']);
    this.child = spawn(full[0]!, full.slice(1), {
      env: { ...FIXED_ENV, SHELL: '/bin/sh', ...vars },
      stdio: ['pipe', 'pipe', 'pipe', ...extra],
    });
    this.child.stdout!.on('data', (d: Buffer) => cb.data(d));
    this.child.stderr!.on('data', (d: Buffer) => cb.stderr(d));
    this.watch(cb);
  }

  private watch(cb: ShellCallbacks): void {
    this.child.stdin!.on('error', () => undefined);
    // 'close': the program has exited and its output pipes are drained.
    this.child.on('close', (code, signal) => {
      setTimeout(() => {
        if (this.closing) cb.end({ reason: 'closed' });
        else if (!stillValid(this.c)) cb.end({ reason: 'container-stopped' });
        else cb.end({ reason: 'exited', code: code ?? 128, signal: signal ?? null });
      }, 10);
    });
  }

  write(data: Buffer): void {
    if (this.child.stdin?.writable) this.child.stdin.write(data);
  }

  eof(): void {
    this.child.stdin?.end();
  }

  pause(): void {
    this.child.stdout?.pause();
  }

  resume(): void {
    this.child.stdout?.resume();
  }

  /** The terminal's slave side, as the program sees it (script's child's stdin). */
  private findPts(): string | null {
    if (this.pts) return this.pts;
    try {
      const kids = readFileSync(`/proc/${this.child.pid}/task/${this.child.pid}/children`, 'utf8').trim().split(/\s+/);
      for (const k of kids) {
        const l = readlinkSync(`/proc/${k}/fd/0`);
        if (/^\/dev\/pts\/\d+$/.test(l)) return (this.pts = l);
      }
    } catch {
      /* not yet */
    }
    return null;
  }

  resize(cols: number, rows: number): void {
    size(cols, 'cols');
    size(rows, 'rows');
    const pts = this.findPts();
    // TIOCSWINSZ on the terminal; the kernel sends SIGWINCH to its foreground programs.
    if (pts)
      spawnSync(hostProgram('stty'), ['-F', pts, 'rows', String(rows), 'cols', String(cols)], {
        env: FIXED_ENV,
        stdio: 'ignore',
        timeout: 2000,
      });
  }

  signal(sig: string): void {
    const allowed = ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP', 'SIGKILL', 'SIGTSTP', 'SIGCONT', 'SIGWINCH', 'SIGUSR1', 'SIGUSR2'];
    if (!allowed.includes(sig)) throw fail('wire.bad-signal', { signal: sig.slice(0, 16) });
    if (sig === 'SIGINT' && this.findPts()) return this.write(Buffer.from([3]));
    const kids = (() => {
      try {
        return readFileSync(`/proc/${this.child.pid}/task/${this.child.pid}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
      } catch {
        return [];
      }
    })();
    for (const k of kids.length ? kids : [this.child.pid!]) {
      try {
        process.kill(k, sig as NodeJS.Signals);
      } catch {
        /* gone */
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.child.pid && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.stdout?.resume();
      await killTree(this.child.pid);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    }
  }
}
