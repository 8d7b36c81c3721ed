import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tryRun } from '../support/sh.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellEnd } from '../../shared/api/shell.js';
import { Backends } from '../../electron/core/access/select.js';
import { Engine } from '../../electron/core/engine/engine.js';
import { ShellManager } from '../../electron/core/shell/manager.js';
import { IMAGE } from '../support/fixtures.js';

/** Builds the host helper bundle into a private directory (parallel test files do not collide). */
export function buildHelper(): { script: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nsi-helper-'));
  execFileSync('npx', ['vite', 'build', '-c', 'vite.helper.config.ts', '--outDir', dir], { stdio: 'pipe' });
  return { script: join(dir, 'host-helper.cjs'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Collects every session's output (decoded as a stream, so split UTF-8 survives) and end; acks as it goes. */
export class Collector {
  readonly text = new Map<string, string>();
  readonly bytes = new Map<string, number>();
  readonly ends = new Map<string, ShellEnd>();
  private decoders = new Map<string, TextDecoder>();
  autoAck = true;

  constructor(readonly m: ShellManager) {
    m.on('data', (id, d) => {
      let dec = this.decoders.get(id);
      if (!dec) this.decoders.set(id, (dec = new TextDecoder()));
      this.text.set(id, (this.text.get(id) ?? '') + dec.decode(d, { stream: true }));
      this.bytes.set(id, (this.bytes.get(id) ?? 0) + d.length);
      if (this.autoAck) m.ack(id, d.length);
    });
    m.on('end', (id, end) => this.ends.set(id, end));
  }

  async waitFor(id: string, pred: (text: string) => boolean, ms = 15_000): Promise<string> {
    const t = Date.now();
    while (Date.now() - t < ms) {
      const s = this.text.get(id) ?? '';
      if (pred(s)) return s;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out; output so far: ${JSON.stringify((this.text.get(id) ?? '').slice(-500))}`);
  }

  async end(id: string, ms = 20_000): Promise<ShellEnd> {
    const t = Date.now();
    while (Date.now() - t < ms) {
      const e = this.ends.get(id);
      if (e) return e;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no end after ${ms} ms; output: ${JSON.stringify((this.text.get(id) ?? '').slice(-300))}`);
  }
}

/** Processes whose command line mentions nsenter or script (ours or anyone's), from /proc. */
export function nsenterProcesses(): string[] {
  const out: string[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (/(^|\/)(nsenter|script) /.test(cmd)) out.push(`${p}: ${cmd}`);
    } catch {
      /* exited */
    }
  }
  return out;
}

/** PIDs (host view) in the PID namespace of pid, from every /proc/PID/ns/pid. */
export function pidsInNamespaceOf(pid: number): number[] {
  const ns = readlinkSync(`/proc/${pid}/ns/pid`);
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readlinkSync(`/proc/${p}/ns/pid`) === ns) out.push(Number(p));
    } catch {
      /* exited */
    }
  }
  return out;
}

export function fdCount(pid: number | 'self' = 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** "mnt:[4026531840]" lines of `readlink /proc/self/ns/*` → inode per type. */
export function parseNsLines(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/(\w+):\[(\d+)\]/g)) out[m[1]!] = Number(m[2]);
  return out;
}

/** pid's descendants (not pid itself), from /proc/PID/stat. */
export function descendants(pid: number): Array<{ pid: number; comm: string }> {
  const kids = new Map<number, Array<{ pid: number; comm: string }>>();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push({ pid: Number(p), comm });
    } catch {
      /* exited */
    }
  }
  const out: Array<{ pid: number; comm: string }> = [];
  const walk = (p: number) => {
    for (const c of kids.get(p) ?? []) {
      out.push(c);
      walk(c.pid);
    }
  };
  walk(pid);
  return out;
}

/**
 * Label of the containers these tests create for themselves, valued with the owning PID. Not the
 * fixtures' key: a fixture setup or teardown of a concurrent run would remove them.
 */
export const OWN_LABEL = `io.nsinspect.shelltest=${process.pid}`;

/** Removes containers of test processes that are gone (a killed run). */
export function sweepOwn(): void {
  const rows = tryRun([
    'docker',
    'ps',
    '-a',
    '--filter',
    'label=io.nsinspect.shelltest',
    '--format',
    '{{.ID}} {{.Label "io.nsinspect.shelltest"}}',
  ]).stdout;
  const dead = rows
    .split('\n')
    .filter(Boolean)
    .map((r) => r.split(' '))
    .filter(([, pid]) => !pid || !existsSync(`/proc/${pid}`))
    .map(([id]) => id!);
  if (dead.length) tryRun(['docker', 'rm', '-f', ...dead]);
}

export interface ShellRig {
  engine: Engine;
  backends: Backends;
  m: ShellManager;
  col: Collector;
  stop(): Promise<void>;
}

/**
 * What a shell test file needs: a connected engine, the backends (helper container from
 * the local test image), a private host-helper bundle, and a shell manager with a collector.
 * stop() undoes all of it, also after failures.
 */
export async function startShellRig(): Promise<ShellRig> {
  sweepOwn();
  const helper = buildHelper();
  process.env.NSINSPECT_HOST_HELPER_SCRIPT = helper.script;
  const engine = new Engine();
  const backends = new Backends(engine, IMAGE);
  const m = new ShellManager({ engine, backends });
  const col = new Collector(m);
  await engine.start();
  return {
    engine,
    backends,
    m,
    col,
    async stop() {
      await m.dispose();
      await backends.close();
      await engine.stop();
      helper.cleanup();
    },
  };
}
