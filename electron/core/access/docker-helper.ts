import { HELPER_PROFILE } from '../../../shared/api/helper-profile.js';
import { crypto } from '../lazy-builtins.js';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { IMAGE_REF } from '../../../shared/api/settings.js';
import { problem, type Endpoint, type NsType } from '../../../shared/model/index.js';
import { fail, NsInspectError } from '../errors.js';
import { findHostReference } from '../probe/host.js';
import { BUSYBOX_CANNOT, cannotEnterProblem, NSENTER_CANDIDATES, nsenterArgv, type NsenterFlavor } from '../nsenter/argv.js';
import { programCandidates, SHELL_PATH } from '../nsenter/programs.js';
import type { FileStat, ProbeAccess, ProbeRequest, Read, RunResult } from './access.js';
import {
  changedProblem,
  confinedOp,
  innerProblem,
  ITEM_TIMEOUT_MS,
  readCap,
  resolvedPaths,
  resolveInRoot,
  splitByRoot,
  tooLarge,
  type ActResult,
  type Actor,
  type Entry,
  type Lookup,
} from './inroot.js';
import { probeArgv, probeCommand } from './probe-commands.js';
import { engineCall } from '../engine/call.js';
import { problemFromStderr } from './problems.js';
import { ReadBatcher, type ReadAnswer, type ReadOp } from './helper-reads.js';

/**
 * A small public image whose busybox has `nsenter -t`, pinned by the digest of its multi-arch
 * index: it runs with SYS_ADMIN and the host's PID namespace, so a re-pointed tag must not
 * change what runs. The digest is Docker Hub's `library/busybox:1.36.1` multi-arch index as the
 * registry answered in autumn 2026 (`busybox:1.36` resolved to the same index). The engine goes
 * by the digest; the tag is for people. Offline: see loadHint.
 */
export const DEFAULT_HELPER_IMAGE = 'busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662';

/**
 * How to get the helper image onto an engine that cannot pull it. `docker load` keeps tags but not
 * registry digests, so a pinned reference is loaded under its tag and then chosen by that tag.
 */
export function loadHint(image: string, load = 'ssh HOST docker load'): string {
  return unpullable(image, '', load).hint!;
}

/** A pinned image is saved by its tag: `docker load` drops digests. */
function unpullable(image: string, detail: string, load = 'ssh HOST docker load'): NsInspectError {
  const tagged = image.split('@')[0] ?? image;
  if (tagged === image) return fail('helper.unpullable', { image, detail, load });
  return fail('helper.unpullable-pinned', { image, tagged, detail, load });
}

/** `docker load` aimed at an endpoint's engine, as a user would type it on their machine. */
export function loadCommand(e: Endpoint): string {
  const u = URL.canParse(e.url) ? new URL(e.url) : null;
  if (u?.protocol === 'ssh:')
    return `ssh ${u.port ? `-p ${u.port} ` : ''}${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname} docker load`;
  if (u && u.protocol !== 'unix:') return `docker -H ${e.url}${e.tls?.verify ? ' --tlsverify' : e.tls ? ' --tls' : ''} load`;
  return e.context ? `docker --context ${e.context} load` : 'docker load';
}

export const HELPER_LABEL = 'io.nsinspect.helper';
export const HELPER_OWNER_LABEL = 'io.nsinspect.helper.owner';

/**
 * Capabilities of the helper container (the list lives in HELPER_PROFILE, which Settings shows):
 * lxkns's set for reading every process's namespaces and entering them (SYS_ADMIN, SYS_CHROOT,
 * SYS_PTRACE, DAC_READ_SEARCH, DAC_OVERRIDE), plus KILL to end the shells it started,
 * SETUID/SETGID for a shell's --user, and NET_ADMIN/NET_RAW so the host's `ip`/`tcpdump` work in
 * a container's network. Not --privileged: broader than needed, and it cannot start where the
 * engine withholds a capability.
 */
export const HELPER_CAPS: string[] = [...HELPER_PROFILE.capabilities];

/** Namespaces the helper container does not share with the host; not-entered ones are set back to the host's. */
const HELPER_OWN_NS: readonly NsType[] = ['mnt', 'uts', 'ipc', 'net'];

export interface ExecResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

