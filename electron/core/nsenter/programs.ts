import { fail } from '../errors.js';

/** PATH of every program nsinspect starts in a namespace; nothing of the caller's leaks in. */
export const SHELL_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Where a bare program name is looked up (in the target root), like PATH. */
export const PROGRAM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Candidate absolute paths for a program given by the user (a bare name goes through PROGRAM_DIRS). */
export function programCandidates(program: string): string[] {
  if (program.startsWith('/')) return [program];
  if (program.includes('/')) throw fail('program.bad-name', { program: program.slice(0, 64) });
  return PROGRAM_DIRS.map((d) => `${d}/${program}`);
}
