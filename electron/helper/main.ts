// The host helper: a root process started once per app session (pkexec, sudo -A, or directly when
// already root), speaking the framed protocol of electron/core/access/host-helper/protocol.ts on
// stdin/stdout. Fixed verbs only; container IDs in, never PIDs or paths to act on.
import { spawn } from 'node:child_process';
import type { NsType } from '../../shared/model/index.js';
import { DirectAccess } from '../core/access/direct.js';
import { encodeFrame, FrameReader, PROTOCOL_VERSION, VERBS, type Header, type WireError } from '../core/access/host-helper/protocol.js';
import { NsInspectError } from '../core/errors.js';
import { findHostReference } from '../core/probe/host.js';
import { nsenterArgv } from '../core/nsenter/argv.js';
import { effectiveNamespaces } from '../core/shell/plan.js';
import { assertStillValid, resolveContainer } from './containers.js';
import { ipBatchAllowed, kernelViewFileAllowed, pathAllowed, type ReadOp } from './policy.js';
import { FIXED_ENV, HelperShell, hostProgram } from './shells.js';

// Nothing of the caller's environment is used.
for (const k of Object.keys(process.env)) delete process.env[k];
Object.assign(process.env, FIXED_ENV);

const access = new DirectAccess();
const shells = new Map<number, HelperShell>();
let nextCh = 1;
let hostPid = 2;
const hostReady = findHostReference(access).then(
  (h) => (hostPid = h.pid),
  () => undefined,
);

function send(h: Header, body?: Uint8Array): void {
  process.stdout.write(encodeFrame(h, body));
}

function wireError(e: unknown): WireError {
  if (e instanceof NsInspectError) return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return { code: 'failed', message: (e as Error)?.message ?? String(e) };
}

function asObject(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new NsInspectError('input', 'arguments must be an object');
  return v as Record<string, unknown>;
}

async function probeRead(a: Record<string, unknown>): Promise<unknown> {
  const op = a.op as ReadOp;
  if (!['readFiles', 'readLinks', 'stat', 'listDir'].includes(op)) throw new NsInspectError('input', 'unknown read');
  const paths = op === 'listDir' ? [a.path] : a.paths;
  if (!Array.isArray(paths) || paths.length > 100_000) throw new NsInspectError('input', 'paths must be a list');
  // Refused paths answer a problem each; nothing is read for them.
  const refused = { ok: false, error: { code: 'unsupported', message: 'not readable through the host helper' } };
  const allowed = paths.map((p) => pathAllowed(op, p));
  const ok = paths.filter((_, i) => allowed[i]) as string[];
  let got: unknown[];
  if (op === 'listDir') got = ok.length ? [await access.listDir(ok[0]!)] : [];
  else if (op === 'readFiles') got = await access.readFiles(ok);
  else if (op === 'readLinks') got = await access.readLinks(ok);
  else got = await access.stat(ok, a.follow === true);
  let j = 0;
  const out = paths.map((_, i) => (allowed[i] ? got[j++] : refused));
  return op === 'listDir' ? out[0] : out;
}

