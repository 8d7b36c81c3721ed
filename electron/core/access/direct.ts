import { execFile } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import type { FileStat, ProbeAccess, ProbeRequest, Read, RunResult } from './access.js';
import { nsenterArgv } from './nsenter.js';
import { probeArgv, probeCommand } from './probe-commands.js';
import { problemFromError, problemFromStderr } from './problems.js';

function fileType(s: Stats): FileStat['type'] {
  if (s.isSymbolicLink()) return 'link';
  if (s.isDirectory()) return 'dir';
  if (s.isCharacterDevice()) return 'char';
  if (s.isBlockDevice()) return 'block';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  return 'file';
}

/** Reads done by this process itself, with whatever privilege it has. */
export class DirectAccess implements ProbeAccess {
  readonly kind = 'direct' as const;

  // Synchronous on purpose: /proc reads never block on disk, and a batch of a few
  // thousand readlinks costs less than as many trips through libuv's thread pool.
  async readFiles(paths: string[]): Promise<Read<string>[]> {
    return paths.map((p) => {
      try {
        return { ok: true, value: readFileSync(p, 'utf8') };
      } catch (e) {
        return { ok: false, error: problemFromError(e, p) };
      }
    });
  }

  async readLinks(paths: string[]): Promise<Read<string>[]> {
    return paths.map((p) => {
      try {
        return { ok: true, value: readlinkSync(p) };
      } catch (e) {
        return { ok: false, error: problemFromError(e, p) };
      }
    });
  }

  async stat(paths: string[], follow = false): Promise<Read<FileStat>[]> {
    return paths.map((p) => {
      try {
        const s = follow ? statSync(p) : lstatSync(p);
        return {
          ok: true,
          value: { type: fileType(s), size: s.size, mode: s.mode, uid: s.uid, rdev: s.rdev, dev: s.dev, ino: s.ino },
        };
      } catch (e) {
        return { ok: false, error: problemFromError(e, p) };
      }
    });
  }

  async listDir(path: string): Promise<Read<string[]>> {
    try {
      return { ok: true, value: readdirSync(path) };
    } catch (e) {
      return { ok: false, error: problemFromError(e, path) };
    }
  }

  run(req: ProbeRequest): Promise<Read<RunResult>> {
    const cmd = probeCommand(req);
    const argv = cmd.enter.length ? nsenterArgv(cmd.pid, cmd.enter, probeArgv(cmd)) : probeArgv(cmd);
    return new Promise((resolve) => {
      const child = execFile(
        argv[0]!,
        argv.slice(1),
        { timeout: cmd.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' } },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
          if (err?.killed) {
            resolve({ ok: false, error: { code: 'failed', message: `${cmd.program} did not finish within ${cmd.timeoutMs / 1000} s` } });
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
