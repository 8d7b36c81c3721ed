// Reads of files this process makes itself (direct, and the host helper through it) that cannot
// hang it or hand it something other than a bounded regular file: a FIFO at a container's
// /etc/passwd once froze the whole process in a synchronous read.
import { closeSync, constants as C, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, stat, type FileHandle } from 'node:fs/promises';
import { problem, type Problem } from '../../../shared/model/index.js';
import type { FileStat, Read } from './access.js';
import { changedProblem, innerProblem, ITEM_TIMEOUT_MS, tooLarge, type ActResult, type Actor, type Entry, type Lookup } from './inroot.js';
import { problemFromError } from './problems.js';

const NOFOLLOW_RO = C.O_RDONLY | C.O_NONBLOCK | C.O_NOFOLLOW;

export function fileType(s: Stats): FileStat['type'] {
  if (s.isSymbolicLink()) return 'link';
  if (s.isDirectory()) return 'dir';
  if (s.isCharacterDevice()) return 'char';
  if (s.isBlockDevice()) return 'block';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  return 'file';
}

export function fileStat(s: Stats): FileStat {
  return { type: fileType(s), size: s.size, mode: s.mode, uid: s.uid, rdev: s.rdev, dev: s.dev, ino: s.ino };
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** A refusal that already says, as a Problem, what was wrong with the item. */
class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/**
 * A kernel file under /proc (status, cmdline, mountinfo, …): opened non-blocking, required to be
 * a regular file, read up to cap bytes. Synchronous: the kernel answers these from memory, and a
 * scan reads thousands. They report size 0, so the cap, not the size, ends the read.
 */
export function readKernelFile(path: string, cap: number): string {
  const fd = openSync(path, C.O_RDONLY | C.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw errno('EINVAL', 'not a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 << 10, cap + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > cap) throw errno('EFBIG', `larger than ${cap >> 20} MiB: not read`);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** p, or a timeout error after ms; whatever p holds is still released by p itself when it ends. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timer = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(errno('ETIMEDOUT', `${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timer]).finally(() => clearTimeout(t));
}

/** Each item on its own, with its own timeout; a failure is that item's problem. */
export function eachBounded<A, T>(
  items: A[],
  what: (a: A) => string,
  f: (a: A) => Promise<T>,
  problem: (e: unknown, a: A) => Read<T> = (e, a) => ({ ok: false, error: problemFromError(e, what(a)) }),
): Promise<Read<T>[]> {
  return Promise.all(
    items.map((a) =>
      withTimeout(f(a), ITEM_TIMEOUT_MS, what(a)).then(
        (value): Read<T> => ({ ok: true, value }),
        (e: unknown): Read<T> =>
          (e as NodeJS.ErrnoException).code === 'ETIMEDOUT'
            ? { ok: false, error: { code: 'failed', message: (e as Error).message } }
            : problem(e, a),
      ),
    ),
  );
}

async function readCapped(h: FileHandle, cap: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(64 << 10, cap + 1 - total));
    const { bytesRead } = await h.read(buf, 0, buf.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks);
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
    if (total > cap) return null;
  }
}

/** A host file outside /proc (the engine's pid file): non-blocking, a regular file, capped. */
export function readHostFiles(paths: string[], cap: (p: string) => number): Promise<Read<string>[]> {
  return eachBounded(
    paths,
    (p) => p,
    async (p) => {
      const h = await open(p, C.O_RDONLY | C.O_NONBLOCK);
      try {
        if (!(await h.stat()).isFile()) throw errno('EINVAL', 'not a regular file');
        const b = await readCapped(h, cap(p));
        if (!b) throw errno('EFBIG', `larger than ${cap(p) >> 20} MiB: not read`);
        return b.toString('utf8');
      } finally {
        await h.close();
      }
    },
  );
}

/** lstat, or stat, of host paths outside /proc (the engine's layer directories). */
export function statHost(paths: string[], follow: boolean): Promise<Read<FileStat>[]> {
  return eachBounded(
    paths,
    (p) => p,
    async (p) => fileStat(await (follow ? stat(p) : lstat(p))),
  );
}

const missingOrProblem = (e: unknown, p: string): Read<never> =>
  (e as NodeJS.ErrnoException).code === 'ENOENT'
    ? { ok: false, error: problem('read.missing', { path: p }) }
    : { ok: false, error: problemFromError(e, p) };

/** The walk's lookups (inroot.ts): lstat, and readlink of links. */
export const lookupLocal: Lookup = (paths) =>
  eachBounded(
    paths,
    (p) => p,
    async (p): Promise<Entry> => {
      const s = fileStat(await lstat(p));
      return s.type === 'link' ? { ...s, target: await readlink(p) } : s;
    },
    missingOrProblem,
  );

/**
 * The walk's components re-opened one by one, each relative to the previous one's descriptor
 * (through /proc/self/fd/N, Node's openat), O_NOFOLLOW, and checked to be the inode the walk saw.
 */
export const actLocal: Actor = (items) =>
  eachBounded(
    items,
    ({ r }) => `${r.inner} in ${r.root}`,
    async ({ r, act, cap }): Promise<ActResult> => {
      const held: FileHandle[] = [];
      try {
        held.push(await open(r.root, C.O_RDONLY | C.O_DIRECTORY));
        const last = r.steps.length - 1;
        const at = (name: string) => `/proc/self/fd/${held[held.length - 1]!.fd}/${name}`;
        for (let i = 0; i < last; i++) {
          const s = r.steps[i]!;
          const h = await open(at(s.name), NOFOLLOW_RO | C.O_DIRECTORY);
          held.push(h);
          const st = await h.stat();
          if (st.dev !== s.dev || st.ino !== s.ino) throw new Refused(changedProblem(r.root, r.inner));
        }
        const s = last >= 0 ? r.steps[last]! : null;
        if (act === 'stat') return fileStat(s ? await lstat(at(s.name)) : await held[0]!.stat());
        // Awaited here: the descriptors the path goes through close when this returns.
        if (act === 'link') return await readlink(at(s!.name));
        const h = s ? await open(at(s.name), NOFOLLOW_RO | (act === 'list' ? C.O_DIRECTORY : 0)) : held[0]!;
        if (s) held.push(h);
        const st = await h.stat();
        if (s && (st.dev !== s.dev || st.ino !== s.ino)) throw new Refused(changedProblem(r.root, r.inner));
        if (act === 'list') return await readdir(`/proc/self/fd/${h.fd}`);
        if (!st.isFile()) throw new Refused(innerProblem('inroot.not-regular', r.root, r.inner));
        const b = await readCapped(h, cap);
        if (!b) throw new Refused(tooLarge(r.root, r.inner, cap));
        return b.toString('utf8');
      } finally {
        await Promise.all(held.map((h) => h.close().catch(() => undefined)));
      }
    },
    (e, { r }) => (e instanceof Refused ? { ok: false, error: e.problem } : missingOrProblem(e, `${r.inner} in ${r.root}`)),
  );
