import { execFileSync, spawnSync } from 'node:child_process';

/** Runs a program (argv, no shell) and returns stdout; throws with stderr on failure. */
export function run(argv: string[], input?: string): string {
  return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

export function tryRun(argv: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export const docker = (...args: string[]) => run(['docker', ...args]).trim();

/** Independent source: the kernel's own answer, read with coreutils. */
export function nsInode(pid: number, type: string): number {
  const link = run(['readlink', `/proc/${pid}/ns/${type}`]).trim();
  return Number(/\[(\d+)\]/.exec(link)![1]);
}

export function containerPid(name: string): number {
  return Number(docker('inspect', '-f', '{{.State.Pid}}', name));
}

export function engineAvailable(): { ok: boolean; reason: string } {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'not root: namespace links of other processes need root' };
  const r = tryRun(['docker', 'version', '--format', '{{.Server.Version}}']);
  return r.code === 0 ? { ok: true, reason: '' } : { ok: false, reason: `no Docker engine: ${r.stderr.trim().split('\n')[0]}` };
}
