import { childProcess } from '../lazy-builtins.js';
import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import type { FileStat, ProbeAccess, ProbeRequest, Read, RunResult } from './access.js';
import { actLocal, fileStat, lookupLocal, readHostFiles, readKernelFile, statHost } from './bounded-fs.js';
import { confinedOp, readCap, resolvedPaths, resolveInRoot, splitByRoot } from './inroot.js';
import { nsenterTargetArgv } from '../nsenter/argv.js';
import { directEntry } from './direct-entry.js';
import { probeArgv, probeCommand } from './probe-commands.js';
import { problem } from '../../../shared/model/index.js';
import { problemFromError, problemFromStderr } from './problems.js';

const isProc = (p: string) => p.startsWith('/proc/');

function each<T>(paths: string[], f: (p: string) => T): Read<T>[] {
  return paths.map((p) => {
    try {
      return { ok: true, value: f(p) };
    } catch (e) {
      return { ok: false, error: problemFromError(e, p) };
    }
  });
}

/** Kernel files under /proc here, other host paths through bounded async reads. */
async function byKind<T>(paths: string[], kernel: (p: string) => T, host: (p: string[]) => Promise<Read<T>[]>): Promise<Read<T>[]> {
  const proc = paths.map(isProc);
  const mine = each(
    paths.filter((_, i) => proc[i]),
    kernel,
  );
  const other = proc.some((x) => !x) ? await host(paths.filter((_, i) => !proc[i])) : [];
  let j = 0;
  let k = 0;
  return proc.map((x) => (x ? mine[k++]! : other[j++]!));
}

/**
 * Reads done by this process itself, with whatever privilege it has. Paths inside a process's
 * root (/proc/PID/root/…) are resolved inside that root (inroot.ts) and re-opened through
 * descriptors; other files are opened non-blocking, must be regular, and are read with a cap.
 */
export class DirectAccess implements ProbeAccess {
  readonly kind = 'direct' as const;

  // Kernel files synchronously on purpose: /proc reads never block on disk, and a batch of a
  // few thousand readlinks costs less than as many trips through libuv's thread pool.
  readFiles(paths: string[]): Promise<Read<string>[]> {
    return splitByRoot(
      paths,
      (p) => confinedOp(lookupLocal, actLocal, 'read', p, true) as Promise<Read<string>[]>,
      (p) =>
        byKind(
          p,
          (x) => readKernelFile(x, readCap(x)),
          (h) => readHostFiles(h, readCap),
        ),
    );
  }

  readLinks(paths: string[]): Promise<Read<string>[]> {
    return splitByRoot(
      paths,
      (p) => confinedOp(lookupLocal, actLocal, 'link', p, false) as Promise<Read<string>[]>,
      async (p) => each(p, (x) => readlinkSync(x)),
    );
  }

  stat(paths: string[], follow = false): Promise<Read<FileStat>[]> {
    return splitByRoot(
      paths,
      (p) => confinedOp(lookupLocal, actLocal, 'stat', p, follow) as Promise<Read<FileStat>[]>,
      (p) =>
        byKind(
          p,
          (x) => fileStat(follow ? statSync(x) : lstatSync(x)),
          (h) => statHost(h, follow),
        ),
    );
  }

  async listDir(path: string): Promise<Read<string[]>> {
    const [r] = await splitByRoot(
      [path],
      (p) => confinedOp(lookupLocal, actLocal, 'list', p, true) as Promise<Read<string[]>[]>,
      async (p) => each(p, (x) => readdirSync(x)),
    );
    return r!;
  }

  /** Where each path leads inside its process root (every link but the last followed there). */
  async resolve(paths: string[]): Promise<Read<string>[]> {
    return resolvedPaths(await resolveInRoot(lookupLocal, paths, false));
  }

  run(req: ProbeRequest): Promise<Read<RunResult>> {
    const cmd = probeCommand(req);
    const entry = directEntry(cmd.pid, cmd.enter);
    const argv = entry.enter.length
      ? nsenterTargetArgv(cmd.pid, entry.enter, probeArgv(cmd), { preserveCredentials: entry.preserveCredentials })
      : probeArgv(cmd);
    return new Promise((resolve) => {
      const child = childProcess().execFile(
        argv[0]!,
        argv.slice(1),
        { timeout: cmd.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' } },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
          if (err?.killed) {
            resolve({ ok: false, error: problem('command.timeout', { program: cmd.program, seconds: cmd.timeoutMs / 1000 }) });
          } else if (err && typeof err.code === 'string') {
            resolve({ ok: false, error: problemFromError(err, argv[0]!) });
          } else if (code !== 0) {
            resolve({ ok: false, error: problemFromStderr(argv, code, stderr) });
          } else {
            resolve({ ok: true, value: { code, stdout, stderr } });
          }
        },
      );
      // A program that exits without reading its stdin makes the write fail with EPIPE; its exit status tells the story.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(cmd.input ?? '');
    });
  }

  async close(): Promise<void> {}
}
