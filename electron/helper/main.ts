// The host helper: a root process started per app session (pkexec, sudo -A, or directly when
// already root), speaking the framed protocol of electron/core/access/host-helper/protocol.ts on
// stdin/stdout. Fixed verbs only; container IDs in, never PIDs or paths to act on. What it may do
// is fixed by its command line, i.e. by the wrapper polkit ran: reading (no arguments) or opening
// shells (--shells), each its own polkit action (docs/access-and-shells.md, "Threat model").
import { readFileSync } from 'node:fs';
import { DirectAccess } from '../core/access/direct.js';
import {
  encodeFrame,
  FrameReader,
  FrameTooLarge,
  PROTOCOL_VERSION,
  SHELLS_FLAG,
  VERBS,
  type FrameProblem,
  type Header,
  type Hello,
  type HelperMode,
  type WireError,
} from '../core/access/host-helper/protocol.js';
import { fail, NsInspectError } from '../core/errors.js';
import { findHostReference } from '../core/probe/host.js';
import { killAllChildrenSync } from './children.js';
import { setEngineCaller } from './engine-socket.js';
import { probeRead, probeRun } from './probe.js';
import { FIXED_ENV } from './programs.js';
import { HelperShell } from './shells.js';

function log(line: string): void {
  process.stderr.write(`nsinspect host helper: ${line}\n`);
}

// pkexec says who asked; read before the environment goes.
const pkexecUid = /^\d{1,10}$/.test(process.env.PKEXEC_UID ?? '') ? Number(process.env.PKEXEC_UID) : null;
const sudoUid = /^\d{1,10}$/.test(process.env.SUDO_UID ?? '') ? Number(process.env.SUDO_UID) : null;
// Nothing of the caller's environment is used.
for (const k of Object.keys(process.env)) delete process.env[k];
Object.assign(process.env, FIXED_ENV);

const args = process.argv.slice(2);
if (args.length > 1 || (args.length === 1 && args[0] !== SHELLS_FLAG)) {
  log(`unknown arguments (${args.length}); the helper takes none, or ${SHELLS_FLAG}`);
  process.exit(2);
}
const MODE: HelperMode = args[0] === SHELLS_FLAG ? 'shells' : 'read';

/** The real uid of a process, from /proc. */
function uidOf(pid: number): number | null {
  try {
    const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// pkexec execs the wrapper, so the parent is the program that ran pkexec: it must be the user
// pkexec authorised. (Under sudo the parent is sudo itself, root, and there is nothing to compare.)
const parent = process.ppid;
if (pkexecUid !== null && parent > 1) {
  const puid = uidOf(parent);
  if (puid !== null && puid !== pkexecUid) {
    log(`refusing: started for uid ${pkexecUid} (PKEXEC_UID) but the parent process ${parent} runs as uid ${puid}`);
    process.exit(1);
  }
}
const caller = pkexecUid ?? sudoUid ?? uidOf(parent);
// The engine sockets the client may name are root's or this user's (engine-socket.ts).
setEngineCaller(caller);
log(`started (${MODE}) for uid ${caller ?? 'unknown'}, parent ${parent}`);

process.on('exit', killAllChildrenSync);
process.on('uncaughtException', (e) => {
  log(`internal error, exiting: ${e.stack ?? e.message}`);
  process.exit(70);
});
// Every request's promise is answered; one that still escapes is logged, never fatal.
process.on('unhandledRejection', (e) => log(`unhandled: ${(e as Error)?.stack ?? String(e)}`));

const access = new DirectAccess();
const shells = new Map<number, HelperShell>();
let nextCh = 1;
let hostPid = 2;
const hostReady = findHostReference(access).then(
  (h) => (hostPid = h.pid),
  () => undefined,
);

/** Writes one frame; an answer too large for a frame becomes an error answer. Never throws. */
function send(h: Header, body?: Uint8Array): void {
  try {
    process.stdout.write(encodeFrame(h, body));
  } catch (e) {
    if (e instanceof FrameTooLarge && h.t === 'res') {
      send({
        t: 'res',
        id: h.id,
        ok: false,
        error: {
          code: 'failed',
          message: `the answer is too large for the helper protocol (${e.length} bytes)`,
          hint: 'ask for fewer paths at once',
        },
      });
    } else log(`cannot send a ${h.t} frame: ${(e as Error).message}`);
  }
}

function wireError(e: unknown): WireError {
  if (e instanceof NsInspectError)
    return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...(e.id ? { id: e.id, params: e.params ?? {} } : {}) };
  return { code: 'failed', message: (e as Error)?.message ?? String(e) };
}

function asObject(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw fail('wire.not-object');
  return v as Record<string, unknown>;
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

const NOT_HERE: Record<HelperMode, NsInspectError> = {
  read: fail('helper.read-only'),
  shells: fail('helper.shells-only'),
};

async function request(verb: unknown, a: unknown): Promise<unknown> {
  if (!VERBS.includes(verb as never)) throw fail('wire.unknown-verb');
  if (verb === 'hello') {
    await hostReady;
    const hello: Hello = {
      version: PROTOCOL_VERSION,
      mode: MODE,
      pid: process.pid,
      uid: process.getuid?.() ?? -1,
      callerUid: pkexecUid,
      hostPid,
    };
    return hello;
  }
  if ((verb === 'shell.open') !== (MODE === 'shells')) throw NOT_HERE[MODE];
  switch (verb) {
    case 'probe.read':
      await hostReady;
      return probeRead(asObject(a), hostPid);
    case 'probe.run':
      await hostReady;
      return probeRun(asObject(a), hostPid);
    case 'shell.open':
      return shellOpen(asObject(a));
  }
  throw fail('wire.unknown-verb');
}

function onFrame(h: Header, body: Buffer): void {
  if (h.t === 'req') {
    const id = h.id;
    if (!Number.isSafeInteger(id)) return send({ t: 'error', error: { code: 'input', message: 'a request needs an integer id' } });
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
      default:
        // end, res, stderr: frames only the helper sends; one coming back is ignored.
        break;
    }
  } catch {
    /* a bad control frame is ignored; the session goes on */
  }
}

function onProblem(p: FrameProblem): void {
  const error: WireError = { code: 'input', message: p.message };
  if (p.id !== undefined && !p.fatal) send({ t: 'res', id: p.id, ok: false, error });
  else send({ t: 'error', error: p.fatal ? { ...error, message: `${p.message}; the helper stops` } : error });
}

let stopping = false;
async function shutdown(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.race([Promise.allSettled([...shells.values()].map((s) => s.close())), new Promise((r) => setTimeout(r, 3000))]);
  }
  process.exit(code); // the 'exit' handler kills whatever is left
}

const reader = new FrameReader();
process.stdin.on('data', (chunk: Buffer) => {
  try {
    reader.push(chunk, onFrame, onProblem);
  } catch {
    // A peer that breaks the framing is not trusted with anything more (it was told why).
    process.stdout.end(() => void shutdown(0));
  }
});
// The parent went away: stdin closes, or we are re-parented.
process.stdin.on('end', () => void shutdown());
setInterval(() => {
  if (process.ppid !== parent) void shutdown();
}, 1000).unref();
process.on('SIGTERM', () => void shutdown());
process.on('SIGHUP', () => void shutdown());
process.stdout.on('error', () => void shutdown());
