// The probe's verbs: reads checked against the read policy, and the fixed commands of
// core/access/probe-commands.ts, entered through pinned namespaces.
import { spawn } from 'node:child_process';
import type { RunResult } from '../core/access/access.js';
import { DirectAccess } from '../core/access/direct.js';
import { checkProbeRequest, probeCommand } from '../core/access/probe-commands.js';
import { problem } from '../../shared/model/index.js';
import { fail, NsInspectError } from '../core/errors.js';
import { effectiveNamespaces } from '../core/shell/plan.js';
import { nsInodesOf } from '../core/util/local-fs.js';
import { dieWithParent } from './children.js';
import { resolveContainer, type VerifiedContainer } from './containers.js';
import { pin, type PinHooks } from './pin.js';
import { pathAllowed, type ReadOp } from './policy.js';
import { checkRoots, rootVerdict } from './roots.js';
import { FIXED_ENV, hostProgram } from './programs.js';

const access = new DirectAccess();
/** A command's output beyond this is an error, not a truncated answer that looks whole. */
const MAX_OUTPUT = 8 << 20;

export async function probeRead(a: Record<string, unknown>, hostPid: number): Promise<unknown> {
  const op = a.op as ReadOp;
  if (!['readFiles', 'readLinks', 'stat', 'listDir', 'resolve'].includes(op)) throw fail('wire.unknown-read');
  const paths = op === 'listDir' ? [a.path] : a.paths;
  if (!Array.isArray(paths) || paths.length > 100_000) throw fail('wire.paths-not-list');
  // Refused paths answer a problem each; nothing is read for them.
  const refused = { ok: false, error: problem('read.not-through-helper') };
  const allowed = paths.map((p) => pathAllowed(op, p));
  const roots = await checkRoots(paths.filter((_, i) => allowed[i]) as string[], a.containers, hostPid, a.engine);
  const verdicts = paths.map((p, i) => (allowed[i] ? rootVerdict(roots, p as string) : null));
  const ok = paths.filter((_, i) => allowed[i] && verdicts[i]?.ok !== false) as string[];
  let got: unknown[];
  if (op === 'listDir') got = ok.length ? [await access.listDir(ok[0]!)] : [];
  else if (op === 'readFiles') got = await access.readFiles(ok);
  else if (op === 'readLinks') got = await access.readLinks(ok);
  else if (op === 'resolve') got = await access.resolve(ok);
  else got = await access.stat(ok, a.follow === true);
  let j = 0;
  const out = paths.map((p, i) => {
    if (!allowed[i]) return refused;
    const v = verdicts[i];
    if (v && !v.ok) return v;
    const r = got[j++];
    // A container that stopped (or whose PID was reused) during the read: its answer is dropped.
    const after = rootVerdict(roots, p as string, true);
    return after && !after.ok ? after : r;
  });
  return op === 'listDir' ? out[0] : out;
}

/**
 * One of the probe's commands, from its typed request. A PID other than the host reference's
 * must be the main process of the container named with it; its namespaces are pinned and the
 * PID verified before anything runs.
 */
export async function probeRun(a: Record<string, unknown>, hostPid: number, hooks: PinHooks = {}): Promise<RunResult> {
  const req = checkProbeRequest(a.req);
  const cmd = probeCommand(req);
  let verified: VerifiedContainer | null = null;
  if (cmd.enter.length && req.pid !== hostPid) {
    verified = await resolveContainer(a.container, a.engine);
    if (verified.pid !== req.pid) throw fail('helper.pid-moved', { pid: req.pid, name: verified.name, now: verified.pid });
  }
  const enter = cmd.enter.length ? effectiveNamespaces(cmd.enter, nsInodesOf(req.pid), nsInodesOf(hostPid)) : [];
  const program = [hostProgram(cmd.program), ...cmd.args];
  const pinned = await pin(verified, req.pid, enter, {}, hooks);
  const argv = enter.length ? [hostProgram('nsenter'), ...pinned.options, '--', ...program] : program;
  try {
    return await runBounded(dieWithParent(argv), pinned.stdio, cmd.input, cmd.timeoutMs, cmd.program);
  } finally {
    pinned.close();
  }
}

function runBounded(argv: string[], extra: number[], input: string | undefined, timeoutMs: number, name: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: FIXED_ENV, stdio: ['pipe', 'pipe', 'pipe', ...extra] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: NsInspectError | null = null;
    const stop = (e: NsInspectError) => {
      failure ??= e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(fail('helper.command-timeout', { program: name, seconds: timeoutMs / 1000 })), timeoutMs);
    const take = (list: Buffer[]) => (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT) stop(fail('helper.command-flood', { program: name, mib: MAX_OUTPUT >> 20 }));
      else list.push(d);
    };
    child.stdout!.on('data', take(out));
    child.stderr!.on('data', take(err));
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input ?? '');
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout: '', stderr: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