export interface DockerHelperOptions {
  /**
   * Which nsenter the helper runs. 'auto' (the default): the image's when it is util-linux, else
   * the host's util-linux nsenter when the host has one, else the image's busybox one. 'image':
   * always the image's own — for tests of the busybox fallback only (a host without util-linux).
   */
  nsenter?: 'auto' | 'image';
  /** The command that loads an image into this engine, for the hint when the image is missing. */
  loadCommand?: string;
}

function ownerTag(): string {
  return `${hostname()}:${process.pid}`;
}

function ownerAlive(tag: string | undefined): boolean {
  if (!tag) return false;
  const [host, pid] = tag.split(':');
  if (host !== hostname()) return true; // another machine's: not ours to judge
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes helper containers whose owner process is gone (a crashed app or test). */
export async function sweepHelpers(docker: Docker, all = false): Promise<number> {
  const list = await engineCall('listing old helper containers', () =>
    docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } }),
  );
  let n = 0;
  for (const c of list) {
    if (!all && ownerAlive(c.Labels?.[HELPER_OWNER_LABEL])) continue;
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
    n++;
  }
  return n;
}

/**
 * The long-lived helper container: PID namespace and user namespace of the host, no network,
 * only the capabilities above. Its view of /proc is the engine host's, so State.Pid of any
 * container is valid in it, also when the engine runs in a VM or on a remote machine.
 */
/**
 * Why the helper container would not start, and what to do. A rootless engine (rootless Docker,
 * Podman without root) cannot mount a /proc for a container in the host's PID namespace: runc
 * says `mount proc … operation not permitted`. There the helper is no answer at all, and none is
 * needed: the engine's containers are the user's own processes, which direct access reads.
 */
