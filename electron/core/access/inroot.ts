// Paths under /proc/PID/root name files of a container, but the kernel resolves an absolute
// symlink met on the way from the *reader's* root, and `..` climbs out of it: a container's
// `/etc/passwd -> /etc/shadow` would hand us the host's file. Such paths are therefore walked
// here, component by component, resolving every link ourselves relative to the container's
// root; the backend then re-opens the walk's components one by one relative to the previous
// one's descriptor and checks each is the inode the walk saw, so a component swapped meanwhile
// makes the read fail instead of leaving the container.
import { problem, type Problem } from '../../../shared/model/index.js';
import type { MessageId, MessageParams } from '../../../shared/messages.js';
import type { FileStat, Read } from './access.js';

/** What lstat says of one component, and a link's target. */
export interface Entry extends FileStat {
  target?: string;
}

/** One component of a resolved path: a name in the previous one, and the inode the walk saw. */
export interface Step {
  name: string;
  dev: number;
  ino: number;
}

export interface Resolved {
  /** `/proc/PID/root` */
  root: string;
  /** Every component from the root on, none of them a link (unless the last, when not followed). */
  steps: Step[];
  /** The last component's lstat; the root's own when there are no steps. */
  entry: Entry;
  /** The resolved path, as the container sees it. */
  inner: string;
}

/** Raw lstat (+ readlink for links) of paths, as the backend's kernel resolves them. */
export type Lookup = (paths: string[]) => Promise<Read<Entry>[]>;

/** What is done with a resolved path, through descriptors re-opened component by component. */
export type Act = 'read' | 'list' | 'stat' | 'link';

/** Any one read of a container's or the host's file; a stuck one answers for itself only. */
export const ITEM_TIMEOUT_MS = 5_000;

/** Linux's own limit on links followed in one lookup. */
const MAX_HOPS = 40;
/** Components looked up in one round before the walk knows whether an earlier one is a link. */
const AHEAD = 16;

const ROOT_RE = /^(\/proc\/\d+\/root)(?=\/|$)(.*)$/;

/** `/proc/PID/root` and the rest of the path, or null for a path outside any process's root. */
export function splitRoot(path: string): { root: string; rest: string } | null {
  const m = ROOT_RE.exec(path);
  return m ? { root: m[1]!, rest: m[2]! } : null;
}

/** A path inside a container's root that cannot be read, said by id: the path inside, and the root. */
export function innerProblem(id: InnerProblemId, root: string, inner: string, params: MessageParams = {}): Problem {
  return problem(id, { path: inner, root, ...params });
}

type InnerProblemId = Extract<MessageId, `inroot.${string}`>;

interface Walk {
  root: string;
  follow: boolean;
  done: Array<Step & { entry: Entry }>;
  todo: string[];
  hops: number;
  result?: Read<Resolved>;
  /** The final component does not exist (its parent does): the path it would have, inside. */
  missing?: string;
}

const innerOf = (w: Walk, extra: string[] = []) => `/${[...w.done.map((s) => s.name), ...extra].join('/')}`;

/**
 * Resolves each path inside its process root, in rounds: each round looks up, in one batch for
 * every path, the next components up to the next `..` (a later one's answer counts only if
 * every earlier one was a plain directory). Links are followed relative to the root (absolute
 * targets restart at it), `..` never climbs above it, at most 40 links per path. The last
 * component is followed only when `follow` is set. A missing last component is answered with
 * `missing` set, so callers can tell "not there" from "not reachable".
 */
export async function resolveInRoot(look: Lookup, paths: string[], follow: boolean): Promise<Array<Read<Resolved> & { missing?: string }>> {
  const walks: Walk[] = paths.map((p) => {
    const s = splitRoot(p);
    if (!s)
      return {
        root: p,
        follow,
        done: [],
        todo: [],
        hops: 0,
        result: { ok: false, error: problem('read.not-in-root', { path: p }) },
      };
    return { root: s.root, follow, done: [], todo: s.rest.split('/'), hops: 0 };
  });
  for (;;) {
    const round: Array<{ w: Walk; names: string[]; at: number }> = [];
    const lookups: string[] = [];
    for (const w of walks) {
      if (w.result) continue;
      while (w.todo.length && ['', '.', '..'].includes(w.todo[0]!)) {
        if (w.todo.shift() === '..') w.done.pop();
      }
      if (!w.todo.length && w.done.length) {
        const last = w.done[w.done.length - 1]!;
        w.result = {
          ok: true,
          value: { root: w.root, steps: w.done.map(({ name, dev, ino }) => ({ name, dev, ino })), entry: last.entry, inner: innerOf(w) },
        };
        continue;
      }
      const names: string[] = [];
      for (const n of w.todo) {
        if (names.length >= AHEAD || ['', '.', '..'].includes(n)) break;
        names.push(n);
      }
      round.push({ w, names, at: lookups.length });
      const base = [w.root, ...w.done.map((s) => s.name)];
      // Nothing left and nothing done: the path is the root itself, looked up as `root/.`.
      if (!names.length) lookups.push(`${w.root}/.`);
      names.forEach((_, i) => lookups.push([...base, ...names.slice(0, i + 1)].join('/')));
    }
    if (!round.length) break;
    const got = await look(lookups);
    for (const { w, names, at } of round) {
      if (names.length) advance(w, names, got.slice(at, at + names.length));
      else {
        const r = got[at];
        w.result = r?.ok
          ? { ok: true, value: { root: w.root, steps: [], entry: r.value, inner: '/' } }
          : { ok: false, error: r?.error ?? innerProblem('inroot.no-answer', w.root, '/') };
      }
    }
  }
  return walks.map((w) => ({ ...w.result!, ...(w.missing !== undefined ? { missing: w.missing } : {}) }));
}

