import { existsSync } from 'node:fs';
import { fail } from '../core/errors.js';
import { SHELL_PATH } from '../core/nsenter/programs.js';

export const FIXED_ENV = { PATH: SHELL_PATH, LC_ALL: 'C' };

/**
 * Where the helper's own programs (nsenter, ip, script, setpriv, …) are looked for: the
 * distribution's directories only. /usr/local is left out because it is not the package
 * manager's and is often writable by more than root (Debian's group `staff`), and whatever is
 * found runs as root.
 */
export const ROOT_PROGRAM_DIRS = ['/usr/bin', '/usr/sbin', '/bin', '/sbin'];

/** A host program by name, looked up in fixed directories (never the caller's PATH). */
export function hostProgram(name: string): string {
  const p = ROOT_PROGRAM_DIRS.map((d) => `${d}/${name}`).find((c) => existsSync(c));
  if (!p) throw fail('program.missing', { program: name });
  return p;
}