export function helperStartProblem(image: string, engineMessage: string): NsInspectError {
  const first = engineMessage.split('\n')[0]!;
  if (/mount(ing)?\W+"?proc\b.*operation not permitted/i.test(engineMessage))
    return fail('helper.rootless', { image, detail: first.slice(0, 300) });
  return fail('helper.cannot-start', { image, detail: first });
}

export class DockerHelper extends EventEmitter<{ dead: [string] }> {
  hostPid = 2;
  /** Which nsenter runs (see NsenterFlavor), decided once at start. */
  flavor: NsenterFlavor = 'busybox';
  /** host-util-linux: the host's nsenter, as a path in the host's root. */
  hostNsenter: string | null = null;
  /** Why this flavor (for diagnostics). */
  flavorWhy = '';
  private stopped = false;
  /** Why the helper container is gone (removed, stopped, killed), once it is. */
  deadBecause: string | null = null;

  private constructor(
    readonly docker: Docker,
    readonly containerId: string,
    readonly image: string,
    readonly name: string,
  ) {
    super();
  }

  /** Serving: not stopped by us, not gone under us. */
  get alive(): boolean {
    return !this.stopped && this.deadBecause === null;
  }

  /**
   * The helper container went away (its die/destroy event, or an exec refused with "no such
   * container"/"not running"): said once, to whoever ends its terminals and starts a new one.
   */
  markDead(why: string): void {
    if (this.deadBecause !== null || this.stopped) return;
    this.deadBecause = why;
    this.emit('dead', why);
  }

  /** The error for a call to a dead helper: what happened and that a new one is on its way. */
  private goneError(): NsInspectError {
    return fail('helper.gone', { name: this.name, detail: this.deadBecause ?? 'was stopped' });
  }

  static async start(docker: Docker, image = DEFAULT_HELPER_IMAGE, opts: DockerHelperOptions = {}): Promise<DockerHelper> {
    if (image.length > 255 || !IMAGE_REF.test(image)) throw fail('helper.bad-image', { image: image.slice(0, 80) });
    await sweepHelpers(docker).catch(() => undefined);
    await DockerHelper.ensureImage(docker, image, opts.loadCommand);
    const name = `nsinspect-helper-${process.pid}-${crypto().randomBytes(3).toString('hex')}`;
    let container: Docker.Container;
    try {
      container = await engineCall(`creating the helper container ${name}`, () =>
        docker.createContainer({
          name,
          Image: image,
          Cmd: ['sleep', '2147483647'],
          Labels: { [HELPER_LABEL]: '1', [HELPER_OWNER_LABEL]: ownerTag() },
          NetworkDisabled: true,
          HostConfig: {
            PidMode: 'host',
            UsernsMode: 'host',
            NetworkMode: 'none',
            CgroupnsMode: 'host',
            CapDrop: ['ALL'],
            CapAdd: HELPER_CAPS,
            SecurityOpt: [...HELPER_PROFILE.securityOpt],
            ReadonlyRootfs: true,
            AutoRemove: true,
          } as Docker.HostConfig,
        }),
      );
      await engineCall(`starting the helper container ${name}`, () => container.start());
    } catch (e) {
      const message = (e as Error).message;
      throw helperStartProblem(image, message);
    }
    const helper = new DockerHelper(docker, container.id, image, name);
    try {
      const help = await helper.exec(['nsenter', '--help']);
      const text = help.stdout.toString() + help.stderr.toString();
      if (!/-t/.test(text)) throw new Error('no nsenter');
      helper.flavor = /--cgroup/.test(text) ? 'util-linux' : 'busybox';
      helper.flavorWhy =
        helper.flavor === 'util-linux' ? "the helper image's nsenter is util-linux" : "the helper image's nsenter is busybox's";
      const probe = new DockerHelperAccess(helper);
      helper.hostPid = (await findHostReference(probe)).pid;
      if (helper.flavor === 'busybox') {
        if (opts.nsenter === 'image') helper.flavorWhy += " (the image's own nsenter was asked for)";
        else await helper.detectHostNsenter(probe);
      }
    } catch (e) {
      await helper.stop();
      throw fail('helper.image-unfit', { image, detail: (e as Error).message });
    }
    return helper;
  }

  /**
   * Whether the host has a util-linux nsenter the helper can run: the image's (busybox) nsenter
   * enters the host reference's mount namespace, which moves its root to the host's, and execs
   * the host's nsenter by absolute path. Decided once; on any failure the busybox path stays.
   */
  private async detectHostNsenter(probe: DockerHelperAccess): Promise<void> {
    const root = `/proc/${this.hostPid}/root`;
    const st = await probe
      .stat(
        NSENTER_CANDIDATES.map((c) => root + c),
        true,
      )
      .catch(() => []);
    const path = NSENTER_CANDIDATES.find((_, i) => {
      const s = st[i];
      return s?.ok && s.value.type === 'file';
    });
    if (!path) {
      this.flavorWhy += ", and the engine's host has no util-linux nsenter (" + NSENTER_CANDIDATES.join(', ') + ')';
      return;
    }
    const r = await this.exec(['nsenter', `-m/proc/${this.hostPid}/ns/mnt`, '--', path, '--version'], undefined, 10_000).catch(
      (e: Error) => ({ code: -1, stdout: Buffer.alloc(0), stderr: Buffer.from(e.message) }),
    );
    const out = r.stdout.toString() + r.stderr.toString();
    if (r.code === 0 && /util-linux/.test(out)) {
      this.flavor = 'host-util-linux';
      this.hostNsenter = path;
      this.flavorWhy = `the host's util-linux nsenter (${path}), reached through the host's mount namespace`;
    } else {
      this.flavorWhy += `, and the host's ${path} cannot be run from the helper (${out.trim().split('\n')[0]?.slice(0, 120) || `exit ${r.code}`})`;
    }
  }

  private static async ensureImage(docker: Docker, image: string, load?: string): Promise<void> {
    try {
      await engineCall(`inspecting the helper image ${image}`, () => docker.getImage(image).inspect());
      return;
    } catch {
      /* not here: pull it */
    }
    try {
      const stream = await docker.pull(image);
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
      );
    } catch (e) {
      throw unpullable(image, (e as Error).message.split('\n')[0] ?? '', load);
    }
  }

  /** Runs argv in the helper (no TTY) and collects its output; every engine call has a deadline. */
  async exec(argv: string[], input?: string | Buffer, timeoutMs = 20_000): Promise<ExecResult> {
    if (this.stopped) throw fail('helper.stopped');
    if (!this.alive) throw this.goneError();
    const what = `${argv[0]} in the helper container ${this.name}`;
    let exec: Docker.Exec;
    let stream: NodeJS.ReadWriteStream & { destroy(): void; end(d?: unknown): void };
    try {
      exec = await engineCall(`creating an exec (${what})`, () =>
        this.docker.getContainer(this.containerId).exec({
          Cmd: argv,
          Env: [`PATH=${SHELL_PATH}`, 'LC_ALL=C'],
          AttachStdin: input !== undefined,
          AttachStdout: true,
          AttachStderr: true,
          Tty: false,
        }),
      );
      stream = (await engineCall(`starting an exec (${what})`, () =>
        exec.start({ hijack: true, stdin: input !== undefined }),
      )) as typeof stream;
    } catch (e) {
      throw this.execFailed(e);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const o = new PassThrough();
    const e = new PassThrough();
    o.on('data', (d: Buffer) => out.push(d));
    e.on('data', (d: Buffer) => err.push(d));
    this.docker.modem.demuxStream(stream, o, e);
    if (input !== undefined) stream.end(input);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        stream.destroy();
        reject(fail('helper.exec-timeout', { program: argv[0] ?? '', ms: timeoutMs }));
      }, timeoutMs);
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    const inspect = () => engineCall(`inspecting an exec (${what})`, () => exec.inspect());
    try {
      let info = await inspect();
      for (let i = 0; info.Running && i < 50; i++) {
        await new Promise((r) => setTimeout(r, 10));
        info = await inspect();
      }
      return { code: info.ExitCode ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
    } catch (x) {
      throw this.execFailed(x);
    }
  }

  /** An exec the engine refused: the helper is gone when it says so (404, 409 "not running"). */
  private execFailed(e: unknown): Error {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404 || (status === 409 && /not running|is paused|restarting/i.test(String((e as Error).message)))) {
      this.markDead(status === 404 ? 'is gone (removed)' : 'is not running');
      return this.goneError();
    }
    if (!this.alive) return this.goneError();
    return e instanceof Error ? e : new Error(String(e));
  }

  /** Ends a process tree by PID (in the helper's, i.e. the host's, PID namespace): HUP, then KILL. */
  async killTree(pid: number): Promise<void> {
    if (!Number.isInteger(pid) || pid <= 1) return;
    await this.exec(['sh', '-c', KILL_TREE, 'sh', String(pid)]).catch(() => undefined);
  }

  /** nsenter argv run in the helper: namespaces not entered are set to the host reference's. */
  nsenter(pid: number, enter: readonly NsType[], argv: string[], extra: { uid?: number; gid?: number; cwd?: string } = {}): string[] {
    return nsenterArgv({
      pid,
      enter,
      fromHost: { pid: this.hostPid, types: HELPER_OWN_NS.filter((t) => !enter.includes(t)) },
      argv,
      flavor: this.flavor,
      ...(this.hostNsenter ? { hostNsenter: this.hostNsenter } : {}),
      ...extra,
    });
  }

  /** Namespace types of `enter` this helper's nsenter cannot enter (busybox: cgroup, time). */
  cannotEnter(enter: readonly NsType[]): NsType[] {
    return this.flavor === 'busybox' ? enter.filter((t) => BUSYBOX_CANNOT.includes(t)) : [];
  }

  /**
   * Removes the helper container. A privileged container must not outlive us because one request
   * failed (a remote link busy as it closes): the remove is tried again, and a container already
   * gone counts as removed. What is left after that is swept by the next start (sweepHelpers).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.docker.getContainer(this.containerId).remove({ force: true });
        return;
      } catch (e) {
        // Gone, or its removal already under way.
        if ([404, 409].includes((e as { statusCode?: number }).statusCode ?? 0)) return;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  }
}

// Leaves first, each while its parent lives to reap it (see killTree in shell/proctree.ts).
const KILL_TREE = `
tree() { for c in $(cat /proc/$1/task/*/children 2>/dev/null); do tree "$c"; done; echo "$1"; }
gone() { [ ! -e /proc/$1 ] || grep -q '^State:.*Z' /proc/$1/status 2>/dev/null; }
for p in $(tree "$1"); do
  kill -HUP "$p" 2>/dev/null || continue
  i=0; while [ $i -lt 20 ] && ! gone "$p"; do sleep 0.02; i=$((i+1)); done
  gone "$p" || kill -KILL "$p" 2>/dev/null
  i=0; while [ $i -lt 10 ] && ! gone "$p"; do sleep 0.02; i=$((i+1)); done