function advance(w: Walk, names: string[], got: Read<Entry>[]): void {
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    const isLast = w.todo.length === 1;
    const r = got[k];
    w.todo.shift();
    if (!r?.ok) {
      const error = r?.error ?? innerProblem('inroot.no-answer', w.root, innerOf(w, [name]));
      if (error.code !== 'missing') w.result = { ok: false, error };
      else {
        // A missing last component (its parent exists): callers may still use the path it would have.
        if (isLast) w.missing = innerOf(w, [name]);
        w.result = { ok: false, error: innerProblem('inroot.missing', w.root, innerOf(w, [name])) };
      }
      return;
    }
    const e = r.value;
    if (e.type === 'link' && (!isLast || w.follow)) {
      if (++w.hops > MAX_HOPS) {
        w.result = { ok: false, error: innerProblem('inroot.loop', w.root, innerOf(w, [name])) };
        return;
      }
      if (e.target === undefined || e.target === '') {
        w.result = { ok: false, error: innerProblem('inroot.bad-link', w.root, innerOf(w, [name])) };
        return;
      }
      if (e.target.startsWith('/')) w.done = [];
      w.todo = [...e.target.split('/'), ...w.todo];
      return;
    }
    if (!isLast && e.type !== 'dir') {
      w.result = { ok: false, error: innerProblem('inroot.not-dir', w.root, innerOf(w, [name])) };
      return;
    }
    w.done.push({ name, dev: e.dev, ino: e.ino, entry: e });
  }
}

/** resolve() of ProbeAccess: the path inside the root, also when only its last component is missing. */
export function resolvedPaths(rs: Array<Read<Resolved> & { missing?: string }>): Read<string>[] {
  return rs.map((r) => (r.ok ? { ok: true, value: r.value.inner } : r.missing !== undefined ? { ok: true, value: r.missing } : r));
}

/** inRoot for the paths inside a process root, other for the rest; answers in the caller's order. */
export async function splitByRoot<T>(
  paths: string[],
  inRoot: (p: string[]) => Promise<Read<T>[]>,
  other: (p: string[]) => Promise<Read<T>[]>,
): Promise<Read<T>[]> {
  const isRoot = paths.map((p) => splitRoot(p) !== null);
  const [a, b] = await Promise.all([
    isRoot.some(Boolean) ? inRoot(paths.filter((_, i) => isRoot[i])) : Promise.resolve([]),
    isRoot.some((x) => !x) ? other(paths.filter((_, i) => !isRoot[i])) : Promise.resolve([]),
  ]);
  let i = 0;
  let j = 0;
  return isRoot.map((r) => (r ? a[i++]! : b[j++]!));
}

/** The result of an act, narrowed per op. */
export type ActResult = string | string[] | FileStat;

/** Re-opens resolved paths step by step and does one act on each; the backend's part. */
export type Actor = (items: Array<{ r: Resolved; act: Act; cap: number }>) => Promise<Read<ActResult>[]>;

const TYPE_WORDS: Record<FileStat['type'], string> = {
  file: 'a regular file',
  dir: 'a directory',
  link: 'a symbolic link',
  char: 'a character device',
  block: 'a block device',
  fifo: 'a FIFO',
  socket: 'a socket',
};

/** Maximum sizes per file kind (see readCap). */
export const CAP = {
  /**
   * Everything else: a user or group list (1 MiB is some ten thousand entries, far beyond what an
   * image ships), a process's status or command line, the engine's pid file.
   */
  small: 1 << 20,
  /** A busy host's mountinfo has a line of up to a page (overlay lowerdirs) per container mount. */
  mountinfo: 32 << 20,
} as const;

/** The size cap for reading path. /proc files report size 0, so the cap, not the size, bounds the read. */
export function readCap(path: string): number {
  return /\/mountinfo$/.test(path) ? CAP.mountinfo : CAP.small;
}

/**
 * readFiles/readLinks/stat/listDir for paths inside process roots, given a backend's lookup and
 * actor: resolve, check what the walk found, then act through re-opened descriptors.
 */
export async function confinedOp(look: Lookup, actor: Actor, act: Act, paths: string[], follow: boolean): Promise<Read<ActResult>[]> {
  const resolved = await resolveInRoot(look, paths, act === 'read' || act === 'list' ? true : follow);
  const todo: Array<{ i: number; r: Resolved; cap: number }> = [];
  const out: Read<ActResult>[] = resolved.map((res, i) => {
    if (!res.ok) return { ok: false, error: res.error };
    const r = res.value;
    const want: FileStat['type'] | null = act === 'read' ? 'file' : act === 'list' ? 'dir' : act === 'link' ? 'link' : null;
    if (want && r.entry.type !== want) {
      return {
        ok: false,
        error: innerProblem('inroot.wrong-type', r.root, r.inner, { is: TYPE_WORDS[r.entry.type], want: TYPE_WORDS[want] }),
      };
    }
    if (act === 'read' && r.entry.size > readCap(paths[i]!)) return { ok: false, error: tooLarge(r.root, r.inner, readCap(paths[i]!)) };
    todo.push({ i, r, cap: readCap(paths[i]!) });
    // Replaced by the act's own answer below; never seen.
    return { ok: false, error: innerProblem('inroot.no-answer', r.root, r.inner) };
  });
  const done = todo.length ? await actor(todo.map(({ r, cap }) => ({ r, act, cap }))) : [];
  todo.forEach(({ i }, k) => (out[i] = done[k]!));
  return out;
}

export function tooLarge(root: string, inner: string, cap: number): Problem {
  return innerProblem('inroot.too-large', root, inner, { mib: cap >> 20 });
}

export function changedProblem(root: string, inner: string): Problem {
  return innerProblem('inroot.changed', root, inner);
}