/** The probe's namespace-scoped commands, as verbs with checked parameters. */
async function probeRun(a: Record<string, unknown>): Promise<unknown> {
  await hostReady;
  const kind = a.kind;
  const pid = a.pid;
  if (!Number.isInteger(pid) || (pid as number) < 0) throw new NsInspectError('input', 'pid must be an integer');
  let target = hostPid;
  let verified: Awaited<ReturnType<typeof resolveContainer>> | null = null;
  if (kind !== 'lsns-user' && pid !== hostPid && pid !== 0) {
    // Any other process must be a container's main process, named by the container.
    verified = await resolveContainer(a.container);
    if (verified.pid !== pid) throw new NsInspectError('gone', `PID ${String(pid)} does not belong to container ${verified.name}`);
    target = verified.pid;
  }
  let enter: NsType[];
  let argv: string[];
  let input: string | undefined;
  if (kind === 'ip-show') {
    enter = ['net'];
    argv = [hostProgram('ip'), '-j', '-d', 'addr', 'show'];
  } else if (kind === 'ip-batch') {
    if (!ipBatchAllowed(a.input)) throw new NsInspectError('input', 'only read-only `ip ... show` lines are allowed');
    enter = ['net'];
    argv = [hostProgram('ip'), '-j', '-d', '-batch', '-'];
    input = a.input;
  } else if (kind === 'kernel-views') {
    const files = a.files;
    if (!Array.isArray(files) || !files.length || !files.every((f) => kernelViewFileAllowed(f, target))) throw new NsInspectError('input', 'file not allowed');
    enter = ['uts', 'ipc', 'cgroup'];
    argv = [hostProgram('tail'), '-v', '-n', '+1', ...(files as string[])];
  } else if (kind === 'lsns-user') {
    enter = [];
    argv = [hostProgram('lsns'), '-J', '-p', String(pid), '-t', 'user', '-o', 'NS,PNS,ONS'];
  } else {
    throw new NsInspectError('input', 'unknown probe command');
  }
  const hostNs = (await access.readLinks(enter.map((t) => `/proc/${hostPid}/ns/${t}`))).map((r) => (r.ok ? r.value : ''));
  const tgtNs = (await access.readLinks(enter.map((t) => `/proc/${target}/ns/${t}`))).map((r) => (r.ok ? r.value : ''));
  const eff = enter.length ? effectiveNamespaces(enter, Object.fromEntries(enter.map((t, i) => [t, Number(/\d+/.exec(tgtNs[i]!)?.[0] ?? NaN)])), Object.fromEntries(enter.map((t, i) => [t, Number(/\d+/.exec(hostNs[i]!)?.[0] ?? NaN)]))) : [];
  const full = eff.length ? nsenterArgv({ pid: target, enter: eff, argv }) : argv;
  if (full[0] === 'nsenter') full[0] = hostProgram('nsenter');
  if (verified) assertStillValid(verified);
  return new Promise((resolve) => {
    const child = spawn(full[0]!, full.slice(1), { env: FIXED_ENV, stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    child.on('error', (e) => resolve({ code: -1, stdout: '', stderr: e.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function shellOpen(a: Record<string, unknown>): Promise<unknown> {
  await hostReady;
  const ch = nextCh++;
  const shell = await HelperShell.open(a as never, hostPid, {
    data: (d) => send({ t: 'data', ch }, d),
    stderr: (d) => send({ t: 'stderr', ch }, d),
    end: (end) => {
      shells.delete(ch);
      send({ t: 'end', ch, end });
    },
  });
  shells.set(ch, shell);
  return { ch, ...shell.info };
}

async function request(verb: unknown, args: unknown): Promise<unknown> {
  if (!VERBS.includes(verb as never)) throw new NsInspectError('input', 'unknown verb');
  switch (verb) {
    case 'hello':
      await hostReady;
      return { version: PROTOCOL_VERSION, pid: process.pid, uid: process.getuid?.(), hostPid };
    case 'probe.read':
      return probeRead(asObject(args));
    case 'probe.run':
      return probeRun(asObject(args));
    case 'shell.open':
      return shellOpen(asObject(args));
  }
  throw new NsInspectError('input', 'unknown verb');
}

function onFrame(h: Header, body: Buffer): void {
  if (h.t === 'req') {
    const id = h.id;
    if (!Number.isInteger(id)) return;
    request(h.verb, h.args).then(
      (value) => send({ t: 'res', id, ok: true, value }),
      (e) => send({ t: 'res', id, ok: false, error: wireError(e) }),
    );
    return;
  }
  const shell = 'ch' in h ? shells.get(h.ch) : undefined;
  if (!shell) return;
  try {
    switch (h.t) {
      case 'data':
        shell.write(body);
        break;
      case 'eof':
        shell.eof();
        break;
      case 'resize':
        shell.resize(h.cols, h.rows);
        break;
      case 'signal':
        shell.signal(String(h.sig));
        break;
      case 'pause':
        shell.pause();
        break;
      case 'resume':
        shell.resume();
        break;
      case 'close':
        void shell.close();
        break;
    }
  } catch {
    /* a bad control frame is ignored; the session goes on */
  }
}

async function shutdown(): Promise<never> {
  await Promise.allSettled([...shells.values()].map((s) => s.close()));
  process.exit(0);
}

const reader = new FrameReader();
process.stdin.on('data', (chunk: Buffer) => {
  try {
    reader.push(chunk, onFrame);
  } catch {
    // A peer that breaks the framing is not trusted with anything more.
    void shutdown();
  }
});
// The parent went away: stdin closes, or we are re-parented.
process.stdin.on('end', () => void shutdown());
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown();
}, 1000).unref();
process.on('SIGTERM', () => void shutdown());
process.on('SIGHUP', () => void shutdown());
process.stdout.on('error', () => void shutdown());