done
exit 0
`;

/**
 * One act on a path the client resolved inside a container root, given as one argument
 * `act/cap/PID/name/dev/ino/name/dev/ino…` (names hold no "/"). The root is opened, then each
 * component relative to the previous one's descriptor (/proc/$$/fd/3/name: busybox's openat),
 * and each must be the inode the walk saw; so a component the container swaps for a link
 * meanwhile fails the check (exit 10) instead of leading the read out of the container. A
 * final component that is no longer a regular file exits 11. busybox cannot open non-blocking:
 * a FIFO swapped in between the check and the open blocks until `timeout` kills it.
 */
const VERIFY_SCRIPT = `
set -f; IFS=/; set -- $1; IFS=' '
act=$1; cap=$2; exec 3< "/proc/$3/root" || exit 2; shift 3
while [ $# -gt 3 ]; do
  [ -L "/proc/$$/fd/3/$1" ] && exit 10
  exec 4< "/proc/$$/fd/3/$1" || exit 2
  [ "$(stat -L -c '%d %i' /proc/$$/fd/4)" = "$2 $3" ] || exit 10
  exec 3<&4 4<&-; shift 3
done
f=; [ $# -eq 3 ] && f="/proc/$$/fd/3/$1"
case "$act" in
  stat) if [ -n "$f" ]; then stat -c '%f %s %u %t %T %d %i' "$f"; else stat -L -c '%f %s %u %t %T %d %i' /proc/$$/fd/3; fi ;;
  link) readlink "$f" ;;
  *)
    if [ -n "$f" ]; then
      [ -L "$f" ] && exit 10
      [ "$act" = list ] || [ -f "$f" ] || exit 11
      exec 4< "$f" || exit 2
      [ "$(stat -L -c '%d %i' /proc/$$/fd/4)" = "$2 $3" ] || exit 10
    else exec 4<&3; fi
    if [ "$act" = read ]; then [ -f /proc/$$/fd/4 ] || exit 11; head -c "$cap" <&4
    else set +f; cd "/proc/$$/fd/4" && for f in * .*; do [ -e "$f" ] || [ -L "$f" ] && printf '%s\\n' "$f"; done; true; fi ;;
esac
`;

function fileType(mode: number): FileStat['type'] {
  switch (mode & 0o170000) {
    case 0o040000:
      return 'dir';
    case 0o120000:
      return 'link';
    case 0o020000:
      return 'char';
    case 0o060000:
      return 'block';
    case 0o010000:
      return 'fifo';
    case 0o140000:
      return 'socket';
    default:
      return 'file';
  }
}

/** A `stat -c '%f %s %u %t %T %d %i'` line. */
function parseStat(line: string): FileStat {
  const [mode, size, uid, major, minor, dev, ino] = line.split(' ');
  const maj = parseInt(major!, 16);
  const min = parseInt(minor!, 16);
  // glibc's makedev, as Node reports rdev.
  const rdev = ((maj & 0xfff) << 8) | (min & 0xff) | ((min & ~0xff) << 12);
  const m = parseInt(mode!, 16);
  return { type: fileType(m), size: Number(size), mode: m, uid: Number(uid), rdev, dev: Number(dev), ino: Number(ino) };
}

const listing = (text: string) => text.split('\n').filter((n) => n && n !== '.' && n !== '..');

function errorFor(rc: string, path: string): Read<never> {
  if (rc === 'ENOENT') {
    return {
      ok: false,
      error: /^\/proc\/\d+\//.test(path) ? problem('read.vanished', { path }) : problem('read.missing', { path }),
    };
  }
  return { ok: false, error: problem('read.helper-failed', { path, detail: rc }) };
}

/** ProbeAccess served by the helper container. */
export class DockerHelperAccess implements ProbeAccess {
  readonly kind = 'docker-helper' as const;
  private programs = new Map<string, string>();
  private readonly source: () => Promise<DockerHelper>;
  /** The helper the last call went through (its host PID and nsenter), replaced when it dies. */
  private current: DockerHelper | null;
  /** Reads asked for at once share an exec. */
  readonly reads = new ReadBatcher(
    async (argv, timeoutMs) => (await (await this.helperNow()).exec(argv, undefined, timeoutMs)).stdout.toString('utf8'),
    VERIFY_SCRIPT,
  );

  /** helper: one fixed helper, or where to get the serving one (a dead one is replaced there). */
  constructor(
    helper: DockerHelper | (() => Promise<DockerHelper>),
    private readonly ownsHelper = false,
  ) {
    this.current = typeof helper === 'function' ? null : helper;
    this.source = typeof helper === 'function' ? helper : () => Promise.resolve(helper);
  }

  private async helperNow(): Promise<DockerHelper> {
    const h = await this.source();
    if (h !== this.current) {
      // Another helper (a new one after a death): its programs are looked up again.
      this.current = h;
      this.programs.clear();
    }
    return h;
  }

  private async batch(op: ReadOp, paths: string[], cap = 0): Promise<ReadAnswer[]> {
    const helper = await this.helperNow();
    // The helper has its own root: a host path (the engine's layer directories) is read through
    // the host's. Verified acts ('V') carry their own root and are not paths.
    const onHost = (p: string) =>
      op === 'V' || !p.startsWith('/') || p === '/proc' || p.startsWith('/proc/') ? p : `/proc/${helper.hostPid}/root${p}`;
    return this.reads.read(paths.map((p) => ({ op, cap: cap + 1, arg: onHost(p) })));
  }

  /** The walk's lookups (inroot.ts): lstat, and a link's target, in one exec. */
  private readonly lookup: Lookup = async (paths) => {
    const r = await this.batch('L', paths);
    return r.map((x, i): Read<Entry> => {
      if (x.rc !== '0')
        return x.rc === 'ENOENT' ? { ok: false, error: problem('read.missing', { path: paths[i]! }) } : errorFor(x.rc, paths[i]!);
      const nl = x.text.indexOf('\n');
      const st = parseStat(nl < 0 ? x.text : x.text.slice(0, nl));
      return { ok: true, value: st.type === 'link' ? { ...st, target: x.text.slice(nl + 1).replace(/\n$/, '') } : st };
    });
  };

  /** Verified acts (VERIFY_SCRIPT), one argument each. */
  private readonly act: Actor = async (items) => {
    const args = items.map(({ r, act, cap }) =>
      [
        act,
        String(cap + 1),
        /^\/proc\/(\d+)\/root$/.exec(r.root)![1]!,
        ...r.steps.flatMap((s) => [s.name, String(s.dev), String(s.ino)]),
      ].join('/'),
    );
    const got = await this.batch('V', args);
    return got.map((x, k): Read<ActResult> => {
      const { r, act, cap } = items[k]!;
      if (x.rc === '10') return { ok: false, error: changedProblem(r.root, r.inner) };
      if (x.rc === '11') return { ok: false, error: innerProblem('inroot.not-regular', r.root, r.inner) };
      if (x.rc === 'TIMEOUT')
        return { ok: false, error: innerProblem('inroot.timeout', r.root, r.inner, { seconds: ITEM_TIMEOUT_MS / 1000 }) };
      if (x.rc !== '0') return { ok: false, error: innerProblem('inroot.helper-failed', r.root, r.inner, { detail: x.rc }) };
      if (act === 'read')
        return Buffer.byteLength(x.text) > cap ? { ok: false, error: tooLarge(r.root, r.inner, cap) } : { ok: true, value: x.text };
      if (act === 'list') return { ok: true, value: listing(x.text) };
      if (act === 'link') return { ok: true, value: x.text.replace(/\n$/, '') };
      return { ok: true, value: parseStat(x.text.trim()) };
    });
  };

  async readFiles(paths: string[]): Promise<Read<string>[]> {
    return splitByRoot(
      paths,
      (p) => confinedOp(this.lookup, this.act, 'read', p, true) as Promise<Read<string>[]>,
      async (p) => {
        const cap = Math.max(...p.map(readCap));
        const r = await this.batch('f', p, cap);
        return r.map((x, i) => {
          if (x.rc === 'NOTREG') return { ok: false, error: problem('read.not-regular', { path: p[i]! }) };
          if (x.rc === 'TIMEOUT') return { ok: false, error: problem('read.timeout', { path: p[i]!, seconds: ITEM_TIMEOUT_MS / 1000 }) };
          if (x.rc !== '0') return errorFor(x.rc, p[i]!);
          if (Buffer.byteLength(x.text) > readCap(p[i]!))
            return { ok: false, error: problem('read.too-large', { path: p[i]!, mib: readCap(p[i]!) >> 20 }) };
          return { ok: true, value: x.text };
        });
      },
    );
  }

  async readLinks(paths: string[]): Promise<Read<string>[]> {
    return splitByRoot(
      paths,
      (p) => confinedOp(this.lookup, this.act, 'link', p, false) as Promise<Read<string>[]>,
      async (p) =>
        (await this.batch('l', p)).map((x, i) => (x.rc === '0' ? { ok: true, value: x.text.replace(/\n$/, '') } : errorFor(x.rc, p[i]!))),
    );
  }

  async stat(paths: string[], follow = false): Promise<Read<FileStat>[]> {
    return splitByRoot(
      paths,
      (p) => confinedOp(this.lookup, this.act, 'stat', p, follow) as Promise<Read<FileStat>[]>,
      async (p) =>
        (await this.batch(follow ? 'S' : 's', p)).map((x, i): Read<FileStat> =>
          x.rc !== '0' ? errorFor(x.rc, p[i]!) : { ok: true, value: parseStat(x.text.trim()) },
        ),
    );
  }

  async listDir(path: string): Promise<Read<string[]>> {
    const [r] = await splitByRoot(
      [path],
      (p) => confinedOp(this.lookup, this.act, 'list', p, true) as Promise<Read<string[]>[]>,
      async (p) => {
        const [x] = await this.batch('d', p);
        return [!x || x.rc !== '0' ? errorFor(x?.rc ?? 'EIO', path) : { ok: true, value: listing(x.text) }];
      },
    );
    return r!;
  }

  async resolve(paths: string[]): Promise<Read<string>[]> {
    return resolvedPaths(await resolveInRoot(this.lookup, paths, false));
  }

  /** A host program's absolute path in the host's root (busybox would otherwise run its own applet). */
  async hostProgram(name: string): Promise<string> {
    const helper = await this.helperNow();
    const cached = this.programs.get(name);
    if (cached) return cached;
    const candidates = programCandidates(name);
    const root = `/proc/${helper.hostPid}/root`;
    const st = await this.stat(
      candidates.map((c) => root + c),
      true,
    );
    const i = st.findIndex((s) => s.ok && s.value.type === 'file');
    if (i < 0) throw fail('program.missing-engine-host', { program: name });
    this.programs.set(name, candidates[i]!);
    return candidates[i]!;
  }

  async run(req: ProbeRequest): Promise<Read<RunResult>> {
    const cmd = probeCommand(req);
    try {
      const helper = await this.helperNow();
      const program = await this.hostProgram(cmd.program);
      // A command that enters nothing (lsns) runs in the host reference's namespaces.
      const pid = cmd.enter.length ? cmd.pid : helper.hostPid;
      let enter = cmd.enter;
      const cannot = helper.cannotEnter(enter);
      if (cannot.length) {
        // busybox nsenter (no util-linux one on the host): a namespace the process shares with the
        // helper needs no entering; any other would be answered from the helper's, i.e. wrongly.
        const links = await this.readLinks(cannot.flatMap((t) => [`/proc/${pid}/ns/${t}`, `/proc/self/ns/${t}`]));
        const differs = cannot.find((_, i) => {
          const a = links[2 * i];
          const b = links[2 * i + 1];
          return !a?.ok || !b?.ok || a.value !== b.value;
        });
        if (differs) return { ok: false, error: cannotEnterProblem(differs) };
        enter = enter.filter((t) => !cannot.includes(t));
      }
      const argv = helper.nsenter(pid, enter, [program, ...cmd.args]);
      const r = await helper.exec(argv, cmd.input ?? undefined, cmd.timeoutMs);
      const res = { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
      if (r.code !== 0) return { ok: false, error: problemFromStderr(probeArgv(cmd), r.code, res.stderr) };
      return { ok: true, value: res };
    } catch (e) {
      const err = e as NsInspectError;
      return { ok: false, error: { code: err.code === 'not-found' ? 'missing' : 'failed', message: err.message } };
    }
  }

  async close(): Promise<void> {
    if (this.ownsHelper) await (await this.source()).stop();
  }
}
